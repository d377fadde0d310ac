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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the unaccepted tracked changes of a letter's story parts: insertions, deletions, moves
 * and formatting changes, which LibreOffice would print as redlines.
 *
 * <p>Thread-safe: stateless.
 */
public final class Revisions {
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("ins", "insertion"),
          Map.entry("del", "deletion"),
          Map.entry("moveFrom", "move"),
          Map.entry("moveTo", "move"),
          Map.entry("cellIns", "insertion"),
          Map.entry("cellDel", "deletion"),
          Map.entry("cellMerge", "formatting change"),
          Map.entry("rPrChange", "formatting change"),
          Map.entry("pPrChange", "formatting change"),
          Map.entry("sectPrChange", "formatting change"),
          Map.entry("tblPrChange", "formatting change"),
          Map.entry("tblGridChange", "formatting change"),
          Map.entry("trPrChange", "formatting change"),
          Map.entry("tcPrChange", "formatting change"),
          Map.entry("tblPrExChange", "formatting change"),
          Map.entry("numberingChange", "formatting change"));

  private Revisions() {}

  /**
   * Returns the tracked changes of the letter by kind ("insertion" -> 3...), empty if none.
   *
   * @throws DocumentProcessingException if a part is not well-formed
   */
  public static Map<String, Integer> count(DocxPackage pkg, String name, DocumentLimits limits) {
    Map<String, Integer> counts = new TreeMap<>();
    for (StoryPart part : pkg.storyParts()) {
      XmlPart xml = pkg.readXml(part.name());
      XmlScanner x = new XmlScanner(xml.text(), xml.name(), limits.maxXmlDepth());
      try {
        for (int t = x.next(); t != XmlScanner.EOF; t = x.next()) {
          if (t == XmlScanner.START && Namespaces.W.equals(x.namespace())) {
            String kind = KINDS.get(x.localName());
            if (kind != null) {
              counts.merge(kind, 1, Integer::sum);
            }
          }
        }
      } catch (MalformedXmlException e) {
        throw new DocumentProcessingException(
            "Could not read the letter", name, Stage.READ, "the document is damaged: " + e.getMessage(), e);
      }
    }
    return counts;
  }

  /** Describes counts for people: "3 insertions, 1 deletion". */
  public static String describe(Map<String, Integer> counts) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(e.getValue()).append(' ').append(e.getKey());
      if (e.getValue() != 1) {
        b.append('s');
      }
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }
}
