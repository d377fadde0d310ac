package dev.engagement.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A handler that records what it is told, as lines ({@code connect /custom {"token":"abc"}},
 * {@code event log [...]}, {@code disconnect client namespace disconnect}), and keeps the sockets.
 */
final class RecordingHandler implements SocketIoHandler {
  /** What to do with an event: return true if taken. */
  interface OnEvent {
    boolean handle(SocketIoSocket socket, String event, List<JsonNode> args, Ack ack);
  }

  final BlockingQueue<String> calls = new LinkedBlockingQueue<>();
  final BlockingQueue<SocketIoSocket> sockets = new LinkedBlockingQueue<>();
  volatile Function<Handshake, Optional<ConnectRefusal>> authorizer = h -> Optional.empty();
  volatile @Nullable OnEvent onEvent;

  @Override
  public Optional<ConnectRefusal> authorize(Handshake handshake) {
    return authorizer.apply(handshake);
  }

  @Override
  public void onConnect(SocketIoSocket socket) {
    calls.add("connect " + socket.namespace() + " " + socket.handshake().auth());
    sockets.add(socket);
  }

  @Override
  public boolean onEvent(SocketIoSocket socket, String event, List<JsonNode> args, Ack ack) {
    calls.add("event " + event + " " + args);
    OnEvent h = onEvent;
    return h != null && h.handle(socket, event, args, ack);
  }

  @Override
  public void onDisconnect(SocketIoSocket socket, String reason) {
    calls.add("disconnect " + reason);
  }

  /** Returns the next call. */
  String next() throws InterruptedException {
    String c = calls.poll(FrameClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (c == null) {
      throw new AssertionError("no handler call within " + FrameClient.WAIT);
    }
    return c;
  }

  /** Returns the next call, or null if none comes within {@code wait}. */
  @Nullable String poll(Duration wait) throws InterruptedException {
    return calls.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Returns the next connected socket. */
  SocketIoSocket socket() throws InterruptedException {
    SocketIoSocket s = sockets.poll(FrameClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null) {
      throw new AssertionError("no socket within " + FrameClient.WAIT);
    }
    return s;
  }
}
