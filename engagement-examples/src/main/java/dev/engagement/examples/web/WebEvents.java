package dev.engagement.examples.web;

import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.ProcessError;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ProcessListener;
import dev.engagement.events.Emitter;
import dev.engagement.events.SocketIoProcessListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch's events to the browser that started it (or to every page), as the Socket.IO
 * event {@code message} with the core's {@code {type, detail}} shapes; names are relative to the
 * upload, never server paths. A {@code process-result} also carries {@code input} (the uploaded
 * name), {@code message} (why it failed or was skipped) and {@code cached}, added to the core's
 * {@code process, status, filename}.
 *
 * <p>Used from the batch's thread only; never throws (a failure is logged).
 */
final class WebEvents implements ProcessListener {
  private static final Logger logger = LoggerFactory.getLogger(WebEvents.class);

  private final Emitter to;
  private final WebJson.Paths paths;
  private final ProcessListener plain;

  WebEvents(Emitter to, WebJson.Paths paths) {
    this.to = to;
    this.paths = paths;
    this.plain = ProcessEvent.listener(this::send);
  }

  /** Sends one event. */
  static void send(Emitter to, ProcessEvent event) {
    try {
      to.emit(SocketIoProcessListener.DEFAULT_EVENT, SocketIoProcessListener.message(event));
    } catch (RuntimeException e) {
      logger.warn("Could not send the {} event", event.type(), e);
    }
  }

  private void send(ProcessEvent event) {
    send(to, event);
  }

  /** Returns a {@code process-error} event that belongs to no file (a refused upload). */
  static ProcessEvent error(String error, String message, String process) {
    return new ProcessEvent(
        ProcessEvent.PROCESS_ERROR, map("error", error, "message", message, "process", process, "method", "POST"));
  }

  @Override
  public void processStart(BatchContext batch, String message) {
    plain.processStart(batch, message);
  }

  @Override
  public void processing(BatchContext batch, String message) {
    plain.processing(batch, message);
  }

  @Override
  public void result(BatchContext batch, FileResult r) {
    String filename =
        r.status() == Status.SUCCESS ? r.outputName().orElse(r.letter().relativePath()) : r.letter().relativePath();
    send(
        new ProcessEvent(
            ProcessEvent.PROCESS_RESULT,
            map(
                "process", r.process(),
                "status", r.status().jsonName(),
                "filename", filename,
                "input", r.letter().relativePath(),
                "message", r.message().map(paths::clean).orElse(null),
                "cached", r.cached())));
  }

  @Override
  public void progress(BatchContext batch, double value) {
    plain.progress(batch, value);
  }

  @Override
  public void error(BatchContext batch, ProcessError error) {
    send(
        new ProcessEvent(
            ProcessEvent.PROCESS_ERROR,
            map(
                "error", error.error(),
                "message", paths.clean(error.message()),
                "process", batch.process(),
                "method", batch.method())));
  }

  @Override
  public void complete(BatchContext batch, String message) {
    plain.complete(batch, message);
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      if (keyValues[i + 1] != null) {
        m.put((String) keyValues[i], keyValues[i + 1]);
      }
    }
    return Collections.unmodifiableMap(m);
  }
}
