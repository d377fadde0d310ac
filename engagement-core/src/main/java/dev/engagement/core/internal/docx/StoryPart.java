package dev.engagement.core.internal.docx;

/**
 * A part of the package that holds text of the letter.
 *
 * @param name the zip entry name, e.g. {@code word/header1.xml}
 * @param kind what it holds
 */
public record StoryPart(String name, Kind kind) {
  /** What a story part holds, in the order parts are visited. */
  public enum Kind {
    BODY("body"),
    HEADER("header"),
    FOOTER("footer"),
    FOOTNOTES("footnotes"),
    ENDNOTES("endnotes");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** Returns a lower-case label for reports. */
    public String label() {
      return label;
    }
  }
}
