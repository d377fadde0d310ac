package dev.engagement.core.internal.docx;

/**
 * A change to a paragraph's logical text: the characters {@code [start, end)} become {@code
 * replacement}. Edits of one paragraph are computed on its original text and must not overlap.
 *
 * @param start the first logical character replaced
 * @param end the end of the replaced range (exclusive)
 * @param replacement the new text
 */
public record TextEdit(int start, int end, String replacement) {
  /** Checks the range. */
  public TextEdit {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
  }
}
