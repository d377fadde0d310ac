package dev.engagement.core;

import dev.engagement.core.spi.ResultCache;
import java.util.Optional;

/**
 * A job a {@link Batch} runs over letters: rollover, entity check, PDF printing, PDF signatures,
 * or a job of your own. A letter travels one way: the batch reads the input, asks the job's
 * result cache, hands the bytes to {@link #process}, and places what the job returns (storing it
 * in the cache). The job only turns one letter's bytes into its result and output; it never
 * writes into the output folder, never reads the input itself, and keeps no state between
 * letters.
 *
 * <pre>{@code
 * Job upper = new Job() {
 *   public String processName() { return "upperCaser"; }
 *   public Outcome process(Letter letter, byte[] content, JobContext context) {
 *     byte[] out = new String(content, UTF_8).toUpperCase(Locale.ROOT).getBytes(UTF_8);
 *     return Outcome.write(FileResult.builder(processName(), letter, Status.SUCCESS).build(),
 *         letter.fileName(), out);
 *   }
 * };
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe: a batch calls {@link #process} from several
 * worker threads at once.
 *
 * @since 0.1
 */
public interface Job {
  /**
   * Returns the process name used in events and results, e.g. {@code processEngagementLetters}.
   *
   * @return the process name
   */
  String processName();

  /**
   * Returns the short name used in reports, e.g. {@code rollover}. The default is the process
   * name.
   *
   * @return the report name
   */
  default String reportName() {
    return processName();
  }

  /**
   * Returns the words of this job's events (error title, start and complete messages). The
   * default is {@link JobWording#plain()}.
   *
   * @return the wording
   */
  default JobWording wording() {
    return JobWording.plain();
  }

  /**
   * Returns why a file is skipped by its name, or empty if it is to be processed. Called on the
   * batch's thread before the file is read. The default skips nothing.
   *
   * @param letter the file
   * @return the reason, for people, or empty
   */
  default Optional<String> skipReason(Letter letter) {
    return Optional.empty();
  }

  /**
   * Returns whether this job writes outputs (or previews where it would): such a job refuses to
   * run without an output folder. The default is {@code true}.
   *
   * @return whether the job needs an output folder
   */
  default boolean writesOutput() {
    return true;
  }

  /**
   * Returns the bounds on what is read from one letter; the batch refuses a file larger than
   * {@link DocumentLimits#maxFileBytes()} before reading it. The default is {@link
   * DocumentLimits#ofDefaults()}.
   *
   * @return the limits
   */
  default DocumentLimits limits() {
    return DocumentLimits.ofDefaults();
  }

  /**
   * Returns the cache the batch asks before processing a letter and fills after; the default is
   * {@link ResultCache#NONE}. Successful and unchanged results are cached with their output;
   * failures and dry runs are not.
   *
   * @return the result cache
   */
  default ResultCache resultCache() {
    return ResultCache.NONE;
  }

  /**
   * Returns the job's name and every option that changes its results, for cache keys (with the
   * input's bytes and name and the library version). The default is the class name: override it
   * when options change the results.
   *
   * @return the job's identity for cache keys
   */
  default String cacheIdentity() {
    return getClass().getName();
  }

  /**
   * Processes one letter. A problem with the letter is a {@link DocumentProcessingException}
   * (or an outcome with a {@link Status#FAILED} result), which the batch turns into a failed
   * result with a typed {@link Failure}; any other {@link RuntimeException} is a failed result
   * too ({@link DocumentProcessingException.Stage#INTERNAL}, logged at ERROR as a bug). Errors
   * such as {@link OutOfMemoryError} are not caught.
   *
   * @param letter the input (its file is not to be read again: {@code content} holds it)
   * @param content the input's bytes, read by the batch (do not change them)
   * @param context the batch's context: its identity and temporary files
   * @return the result and the output to place, if any
   * @throws DocumentProcessingException if the letter cannot be processed
   */
  Outcome process(Letter letter, byte[] content, JobContext context);
}
