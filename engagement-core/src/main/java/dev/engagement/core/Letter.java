package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * One input file of a batch.
 *
 * @param file the file to read (never modified)
 * @param relativePath its path relative to the input it was found under, with {@code /}
 *     separators; for a file given directly, its name. Outputs keep its folders.
 * @since 0.1
 */
public record Letter(Path file, String relativePath) {
  /** Checks the fields. */
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
   */
  public static Letter of(Path file) {
    return new Letter(file, file.getFileName().toString().replace('\\', '_'));
  }

  /** Returns the file name. */
  public String fileName() {
    int slash = relativePath.lastIndexOf('/');
    return relativePath.substring(slash + 1);
  }

  /** Returns the folder part of the relative path, {@code ""} or ending with {@code /}. */
  public String folder() {
    return relativePath.substring(0, relativePath.lastIndexOf('/') + 1);
  }
}
