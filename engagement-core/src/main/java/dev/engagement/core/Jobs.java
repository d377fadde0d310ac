package dev.engagement.core;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the built-in jobs share: turning a letter's failure into a failed result. */
final class Jobs {
  private static final Logger logger = LoggerFactory.getLogger(Jobs.class);

  private Jobs() {}

  /**
   * Reads an input for its cache key; a file over the size limit gives no bytes (it fails on
   * opening, and failures are not cached).
   */
  static byte[] readInput(Letter letter, DocumentLimits limits) {
    try {
      if (java.nio.file.Files.size(letter.file()) > limits.maxFileBytes()) {
        return new byte[0];
      }
      return java.nio.file.Files.readAllBytes(letter.file());
    } catch (java.io.IOException e) {
      throw new DocumentProcessingException(
          "Could not read the file",
          letter.relativePath(),
          DocumentProcessingException.Stage.OPEN,
          "the file cannot be read (" + e + ")",
          e);
    }
  }

  /**
   * Runs the work for one letter: a {@link DocumentProcessingException} becomes a failed result
   * with its message (logged at DEBUG: it is reported), anything else unexpected a failed result
   * that says so (logged at ERROR: a bug).
   *
   * @param verb what the job does to a letter, for messages: "roll", "check", "print", "sign"
   */
  static FileResult guarded(String process, Letter letter, String verb, Supplier<FileResult> work) {
    String name = letter.relativePath();
    try {
      return work.get();
    } catch (DocumentProcessingException e) {
      logger.debug("{}", e.getMessage(), e);
      return FileResult.failed(process, letter, e.getMessage());
    } catch (RuntimeException | StackOverflowError e) {
      logger.error("Unexpected error while trying to {} {}", verb, name, e);
      return FileResult.failed(
          process,
          letter,
          "Could not " + verb + " the letter [file=" + name + "]: an unexpected error occurred (" + e + ")");
    }
  }
}
