package dev.engagement.core;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the built-in jobs share: turning a letter's failure into a failed result. */
final class Jobs {
  private static final Logger logger = LoggerFactory.getLogger(Jobs.class);

  private Jobs() {}

  /**
   * Returns the folder a letter's output goes to: the output root plus the letter's folders,
   * checked to stay inside the root.
   */
  static Path outputFolder(Path outputDir, Letter letter) {
    Path root = outputDir.toAbsolutePath().normalize();
    Path folder = root.resolve(letter.folder()).normalize();
    if (!folder.startsWith(root)) {
      throw new DocumentProcessingException(
          "Could not write the output",
          letter.relativePath(),
          DocumentProcessingException.Stage.WRITE,
          "its path leaves the output folder " + outputDir,
          null);
    }
    return outputDir.resolve(letter.folder());
  }

  /**
   * Checks an input's size.
   *
   * @throws DocumentProcessingException if it cannot be read or is over the size limit
   */
  static void checkSize(Letter letter, DocumentLimits limits) {
    long size;
    try {
      size = java.nio.file.Files.size(letter.file());
    } catch (java.io.IOException e) {
      throw new DocumentProcessingException(
          "Could not read the file",
          letter.relativePath(),
          DocumentProcessingException.Stage.OPEN,
          "the file cannot be read (" + e + ")",
          e);
    }
    if (size > limits.maxFileBytes()) {
      throw new DocumentProcessingException(
          "Could not read the file",
          letter.relativePath(),
          DocumentProcessingException.Stage.OPEN,
          "the file is too large ("
              + (size >> 20)
              + " MiB; the limit is "
              + (limits.maxFileBytes() >> 20)
              + " MiB)",
          null);
    }
  }

  /**
   * Reads an input for its cache key.
   *
   * @throws DocumentProcessingException if it cannot be read or is over the size limit
   */
  static byte[] readInput(Letter letter, DocumentLimits limits) {
    checkSize(letter, limits);
    try {
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
