package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Job} returns for one letter: its result and, for a success, the output the batch
 * is to place. The batch places every output the same safe way, whoever wrote the job: written
 * to a temporary file, then moved into place in input order under a free name in the letter's
 * folder below the output folder ({@code name.docx}, {@code name (2).docx}...), never over an
 * existing file; a name that already holds exactly these bytes is taken as it is ("already
 * there"). The result the batch hands on carries the path it placed.
 *
 * <pre>{@code
 * return Outcome.write(FileResult.builder(processName(), letter, Status.SUCCESS).build(),
 *     "Smith 2025 Engagement Letter.docx", bytes);
 * }</pre>
 *
 * <p>Immutable and thread-safe (the content's bytes are not copied: do not change them).
 *
 * @since 0.1
 */
public final class Outcome {
  /** How the output is given. */
  enum Kind {
    NONE,
    BYTES,
    FILE,
    PREVIEW
  }

  private final FileResult result;
  private final Kind kind;
  private final @Nullable String fileName;
  private final byte @Nullable [] content;
  private final @Nullable Path file;

  private Outcome(
      FileResult result, Kind kind, @Nullable String fileName, byte @Nullable [] content, @Nullable Path file) {
    this.result = requireNonNull(result, "result");
    this.kind = kind;
    this.fileName = fileName;
    this.content = content;
    this.file = file;
    if (kind != Kind.NONE) {
      checkName(requireNonNull(fileName, "fileName"));
      if (result.status() != Status.SUCCESS) {
        throw new IllegalArgumentException(
            "only a success has an output, but the result is " + result.status().jsonName());
      }
    }
  }

  /**
   * Returns an outcome with nothing to place: a letter unchanged, failed, or a job that writes
   * no file.
   *
   * @param result the result
   * @return the outcome
   */
  public static Outcome of(FileResult result) {
    return new Outcome(result, Kind.NONE, null, null, null);
  }

  /**
   * Returns a success whose output is these bytes, to be placed as {@code fileName} in the
   * letter's folder below the output folder.
   *
   * @param result the result ({@link Status#SUCCESS})
   * @param fileName the wished name of the output (a name, not a path)
   * @param content the output's bytes
   * @return the outcome
   * @throws IllegalArgumentException if the result is not a success or the name is not a plain
   *     file name
   */
  public static Outcome write(FileResult result, String fileName, byte[] content) {
    return new Outcome(result, Kind.BYTES, fileName, requireNonNull(content, "content"), null);
  }

  /**
   * Returns a success whose output is a file the job made with {@link
   * JobContext#createTempFile}, to be moved into place as {@code fileName}.
   *
   * @param result the result ({@link Status#SUCCESS})
   * @param fileName the wished name of the output (a name, not a path)
   * @param file the file, from {@link JobContext#createTempFile} of the same call
   * @return the outcome
   * @throws IllegalArgumentException if the result is not a success or the name is not a plain
   *     file name
   */
  public static Outcome move(FileResult result, String fileName, Path file) {
    return new Outcome(result, Kind.FILE, fileName, null, requireNonNull(file, "file"));
  }

  /**
   * Returns a success of a dry run: nothing is written, but the name is reserved in input order
   * the way a real run would place these bytes, so the result shows the name a real run would
   * give ({@code name (2).docx} for the second letter that wants {@code name.docx}).
   *
   * @param result the result ({@link Status#SUCCESS})
   * @param fileName the wished name of the output (a name, not a path)
   * @param content the bytes a real run would write (compared with a file already there)
   * @return the outcome
   * @throws IllegalArgumentException if the result is not a success or the name is not a plain
   *     file name
   */
  public static Outcome preview(FileResult result, String fileName, byte[] content) {
    return new Outcome(result, Kind.PREVIEW, fileName, requireNonNull(content, "content"), null);
  }

  /**
   * Returns the result, without the output's path (the batch adds it as it places the output).
   *
   * @return the result
   */
  public FileResult result() {
    return result;
  }

  /**
   * Returns the wished name of the output, if there is one.
   *
   * @return the name
   */
  public Optional<String> fileName() {
    return Optional.ofNullable(fileName);
  }

  Kind kind() {
    return kind;
  }

  byte @Nullable [] content() {
    return content;
  }

  @Nullable Path file() {
    return file;
  }

  private static void checkName(String name) {
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.indexOf('/') >= 0
        || name.indexOf('\\') >= 0
        || name.indexOf('\0') >= 0
        || name.startsWith(".~engagement-")) {
      throw new IllegalArgumentException("fileName must be a plain file name but was " + name);
    }
  }

  @Override
  public String toString() {
    return "Outcome{" + result + (fileName == null ? "" : ", " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + fileName) + "}";
  }
}
