package dev.engagement.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds small .docx files from raw WordprocessingML, for tests: full control over runs, proofing
 * marks, hyperlinks, content controls, text boxes, fields and every story part, without Word.
 *
 * <p>Not thread-safe.
 */
public final class Docx {
  /** The namespace declarations every part root gets. */
  public static final String NS =
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
          + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
          + " xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
          + " xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\""
          + " xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""
          + " xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\""
          + " xmlns:v=\"urn:schemas-microsoft-com:vml\""
          + " xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\""
          + " mc:Ignorable=\"w14\"";

  private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

  private String body = "";
  private String sectPr = "";
  private final Map<String, String> parts = new LinkedHashMap<>();
  private final Map<String, byte[]> binaryParts = new LinkedHashMap<>();
  private final List<String[]> rels = new ArrayList<>();
  private final List<String[]> overrides = new ArrayList<>();
  private int relId = 10;

  private Docx() {}

  /** Returns a new builder. */
  public static Docx builder() {
    return new Docx();
  }

  /** Sets the content of {@code w:body} (paragraphs and tables, without sectPr). */
  public Docx body(String xml) {
    this.body = xml;
    return this;
  }

  /** Adds a header part referenced from the section as {@code type} (default, first, even). */
  public Docx header(String name, String type, String content) {
    String id = "rId" + relId++;
    parts.put("word/" + name, "<w:hdr " + NS + ">" + content + "</w:hdr>");
    rels.add(new String[] {id, REL + "header", name});
    overrides.add(new String[] {"/word/" + name, "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"});
    sectPr += "<w:headerReference w:type=\"" + type + "\" r:id=\"" + id + "\"/>";
    return this;
  }

  /** Adds a footer part referenced from the section as {@code type}. */
  public Docx footer(String name, String type, String content) {
    String id = "rId" + relId++;
    parts.put("word/" + name, "<w:ftr " + NS + ">" + content + "</w:ftr>");
    rels.add(new String[] {id, REL + "footer", name});
    overrides.add(new String[] {"/word/" + name, "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"});
    sectPr += "<w:footerReference w:type=\"" + type + "\" r:id=\"" + id + "\"/>";
    return this;
  }

  /** Adds the footnotes part with the given {@code w:footnote} elements (separators added). */
  public Docx footnotes(String notes) {
    parts.put(
        "word/footnotes.xml",
        "<w:footnotes " + NS + ">"
            + "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
            + "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
            + notes
            + "</w:footnotes>");
    rels.add(new String[] {"rId" + relId++, REL + "footnotes", "footnotes.xml"});
    overrides.add(new String[] {"/word/footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"});
    return this;
  }

  /** Adds the endnotes part with the given {@code w:endnote} elements. */
  public Docx endnotes(String notes) {
    parts.put("word/endnotes.xml", "<w:endnotes " + NS + ">" + notes + "</w:endnotes>");
    rels.add(new String[] {"rId" + relId++, REL + "endnotes", "endnotes.xml"});
    overrides.add(new String[] {"/word/endnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"});
    return this;
  }

  /** Adds the titlePg flag (first-page header) to the section. */
  public Docx titlePage() {
    sectPr += "<w:titlePg/>";
    return this;
  }

  /** Adds any XML part as is (no relationship). */
  public Docx xmlPart(String name, String xml) {
    parts.put(name, xml);
    return this;
  }

  /** Adds a binary part, related from the document with the given relationship type suffix. */
  public Docx binaryPart(String name, byte[] data, String relType) {
    binaryParts.put(name, data);
    rels.add(new String[] {"rId" + relId++, REL + relType, name.substring("word/".length())});
    return this;
  }

  /** Returns the package bytes. */
  public byte[] bytes() {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos)) {
      StringBuilder ct = new StringBuilder();
      ct.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
          .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
          .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
          .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
          .append("<Default Extension=\"png\" ContentType=\"image/png\"/>")
          .append("<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>");
      for (String[] o : overrides) {
        ct.append("<Override PartName=\"").append(o[0]).append("\" ContentType=\"").append(o[1]).append("\"/>");
      }
      ct.append("</Types>");
      put(zip, "[Content_Types].xml", ct.toString());
      put(
          zip,
          "_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
              + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
              + "<Relationship Id=\"rId1\" Type=\"" + REL + "officeDocument\" Target=\"word/document.xml\"/>"
              + "</Relationships>");
      put(
          zip,
          "word/document.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
              + "<w:document " + NS + "><w:body>" + body
              + "<w:sectPr>" + sectPr + "<w:pgSz w:w=\"12240\" w:h=\"15840\"/></w:sectPr>"
              + "</w:body></w:document>");
      StringBuilder r = new StringBuilder();
      r.append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
          .append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
      for (String[] rel : rels) {
        r.append("<Relationship Id=\"").append(rel[0]).append("\" Type=\"").append(rel[1])
            .append("\" Target=\"").append(rel[2]).append("\"/>");
      }
      r.append("</Relationships>");
      put(zip, "word/_rels/document.xml.rels", r.toString());
      for (Map.Entry<String, String> e : parts.entrySet()) {
        put(zip, e.getKey(), e.getValue());
      }
      for (Map.Entry<String, byte[]> e : binaryParts.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bos.toByteArray();
  }

  /** Writes the package to a file and returns it. */
  public Path write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static void put(ZipOutputStream zip, String name, String xml) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** Returns a paragraph holding the given runs and other inline content. */
  public static String p(String... content) {
    return "<w:p>" + String.join("", content) + "</w:p>";
  }

  /** Returns a plain run. */
  public static String r(String text) {
    return "<w:r><w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
  }

  /** Returns a run with properties (the inside of w:rPr, e.g. {@code <w:b/>}). */
  public static String r(String rPr, String text) {
    return "<w:r><w:rPr>" + rPr + "</w:rPr><w:t xml:space=\"preserve\">" + escape(text) + "</w:t></w:r>";
  }

  /** Returns a table of one row per array, one cell per string of raw cell content. */
  public static String table(String[]... rows) {
    StringBuilder b = new StringBuilder("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
    for (String[] row : rows) {
      b.append("<w:tr>");
      for (String cell : row) {
        b.append("<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>").append(cell).append("</w:tc>");
      }
      b.append("</w:tr>");
    }
    return b.append("</w:tbl>").toString();
  }

  /** Escapes text for XML content. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
