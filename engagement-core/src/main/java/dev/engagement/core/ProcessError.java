package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An error to tell the user about: a file that failed, or a batch that could not run.
 *
 * @param error a short title, e.g. {@code Letter Processing Error}
 * @param message what went wrong, naming the file and the cause
 * @param result the failed file's result, or null for an error of the whole batch
 * @since 0.1
 */
public record ProcessError(String error, String message, @Nullable FileResult result) {
  /**
   * Checks the fields.
   *
   * @param error a short title
   * @param message what went wrong
   * @param result the failed file's result, or null
   */
  public ProcessError {
    requireNonNull(error, "error");
    requireNonNull(message, "message");
  }

  /**
   * Returns the failed file's result, if the error is about one file.
   *
   * @return the result
   */
  public Optional<FileResult> fileResult() {
    return Optional.ofNullable(result);
  }
}
