package dev.engagement.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A job a {@link Batch} runs over letters: rollover, entity check, PDF printing, PDF signatures.
 *
 * <p>Implementations are immutable and thread-safe: a batch calls {@link #process} from several
 * worker threads at once.
 *
 * @since 0.1
 */
public interface Job {
  /** Returns the process name used in events, e.g. {@code processEngagementLetters}. */
  String processName();

  /** Returns the short name used in reports, e.g. {@code rollover}. */
  String reportName();

  /** Returns the title of this job's errors, e.g. {@code Letter Processing Error}. */
  String errorTitle();

  /** Returns the message of the batch's start event. */
  String startMessage();

  /** Returns the message of the batch's complete event. */
  String completeMessage(BatchSummary summary);

  /**
   * Returns why a file is skipped by its name, or empty if it is to be processed. Called on the
   * batch's thread before {@link #process}.
   */
  Optional<String> skipReason(Letter letter);

  /**
   * Processes one letter. A problem with the letter is a {@link Status#FAILED} result with a
   * clear message, not an exception; nothing is written for a failed letter.
   *
   * @param letter the input
   * @param outputDir the output root; the letter's folders are kept below it
   */
  FileResult process(Letter letter, Path outputDir);
}
