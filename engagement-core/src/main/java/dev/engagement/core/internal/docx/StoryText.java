package dev.engagement.core.internal.docx;

import dev.engagement.core.internal.xml.IntList;
import dev.engagement.core.internal.xml.Namespaces;
import dev.engagement.core.internal.xml.XmlScanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The text of one story part (body, header, footer, footnotes or endnotes): every paragraph,
 * including those in tables (nested too), content controls, hyperlinks, smart tags, both copies
 * of a text box ({@code mc:Choice} and {@code mc:Fallback}), as {@link Paragraph}s.
 *
 * <p>The walk is iterative and follows the note {@code docx-text-and-pdf.md} section 1.6: field
 * instructions (also across paragraphs), deleted and moved-from text, properties and drawings
 * are not text; a drawing, symbol or note reference is an object atom; a {@code w:t} in a
 * data-bound content control or in CDATA is read-only.
 *
 * <p>Immutable once built.
 */
public final class StoryText {
  private static final byte OTHER = 0;
  private static final byte P = 1;
  private static final byte T = 2;
  private static final byte SDT = 3;
  private static final byte SDT_PR = 4;
  private static final byte SDT_CONTENT = 5;
  private static final byte TBL = 6;
  private static final byte TXBX = 7;
  private static final byte FALLBACK = 8;
  private static final int[] NO_SPACE = {-1, -1};

  private final XmlPart part;
  private final StoryPart.Kind kind;
  private final List<Paragraph> paragraphs;

  private StoryText(XmlPart part, StoryPart.Kind kind, List<Paragraph> paragraphs) {
    this.part = part;
    this.kind = kind;
    this.paragraphs = paragraphs;
  }

  /** Returns the part this text comes from. */
  public XmlPart part() {
    return part;
  }

  /** Returns what the part holds. */
  public StoryPart.Kind kind() {
    return kind;
  }

  /** Returns the paragraphs in document order. */
  public List<Paragraph> paragraphs() {
    return paragraphs;
  }

  /**
   * Reads the paragraphs of a story part.
   *
   * @throws dev.engagement.core.internal.xml.MalformedXmlException if the part is not
   *     well-formed
   */
  public static StoryText scan(XmlPart part, StoryPart.Kind kind, int maxDepth) {
    return new Walker(part, maxDepth).walk(kind);
  }

  private static final class Walker {
    private final XmlPart part;
    private final XmlScanner x;
    private final String src;
    private final List<Builder> builders = new ArrayList<>();

    private byte[] fKind = new byte[64];
    private Builder[] fPara = new Builder[64];
    private boolean[] fHidden = new boolean[64];
    private boolean[] fFlag = new boolean[64];
    private int depth;

    /** Complex fields: true while in the instruction part (begin..separate). */
    private final List<Boolean> fields = new ArrayList<>();

    private int boundDepth;
    private int textBoxDepth;
    private int fallbackDepth;
    private int rows;

    /** Open tables: per table, the row key of its current row and the index of its current cell. */
    private final List<int[]> tables = new ArrayList<>();

    /** The open w:t being collected, or -1. */
    private int textTagNameEnd = -1;

    private boolean textPreserve;
    private int[] textSpace = NO_SPACE;
    private @Nullable Builder textPara;

    Walker(XmlPart part, int maxDepth) {
      this.part = part;
      this.src = part.text();
      this.x = new XmlScanner(src, part.name(), maxDepth);
    }

    StoryText walk(StoryPart.Kind kind) {
      for (int t = x.next(); t != XmlScanner.EOF; t = x.next()) {
        switch (t) {
          case XmlScanner.START:
            start();
            break;
          case XmlScanner.END:
            end();
            break;
          case XmlScanner.TEXT:
          case XmlScanner.CDATA:
            text(t == XmlScanner.CDATA);
            break;
          default:
            break;
        }
      }
      List<Paragraph> list = new ArrayList<>(builders.size());
      for (Builder b : builders) {
        list.add(b.build());
      }
      return new StoryText(part, kind, List.copyOf(list));
    }

    private void start() {
      Builder para = depth > 0 ? fPara[depth - 1] : null;
      boolean hidden = depth > 0 && fHidden[depth - 1];
      boolean visible = para != null && !hidden && !inInstruction();
      String ns = x.namespace();
      byte kind = OTHER;
      boolean flag = false;
      if (Namespaces.W.equals(ns)) {
        switch (x.localName()) {
          case "p":
            kind = P;
            int[] table = tables.isEmpty() ? null : tables.get(tables.size() - 1);
            para =
                new Builder(
                    builders.size() + 1,
                    table == null ? -1 : table[0],
                    table == null ? -1 : table[1],
                    textBoxDepth > 0,
                    fallbackDepth > 0);
            builders.add(para);
            hidden = false;
            break;
          case "tbl":
            kind = TBL;
            tables.add(new int[] {-1, -1});
            break;
          case "tr":
            if (!tables.isEmpty()) {
              int[] t = tables.get(tables.size() - 1);
              t[0] = rows++;
              t[1] = -1;
            }
            break;
          case "tc":
            if (!tables.isEmpty()) {
              tables.get(tables.size() - 1)[1]++;
            }
            break;
          case "t":
            if (visible) {
              kind = T;
              textTagNameEnd = x.nameEnd();
              textPreserve = "preserve".equals(x.attribute(XmlScanner.XML_NS, "space"));
              int[] space = x.attributeValueRange(XmlScanner.XML_NS, "space");
              textSpace = space == null ? NO_SPACE : space;
              textPara = para;
            } else {
              hidden = true;
            }
            break;
          case "tab":
          case "ptab":
            atom(visible, para, '\t');
            hidden = true;
            break;
          case "br":
          case "cr":
            atom(visible, para, '\n');
            hidden = true;
            break;
          case "noBreakHyphen":
            atom(visible, para, '\u2011');
            hidden = true;
            break;
          case "softHyphen":
            atom(visible, para, '\u00AD');
            hidden = true;
            break;
          case "sym":
          case "footnoteReference":
          case "endnoteReference":
          case "commentReference":
          case "footnoteRef":
          case "endnoteRef":
          case "annotationRef":
          case "separator":
          case "continuationSeparator":
          case "pgNum":
          case "drawing":
          case "pict":
          case "object":
          case "contentPart":
            atom(visible, para, Paragraph.OBJECT);
            hidden = true;
            break;
          case "fldChar":
            field(x.attribute(Namespaces.W, "fldCharType"));
            hidden = true;
            break;
          case "sdt":
            kind = SDT;
            break;
          case "sdtPr":
            kind = SDT_PR;
            hidden = true;
            break;
          case "dataBinding":
            if (depth >= 2 && fKind[depth - 1] == SDT_PR && fKind[depth - 2] == SDT) {
              fFlag[depth - 2] = true;
            }
            hidden = true;
            break;
          case "sdtContent":
            kind = SDT_CONTENT;
            if (depth >= 1 && fKind[depth - 1] == SDT && fFlag[depth - 1]) {
              flag = true;
              boundDepth++;
            }
            break;
          case "instrText":
          case "delInstrText":
          case "delText":
          case "del":
          case "moveFrom":
          case "rPr":
          case "pPr":
          case "sdtEndPr":
          case "tblPr":
          case "tblGrid":
          case "trPr":
          case "tcPr":
          case "sectPr":
          case "tblPrEx":
          case "txbxContent":
            kind = TXBX;
            textBoxDepth++;
            hidden = true;
            break;
          case "customXmlPr":
          case "smartTagPr":
          case "ffData":
          case "fldData":
          case "rt":
            hidden = true;
            break;
          default:
            break;
        }
      } else {
        // mc:AlternateContent and foreign elements (math, ink, extensions): not text of this
        // paragraph; paragraphs inside them (text boxes) are paragraphs of their own.
        if (!Namespaces.MC.equals(ns) || "AlternateContent".equals(x.localName())) {
          atom(visible, para, Paragraph.OBJECT);
        }
        if (Namespaces.MC.equals(ns) && "Fallback".equals(x.localName())) {
          kind = FALLBACK;
          fallbackDepth++;
        }
        hidden = true;
      }
      push(kind, para, hidden, flag);
    }

    private void end() {
      depth--;
      byte kind = fKind[depth];
      if (kind == T) {
        textTagNameEnd = -1;
        textPara = null;
      } else if (kind == SDT_CONTENT && fFlag[depth]) {
        boundDepth--;
      } else if (kind == TBL) {
        tables.remove(tables.size() - 1);
      } else if (kind == TXBX) {
        textBoxDepth--;
      } else if (kind == FALLBACK) {
        fallbackDepth--;
      }
      fPara[depth] = null;
    }

    private void text(boolean cdata) {
      Builder para = textPara;
      if (textTagNameEnd < 0 || para == null || depth == 0 || fKind[depth - 1] != T) {
        return;
      }
      int start = x.textStart();
      int end = x.textEnd();
      if (start == end) {
        return;
      }
      String reason = null;
      if (cdata) {
        reason = "the text is in a CDATA section";
      } else if (boundDepth > 0) {
        reason = "it is in a content control bound to the document's data (Word would restore it)";
      }
      para.text(src, start, end, cdata, textTagNameEnd, textPreserve, textSpace, reason);
    }

    private void atom(boolean visible, @Nullable Builder para, char c) {
      if (visible && para != null) {
        para.atom(c);
      }
    }

    private boolean inInstruction() {
      return !fields.isEmpty() && fields.get(fields.size() - 1);
    }

    private void field(@Nullable String type) {
      if ("begin".equals(type)) {
        fields.add(Boolean.TRUE);
      } else if ("separate".equals(type)) {
        if (!fields.isEmpty()) {
          fields.set(fields.size() - 1, Boolean.FALSE);
        }
      } else if ("end".equals(type)) {
        if (!fields.isEmpty()) {
          fields.remove(fields.size() - 1);
        }
      }
    }

    private void push(byte kind, @Nullable Builder para, boolean hidden, boolean flag) {
      if (depth == fKind.length) {
        int n = depth * 2;
        fKind = Arrays.copyOf(fKind, n);
        fPara = Arrays.copyOf(fPara, n);
        fHidden = Arrays.copyOf(fHidden, n);
        fFlag = Arrays.copyOf(fFlag, n);
      }
      fKind[depth] = kind;
      fPara[depth] = para;
      fHidden[depth] = hidden;
      fFlag[depth] = flag;
      depth++;
    }
  }

  private static final class Builder {
    private final int index;
    private final int row;
    private final int cell;
    private final boolean inTextBox;
    private final boolean inFallback;
    private final StringBuilder text = new StringBuilder();
    private final List<Segment> segments = new ArrayList<>();

    Builder(int index, int row, int cell, boolean inTextBox, boolean inFallback) {
      this.index = index;
      this.row = row;
      this.cell = cell;
      this.inTextBox = inTextBox;
      this.inFallback = inFallback;
    }

    void atom(char c) {
      segments.add(
          new Segment(text.length(), 1, Segment.ATOM, -1, -1, null, -1, false, -1, -1, null));
      text.append(c);
    }

    void text(
        String src,
        int start,
        int end,
        boolean cdata,
        int tagNameEnd,
        boolean preserve,
        int[] space,
        @Nullable String reason) {
      int logicalStart = text.length();
      int[] raw = null;
      if (!cdata && XmlScanner.needsDecoding(src, start, end)) {
        IntList offsets = new IntList(end - start);
        XmlScanner.decodeInto(src, start, end, text, offsets);
        raw = offsets.toArray();
      } else {
        text.append(src, start, end);
      }
      int length = text.length() - logicalStart;
      byte kind = reason == null ? Segment.TEXT : Segment.READONLY;
      segments.add(
          new Segment(
              logicalStart, length, kind, start, end, raw, tagNameEnd, preserve, space[0], space[1], reason));
    }

    Paragraph build() {
      return new Paragraph(
          index, text.toString(), List.copyOf(segments), row, cell, inTextBox, inFallback);
    }
  }
}
