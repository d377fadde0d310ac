package dev.engagement.core.internal.docx;

import java.util.List;

/**
 * One {@code w:p} of a story part as logical text: the visible characters of its {@code w:t}
 * nodes in order, with atoms for tabs ({@code \t}), breaks ({@code \n}) and objects or note
 * references ({@code U+FFFC}). Deleted revision text, field instructions and the paragraphs of
 * text boxes inside it are not part of it (a text box paragraph is a paragraph of its own).
 *
 * <p>Immutable.
 */
public final class Paragraph {
  /** The character that stands for an object, a symbol or a note reference. */
  public static final char OBJECT = '\uFFFC';

  private final int index;
  private final String text;
  private final List<Segment> segments;
  private final int row;
  private final int cell;
  private final boolean inTextBox;
  private final boolean inFallback;

  Paragraph(
      int index,
      String text,
      List<Segment> segments,
      int row,
      int cell,
      boolean inTextBox,
      boolean inFallback) {
    this.index = index;
    this.text = text;
    this.segments = segments;
    this.row = row;
    this.cell = cell;
    this.inTextBox = inTextBox;
    this.inFallback = inFallback;
  }

  /**
   * Returns a number unique in its part for the table row ({@code w:tr}) this paragraph is in
   * (the innermost one), or -1 outside tables.
   */
  public int row() {
    return row;
  }

  /** Returns the 0-based position of the paragraph's cell in its row, or -1 outside tables. */
  public int cell() {
    return cell;
  }

  /** Returns whether the paragraph is inside a text box. */
  public boolean inTextBox() {
    return inTextBox;
  }

  /**
   * Returns whether the paragraph is in an {@code mc:Fallback} branch: the legacy copy of content
   * (a text box) that also appears in {@code mc:Choice}.
   */
  public boolean inFallback() {
    return inFallback;
  }

  /** Returns the 1-based position of this paragraph in its part, in document order. */
  public int index() {
    return index;
  }

  /** Returns the logical text. */
  public String text() {
    return text;
  }

  /** Returns the text for people to read: objects left out. */
  public String displayText() {
    return display(text);
  }

  /** Returns a text for people to read: objects left out. */
  public static String display(String logical) {
    return logical.indexOf(OBJECT) < 0 ? logical : logical.replace(String.valueOf(OBJECT), "");
  }

  List<Segment> segments() {
    return segments;
  }

  /** Returns the segment holding a logical character. */
  Segment segmentAt(int offset) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Segment s = segments.get(mid);
      if (offset < s.start) {
        hi = mid - 1;
      } else if (offset >= s.end()) {
        lo = mid + 1;
      } else {
        return s;
      }
    }
    throw new IndexOutOfBoundsException(offset);
  }
}
