package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.spi.ProcessListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A listener call in the original app's message shape, {@code {"type": ..., "detail": ...}}:
 *
 * <ul>
 *   <li>{@code process-start}, {@code complete}: the detail is the message (a string);
 *   <li>{@code processing}: {@code {process, method, message}};
 *   <li>{@code process-result}: {@code {process, status, filename}}, the filename being, for a
 *       success, the output's path relative to the output folder, else the input's path relative
 *       to the input it was found under (with {@code /}; never a path of the machine that ran
 *       the batch: events go to browsers);
 *   <li>{@code progress}: {@code {process, value}}, value from 0 to 1;
 *   <li>{@code process-error}: {@code {error, message, process, method}}.
 * </ul>
 *
 * <p>The detail is a {@link String} or an unmodifiable {@code Map<String, Object>} whose keys are
 * in the order above, ready for any JSON writer.
 *
 * @param type the event type
 * @param detail the detail
 * @since 0.1
 */
public record ProcessEvent(String type, Object detail) {
  /** The type of the event that starts a batch. */
  public static final String PROCESS_START = "process-start";

  /** The type of the event that says the batch is running. */
  public static final String PROCESSING = "processing";

  /** The type of a file's result. */
  public static final String PROCESS_RESULT = "process-result";

  /** The type of a progress event. */
  public static final String PROGRESS = "progress";

  /** The type of an error. */
  public static final String PROCESS_ERROR = "process-error";

  /** The type of the event that ends a batch. */
  public static final String COMPLETE = "complete";

  /**
   * Checks the fields.
   *
   * @param type the event type
   * @param detail the detail
   */
  public ProcessEvent {
    requireNonNull(type, "type");
    requireNonNull(detail, "detail");
  }

  /**
   * Returns a listener that turns every call into a {@link ProcessEvent} for {@code sink}, on
   * the batch's thread.
   *
   * @param sink receives each event
   * @return the listener
   */
  public static ProcessListener listener(Consumer<? super ProcessEvent> sink) {
    requireNonNull(sink, "sink");
    return new ProcessListener() {
      @Override
      public void processStart(BatchContext batch, String message) {
        sink.accept(new ProcessEvent(PROCESS_START, message));
      }

      @Override
      public void processing(BatchContext batch, String message) {
        sink.accept(
            new ProcessEvent(
                PROCESSING,
                map("process", batch.process(), "method", batch.method(), "message", message)));
      }

      @Override
      public void result(BatchContext batch, FileResult result) {
        String filename =
            result.status() == Status.SUCCESS
                ? result.outputName().orElse(result.letter().relativePath())
                : result.letter().relativePath();
        sink.accept(
            new ProcessEvent(
                PROCESS_RESULT,
                map(
                    "process",
                    result.process(),
                    "status",
                    result.status().jsonName(),
                    "filename",
                    filename)));
      }

      @Override
      public void progress(BatchContext batch, double value) {
        sink.accept(new ProcessEvent(PROGRESS, map("process", batch.process(), "value", value)));
      }

      @Override
      public void error(BatchContext batch, ProcessError error) {
        sink.accept(
            new ProcessEvent(
                PROCESS_ERROR,
                map(
                    "error",
                    error.error(),
                    "message",
                    error.message(),
                    "process",
                    batch.process(),
                    "method",
                    batch.method())));
      }

      @Override
      public void complete(BatchContext batch, String message) {
        sink.accept(new ProcessEvent(COMPLETE, message));
      }
    };
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
