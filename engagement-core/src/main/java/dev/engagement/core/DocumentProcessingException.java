package dev.engagement.core;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when one letter cannot be processed: it is not a Word document, it is damaged,
 * encrypted or too large, or its output cannot be written. The message reads {@code "<what
 * failed> [file=<name>, stage=<stage>]: <cause>"}; {@link #reason()} gives the cause alone, in
 * words meant for the staff who run the batch.
 *
 * @since 0.1
 */
public class DocumentProcessingException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /** Where in the processing of a letter something failed. */
  public enum Stage {
    /** Opening the file and checking that it is a Word document. */
    OPEN,
    /** Reading the document's text. */
    READ,
    /** Applying the job's edits. */
    EDIT,
    /** Writing the output. */
    WRITE,
    /** Converting to PDF. */
    CONVERT,
    /** Stamping a signature. */
    SIGN,
    /** Reading from or writing to the result cache. */
    CACHE,
    /**
     * An unexpected error: a bug in the library or in the job, not a problem with the letter.
     *
     * @since 0.1
     */
    INTERNAL;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What failed, e.g. "Could not open the letter". */
  private final String what;

  /** The name of the file that failed, or null. */
  private final @Nullable String source;

  /** The stage that failed. */
  private final Stage stage;

  /** The cause in plain words. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param what what failed, e.g. "Could not open the letter"
   * @param source the file name, or null when there is none
   * @param stage the stage that failed
   * @param reason the cause in plain words
   * @param cause the underlying exception, or null
   */
  public DocumentProcessingException(
      String what, @Nullable String source, Stage stage, String reason, @Nullable Throwable cause) {
    super(what + " [file=" + source + ", stage=" + stage + "]: " + reason, cause);
    this.what = what;
    this.source = source;
    this.stage = stage;
    this.reason = reason;
  }

  /**
   * Returns what failed, without the file and the cause, e.g. {@code Could not open the letter}.
   *
   * @return what failed
   */
  public String what() {
    return what;
  }

  /**
   * Returns the name of the file that failed, or null.
   *
   * @return the file name, or null
   */
  public @Nullable String source() {
    return source;
  }

  /**
   * Returns the stage that failed.
   *
   * @return the stage
   */
  public Stage stage() {
    return stage;
  }

  /**
   * Returns the cause in plain words, without the file and stage.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
