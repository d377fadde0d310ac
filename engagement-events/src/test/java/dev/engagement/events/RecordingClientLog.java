package dev.engagement.events;

import dev.engagement.events.internal.ClientLog;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.event.Level;

/** Records client log lines as {@code LEVEL message}. */
final class RecordingClientLog implements ClientLog {
  final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  @Override
  public void log(Level level, String socketId, String message) {
    lines.add(level + " " + message);
  }

  String next() throws InterruptedException {
    String l = lines.poll(FrameClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (l == null) {
      throw new AssertionError("no client log line within " + FrameClient.WAIT);
    }
    return l;
  }
}
