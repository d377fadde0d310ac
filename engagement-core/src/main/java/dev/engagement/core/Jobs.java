package dev.engagement.core;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.batch.OutputFiles;
import dev.engagement.core.internal.cache.CachedResults;
import dev.engagement.core.internal.cache.JobCache;
import dev.engagement.core.spi.ResultCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the built-in jobs share: the guard that turns a letter's failure into a failed result,
 * the size check and read of an input, the placing of an output, and the cache hit.
 */
final class Jobs {
  private static final Logger logger = LoggerFactory.getLogger(Jobs.class);

  private Jobs() {}

  /**
   * Writes a letter's output safely (see {@link OutputFiles}) into the output root plus the
   * letter's folders, checked to stay inside the root.
   *
   * @param fileName the wished output name
   * @throws DocumentProcessingException (stage write) if it leaves the root or cannot be written
   */
  static Path place(Letter letter, Path outputDir, String fileName, OutputFiles.Writer writer) {
    Path folder = outputFolder(outputDir, letter);
    try {
      return OutputFiles.write(folder, fileName, writer);
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not write the output",
          letter.relativePath(),
          Stage.WRITE,
          "it cannot be written in " + folder + " (" + e + ")",
          e);
    }
  }

  /** Returns the folder a letter's output goes to, checked to stay inside the output root. */
  static Path outputFolder(Path outputDir, Letter letter) {
    Path root = outputDir.toAbsolutePath().normalize();
    if (!root.resolve(letter.folder()).normalize().startsWith(root)) {
      throw new DocumentProcessingException(
          "Could not write the output",
          letter.relativePath(),
          Stage.WRITE,
          "its path leaves the output folder " + outputDir,
          null);
    }
    return outputDir.resolve(letter.folder());
  }

  /**
   * Returns the result of a letter seen before: rebuilt from the cache, with its output (if it
   * had one) written anew under {@code outputName}; empty on a miss.
   */
  static Optional<FileResult> fromCache(
      ResultCache cache, String key, String process, Letter letter, @Nullable Path outputDir, String outputName) {
    Optional<CachedResults.Entry> hit = JobCache.lookup(cache, key, letter.relativePath());
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    CachedResults.Entry entry = hit.get();
    FileResult.Builder result = CachedResults.rebuild(process, letter, entry.result());
    if (entry.outputName() != null && outputDir != null) {
      byte[] bytes = entry.output();
      result.output(place(letter, outputDir, outputName, target -> Files.write(target, bytes)));
    }
    logger.debug("{}: result from the cache", letter.relativePath());
    return Optional.of(result.build());
  }

  /**
   * Checks an input's size.
   *
   * @throws DocumentProcessingException if it cannot be read or is over the size limit
   */
  static void checkSize(Letter letter, DocumentLimits limits) {
    long size;
    try {
      size = Files.size(letter.file());
    } catch (IOException e) {
      throw unreadable(letter, e);
    }
    if (size > limits.maxFileBytes()) {
      throw new DocumentProcessingException(
          "Could not read the file",
          letter.relativePath(),
          Stage.OPEN,
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
      return Files.readAllBytes(letter.file());
    } catch (IOException e) {
      throw unreadable(letter, e);
    }
  }

  private static DocumentProcessingException unreadable(Letter letter, IOException e) {
    return new DocumentProcessingException(
        "Could not read the file", letter.relativePath(), Stage.OPEN, "the file cannot be read (" + e + ")", e);
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
