package dev.engagement.core.internal.pdf;

import dev.engagement.core.DocumentLimits;
import dev.engagement.core.DocumentProcessingException;
import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.docx.DocxPackage;
import dev.engagement.core.internal.docx.StoryPart;
import dev.engagement.core.internal.docx.XmlPart;
import dev.engagement.core.internal.xml.MalformedXmlException;
import dev.engagement.core.internal.xml.Namespaces;
import dev.engagement.core.internal.xml.XmlScanner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepts every tracked change of a letter's story parts in its XML, as Word's "Accept All
 * Changes" does: deleted and moved-from content is removed, inserted and moved-to content is
 * kept without its revision wrapper, old formatting ({@code *PrChange}) is dropped, deleted table
 * rows are removed, and revision marks on paragraph marks, rows and cells are dropped.
 *
 * <p>One simplification: a deleted paragraph mark only loses its mark; the paragraph is not
 * merged with the next one, as Word would.
 *
 * <p>Thread-safe: stateless.
 */
public final class RevisionAcceptor {
  /** Elements whose whole content goes when accepted. */
  private static final Set<String> REMOVE_WITH_CONTENT = Set.of("del", "moveFrom");

  /** Elements that are kept without their tags when accepted. */
  private static final Set<String> UNWRAP = Set.of("ins", "moveTo");

  /** Elements removed whole wherever they are. */
  private static final Set<String> DROP =
      Set.of(
          "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "tblGridChange", "trPrChange",
          "tcPrChange", "tblPrExChange", "numberingChange", "cellIns", "cellDel", "cellMerge",
          "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
          "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
          "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
          "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd");

  private RevisionAcceptor() {}

  /**
   * Returns the new bytes of every story part that had tracked changes, by entry name.
   *
   * @throws DocumentProcessingException if a part is not well-formed
   */
  public static Map<String, byte[]> accept(DocxPackage pkg, String name, DocumentLimits limits) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (StoryPart part : pkg.storyParts()) {
      XmlPart xml = pkg.readXml(part.name());
      String accepted;
      try {
        accepted = accept(xml.text(), xml.name(), limits.maxXmlDepth());
      } catch (MalformedXmlException e) {
        throw new DocumentProcessingException(
            "Could not read the letter", name, Stage.READ, "the document is damaged: " + e.getMessage(), e);
      }
      if (!accepted.equals(xml.text())) {
        out.put(xml.name(), xml.encode(accepted));
      }
    }
    return out;
  }

  private record Cut(int start, int end) {}

  /** Accepts the tracked changes of one part's XML text. */
  static String accept(String src, String partName, int maxDepth) {
    XmlScanner x = new XmlScanner(src, partName, maxDepth);
    List<Cut> cuts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    List<Boolean> unwrap = new ArrayList<>();
    List<Boolean> deletedRow = new ArrayList<>();
    int removing = -1;
    for (int t = x.next(); t != XmlScanner.EOF; t = x.next()) {
      if (t == XmlScanner.START) {
        boolean w = Namespaces.W.equals(x.namespace());
        String local = w ? x.localName() : "";
        String parent = names.isEmpty() ? "" : names.get(names.size() - 1);
        names.add(local);
        starts.add(x.tokenStart());
        unwrap.add(false);
        deletedRow.add(false);
        int depth = names.size() - 1;
        if (removing >= 0) {
          continue;
        }
        boolean marker = parent.equals("rPr") || parent.equals("trPr") || parent.equals("tcPr");
        if (w && (DROP.contains(local) || (marker && (REMOVE_WITH_CONTENT.contains(local) || UNWRAP.contains(local))))) {
          if (marker && local.equals("del") && parent.equals("trPr")) {
            int row = depth - 2;
            if (row >= 0 && names.get(row).equals("tr")) {
              deletedRow.set(row, true);
            }
          }
          removing = depth;
        } else if (w && REMOVE_WITH_CONTENT.contains(local)) {
          removing = depth;
        } else if (w && UNWRAP.contains(local)) {
          unwrap.set(depth, true);
          cuts.add(new Cut(x.tokenStart(), x.tokenEnd()));
        }
      } else if (t == XmlScanner.END) {
        int depth = names.size() - 1;
        if (removing == depth) {
          cuts.add(new Cut(starts.get(depth), x.tokenEnd()));
          removing = -1;
        } else if (removing < 0 && unwrap.get(depth) && x.tokenStart() != starts.get(depth)) {
          cuts.add(new Cut(x.tokenStart(), x.tokenEnd()));
        }
        if (removing < 0 && deletedRow.get(depth)) {
          int rowStart = starts.get(depth);
          cuts.removeIf(c -> c.start() >= rowStart);
          cuts.add(new Cut(rowStart, x.tokenEnd()));
        }
        names.remove(depth);
        starts.remove(depth);
        unwrap.remove(depth);
        deletedRow.remove(depth);
      }
    }
    if (cuts.isEmpty()) {
      return src;
    }
    cuts.sort(Comparator.comparingInt(Cut::start));
    StringBuilder b = new StringBuilder(src.length());
    int pos = 0;
    for (Cut c : cuts) {
      if (c.start() < pos) {
        continue;
      }
      b.append(src, pos, c.start());
      pos = c.end();
    }
    b.append(src, pos, src.length());
    return b.toString();
  }
}
