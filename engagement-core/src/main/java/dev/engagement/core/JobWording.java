package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * The words of a job's events, kept apart from what the job does: the title of its errors, the
 * message that starts a batch and the one that ends it. The built-in jobs keep the original
 * app's words ("Letter Processing Error", "Processing engagement letters!").
 *
 * <p>Implementations are immutable and thread-safe.
 *
 * @since 0.1
 */
public interface JobWording {
  /**
   * Returns the title of the job's errors, e.g. {@code Letter Processing Error}.
   *
   * @return the title
   */
  String errorTitle();

  /**
   * Returns the message of the batch's start event.
   *
   * @return the message
   */
  String startMessage();

  /**
   * Returns the message of the batch's complete event.
   *
   * @param summary the counts of the batch ({@link BatchSummary#notStarted()} above 0 when it
   *     was stopped)
   * @return the message
   */
  String completeMessage(BatchSummary summary);

  /**
   * Returns a wording.
   *
   * @param errorTitle the title of errors
   * @param startMessage the start message
   * @param completeMessage the complete message from the summary
   * @return the wording
   */
  static JobWording of(
      String errorTitle, String startMessage, Function<? super BatchSummary, String> completeMessage) {
    requireNonNull(errorTitle, "errorTitle");
    requireNonNull(startMessage, "startMessage");
    requireNonNull(completeMessage, "completeMessage");
    return new JobWording() {
      @Override
      public String errorTitle() {
        return errorTitle;
      }

      @Override
      public String startMessage() {
        return startMessage;
      }

      @Override
      public String completeMessage(BatchSummary summary) {
        return completeMessage.apply(summary);
      }
    };
  }

  /**
   * Returns plain words for a job: "Processing Error", "Processing files...", "Processed N
   * files: ... succeeded, ... unchanged, ... skipped, ... failed."
   *
   * @return the wording
   */
  static JobWording plain() {
    return of("Processing Error", "Processing files...", s -> Words.counts("Processed", s, "succeeded"));
  }
}
