package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.DocumentProcessingException.Stage;

/**
 * Why a letter failed, typed: the stage that failed, what failed and the cause in plain words,
 * so that a program need not parse the result's message.
 *
 * <p>Immutable and thread-safe.
 *
 * @param stage the stage that failed ({@link Stage#INTERNAL} for an unexpected error)
 * @param what what failed, e.g. {@code Could not open the letter}
 * @param reason the cause in plain words, meant for the staff who run the batch
 * @since 0.1
 */
public record Failure(Stage stage, String what, String reason) {
  /**
   * Checks the fields.
   *
   * @param stage the stage that failed
   * @param what what failed
   * @param reason the cause in plain words
   */
  public Failure {
    requireNonNull(stage, "stage");
    requireNonNull(what, "what");
    requireNonNull(reason, "reason");
  }

  /**
   * Returns the failure a {@link DocumentProcessingException} describes.
   *
   * @param e the exception
   * @return its stage, what failed and its reason
   */
  public static Failure of(DocumentProcessingException e) {
    return new Failure(e.stage(), e.what(), e.reason());
  }

  /**
   * Returns the message of a failed result: {@code "<what> [file=<file>, stage=<stage>]:
   * <reason>"}, as {@link DocumentProcessingException} words it.
   *
   * @param file the name of the file that failed
   * @return the message
   */
  public String message(String file) {
    return what + " [file=" + file + ", stage=" + stage + "]: " + reason;
  }
}
