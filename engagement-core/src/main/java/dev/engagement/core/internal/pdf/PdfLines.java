package dev.engagement.core.internal.pdf;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * The text lines of a PDF with the position of every character, in reading order (sorted by
 * position), page by page. A line is split into segments where the gap between two characters is
 * wide (two columns on one baseline, as in a signature block beside "ACCEPTED AND AGREED").
 *
 * <p>Not thread-safe: one instance per document.
 */
public final class PdfLines extends PDFTextStripper {
  private static final float COLUMN_GAP = 24f;

  /**
   * A stretch of a line.
   *
   * @param page the 0-based page index
   * @param text its text
   * @param positions its characters
   */
  public record Segment(int page, String text, List<TextPosition> positions) {
    /** Returns the left x (direction-adjusted, from the crop box's left). */
    public float x() {
      return positions.get(0).getXDirAdj();
    }
  }

  /**
   * A line.
   *
   * @param page the 0-based page index
   * @param segments its segments, left to right
   */
  public record Line(int page, List<Segment> segments) {
    /** Returns the whole line's text. */
    public String text() {
      StringBuilder b = new StringBuilder();
      for (Segment s : segments) {
        if (b.length() > 0) {
          b.append("   ");
        }
        b.append(s.text());
      }
      return b.toString();
    }
  }

  private final List<Line> lines = new ArrayList<>();
  private final List<TextPosition> positions = new ArrayList<>();
  private int page;

  private PdfLines() throws IOException {
    setSortByPosition(true);
  }

  /** Returns the lines of a document. */
  public static List<Line> read(PDDocument doc) throws IOException {
    PdfLines s = new PdfLines();
    s.writeText(doc, new StringWriter());
    return s.lines;
  }

  @Override
  protected void startPage(PDPage p) throws IOException {
    page = getCurrentPageNo() - 1;
    super.startPage(p);
  }

  @Override
  protected void writeString(String string, List<TextPosition> textPositions) {
    positions.addAll(textPositions);
  }

  @Override
  protected void writeLineSeparator() {
    flush();
  }

  @Override
  protected void endPage(PDPage p) throws IOException {
    flush();
    super.endPage(p);
  }

  private static float spaceWidth(TextPosition t) {
    float w = t.getWidthOfSpace();
    return w > 0 && !Float.isNaN(w) ? w : t.getFontSizeInPt() * 0.25f;
  }

  private void flush() {
    if (positions.isEmpty()) {
      return;
    }
    List<Segment> segments = new ArrayList<>();
    StringBuilder seg = new StringBuilder();
    List<TextPosition> segPos = new ArrayList<>();
    TextPosition prev = null;
    for (TextPosition t : positions) {
      if (prev != null) {
        float gap = t.getXDirAdj() - (prev.getXDirAdj() + prev.getWidthDirAdj());
        if (gap > COLUMN_GAP) {
          segments.add(new Segment(page, seg.toString().strip(), List.copyOf(segPos)));
          seg.setLength(0);
          segPos.clear();
        } else if (gap > spaceWidth(prev) * 0.5f
            && seg.length() > 0
            && seg.charAt(seg.length() - 1) != ' ') {
          seg.append(' ');
        }
      }
      seg.append(t.getUnicode());
      segPos.add(t);
      prev = t;
    }
    segments.add(new Segment(page, seg.toString().strip(), List.copyOf(segPos)));
    lines.add(new Line(page, List.copyOf(segments)));
    positions.clear();
  }
}
