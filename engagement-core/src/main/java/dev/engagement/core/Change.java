package dev.engagement.core;

import static java.util.Objects.requireNonNull;

/**
 * One paragraph a job changed, with its text before and after (tabs as {@code \t}, line breaks
 * as {@code \n}, objects left out).
 *
 * <p>Immutable and thread-safe.
 *
 * @param part the package part, e.g. {@code word/document.xml} or {@code word/header1.xml}
 * @param paragraph the paragraph's 1-based position in that part
 * @param before the paragraph's text before
 * @param after its text after
 * @since 0.1
 */
public record Change(String part, int paragraph, String before, String after) {
  /**
   * Checks the fields.
   *
   * @param part the package part, e.g. {@code word/document.xml}
   * @param paragraph the paragraph's 1-based position in that part
   * @param before the paragraph's text before
   * @param after its text after
   */
  public Change {
    requireNonNull(part, "part");
    requireNonNull(before, "before");
    requireNonNull(after, "after");
  }
}
