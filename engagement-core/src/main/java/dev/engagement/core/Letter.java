package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One input file of a batch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param file the file to read (never modified)
 * @param relativePath its path relative to the input it was found under, with {@code /}
 *     separators; for a file given directly, its name. Outputs keep its folders.
 * @since 0.1
 */
public record Letter(Path file, String relativePath) {
  /**
   * Checks the fields.
   *
   * @param file the file to read
   * @param relativePath its path relative to its input, with {@code /} separators
   * @throws IllegalArgumentException if {@code relativePath} is empty, absolute (a leading
   *     {@code /} or backslash, or a drive letter), ends with {@code /}, holds a NUL character,
   *     or has a {@code ..}, {@code .} or empty segment: outputs must stay below their folder
   */
  public Letter {
    requireNonNull(file, "file");
    requireNonNull(relativePath, "relativePath");
    if (relativePath.isEmpty()
        || relativePath.startsWith("/")
        || relativePath.startsWith("\\")
        || relativePath.endsWith("/")
        || relativePath.indexOf('\0') >= 0
        || relativePath.matches("^[A-Za-z]:.*")) {
      throw new IllegalArgumentException(
          "relativePath must be a relative file path with '/' but was " + relativePath);
    }
    for (String segment : relativePath.split("[/\\\\]", -1)) {
      if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
        throw new IllegalArgumentException(
            "relativePath must stay below its input (no '..', '.' or empty parts) but was "
                + relativePath);
      }
    }
  }

  /**
   * Returns a letter for a file given directly: its relative path is its name (a backslash in a
   * name, possible on Unix, becomes {@code _}).
   *
   * @param file the file; it must have a file name (not a root such as {@code /})
   * @return the letter
   */
  public static Letter of(Path file) {
    return new Letter(file, file.getFileName().toString().replace('\\', '_'));
  }

  /**
   * Returns the file name: the last segment of the relative path.
   *
   * @return the file name, e.g. {@code Smith 2024 Engagement Letter.docx}
   */
  public String fileName() {
    int slash = relativePath.lastIndexOf('/');
    return relativePath.substring(slash + 1);
  }

  /**
   * Returns the folder part of the relative path, which outputs keep below the output folder.
   *
   * @return {@code ""} for a letter at the top of its input, else the folders ending with {@code
   *     /}, e.g. {@code clients/2024/}
   */
  public String folder() {
    return relativePath.substring(0, relativePath.lastIndexOf('/') + 1);
  }
}
