package dev.engagement.core.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFAbstractFootnoteEndnote;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads outputs back for assertions, independently of the code under test: zip entries through
 * {@code java.util.zip}, XML through the JDK's DOM parser, documents through Apache POI.
 */
public final class ReadBack {
  public static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

  private ReadBack() {}

  /** Returns every zip entry's uncompressed bytes, by name, in order. */
  public static Map<String, byte[]> entries(Path docx) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(docx.toFile())) {
      Enumeration<? extends ZipEntry> en = zip.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        try (InputStream in = zip.getInputStream(e)) {
          out.put(e.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Returns a part's text (UTF-8, or UTF-16 with a byte-order mark). */
  public static String text(byte[] part) {
    if (part.length >= 2 && (part[0] & 0xFF) == 0xFF && (part[1] & 0xFF) == 0xFE) {
      return new String(part, 2, part.length - 2, StandardCharsets.UTF_16LE);
    }
    String s = new String(part, StandardCharsets.UTF_8);
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Parses a part into a DOM (namespace aware, no DTDs). */
  public static Document dom(byte[] part) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      DocumentBuilder b = f.newDocumentBuilder();
      return b.parse(new ByteArrayInputStream(part));
    } catch (Exception e) {
      throw new AssertionError("part is not well-formed XML: " + e.getMessage(), e);
    }
  }

  /**
   * A {@code w:t} node and the formatting of its run.
   *
   * @param text the node's text
   * @param rPr the run's properties, serialized ({@code ""} if none)
   */
  public record TextNode(String text, String rPr) {}

  /** Returns every {@code w:t} of a part in document order, with its run's properties. */
  public static List<TextNode> textNodes(byte[] part) {
    Document d = dom(part);
    NodeList ts = d.getElementsByTagNameNS(W, "t");
    List<TextNode> out = new ArrayList<>();
    for (int i = 0; i < ts.getLength(); i++) {
      Element t = (Element) ts.item(i);
      Node run = t.getParentNode();
      String rPr = "";
      for (Node c = run.getFirstChild(); c != null; c = c.getNextSibling()) {
        if (c instanceof Element && W.equals(c.getNamespaceURI()) && "rPr".equals(c.getLocalName())) {
          rPr = serialize(c);
        }
      }
      out.add(new TextNode(t.getTextContent(), rPr));
    }
    return out;
  }

  /**
   * Returns the text of every {@code w:p} of a part in document order: its {@code w:t} nodes
   * whose nearest paragraph is this one.
   */
  public static List<String> paragraphs(byte[] part) {
    Document d = dom(part);
    NodeList ps = d.getElementsByTagNameNS(W, "p");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ps.getLength(); i++) {
      Element p = (Element) ps.item(i);
      StringBuilder b = new StringBuilder();
      NodeList ts = p.getElementsByTagNameNS(W, "t");
      for (int j = 0; j < ts.getLength(); j++) {
        Node t = ts.item(j);
        Node up = t.getParentNode();
        while (up != null && !(W.equals(up.getNamespaceURI()) && "p".equals(up.getLocalName()))) {
          up = up.getParentNode();
        }
        if (up == p) {
          b.append(t.getTextContent());
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Returns the paragraph texts POI sees in every story (opening the document proves it is valid for POI). */
  public static List<String> poiParagraphs(Path docx) {
    List<String> out = new ArrayList<>();
    try (InputStream in = java.nio.file.Files.newInputStream(docx);
        XWPFDocument doc = new XWPFDocument(in)) {
      body(doc.getBodyElements(), out);
      for (XWPFHeader h : doc.getHeaderList()) {
        body(h.getBodyElements(), out);
      }
      for (XWPFFooter f : doc.getFooterList()) {
        body(f.getBodyElements(), out);
      }
      for (XWPFAbstractFootnoteEndnote n : doc.getFootnotes()) {
        body(n.getBodyElements(), out);
      }
      for (XWPFAbstractFootnoteEndnote n : doc.getEndnotes()) {
        body(n.getBodyElements(), out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void body(List<IBodyElement> elements, List<String> out) {
    for (IBodyElement e : elements) {
      if (e instanceof XWPFParagraph) {
        out.add(((XWPFParagraph) e).getText());
      } else if (e instanceof XWPFTable) {
        for (XWPFTableRow row : ((XWPFTable) e).getRows()) {
          for (XWPFTableCell cell : row.getTableCells()) {
            body(cell.getBodyElements(), out);
          }
        }
      }
    }
  }

  private static String serialize(Node n) {
    try {
      Transformer t = TransformerFactory.newInstance().newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      StringWriter w = new StringWriter();
      t.transform(new DOMSource(n), new StreamResult(w));
      return w.toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Returns null if {@code after} equals {@code before} except that some four-digit years
   * 2000-2099 are one more, else a description of the first difference.
   */
  public static String differenceOtherThanRolledYears(String before, String after) {
    int i = 0;
    int j = 0;
    while (i < before.length() && j < after.length()) {
      char a = before.charAt(i);
      char b = after.charAt(j);
      if (isDigit(a) && isDigit(b)) {
        int ie = i;
        while (ie < before.length() && isDigit(before.charAt(ie))) {
          ie++;
        }
        int je = j;
        while (je < after.length() && isDigit(after.charAt(je))) {
          je++;
        }
        String x = before.substring(i, ie);
        String y = after.substring(j, je);
        if (!x.equals(y)) {
          boolean rolled =
              x.length() == 4 && x.startsWith("20") && y.length() == 4
                  && Integer.parseInt(y) == Integer.parseInt(x) + 1;
          if (!rolled) {
            return "'" + x + "' became '" + y + "' at " + i + " in: " + before;
          }
        }
        i = ie;
        j = je;
      } else if (a != b) {
        return "'" + a + "' became '" + b + "' at " + i + " in: " + before;
      } else {
        i++;
        j++;
      }
    }
    if (i != before.length() || j != after.length()) {
      return "lengths differ: " + before + " | " + after;
    }
    return null;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
