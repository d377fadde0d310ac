package dev.engagement.core.internal.docx;

import dev.engagement.core.DocumentLimits;
import dev.engagement.core.DocumentProcessingException;
import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.xml.MalformedXmlException;
import dev.engagement.core.internal.xml.Namespaces;
import dev.engagement.core.internal.xml.XmlScanner;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.jspecify.annotations.Nullable;

/**
 * A Word package opened for reading, with its story parts found through the relationships, and
 * written back by copying every unchanged zip entry raw (never inflated, never re-compressed)
 * and deflating only the parts that changed.
 *
 * <p>Opening checks what the file really is (an encrypted document, a renamed .doc, PDF, RTF or
 * HTML file are named as such), refuses damaged archives, duplicate entries, Strict Open XML and
 * parts that would inflate past the {@link DocumentLimits}; entries whose names try to leave the
 * package (zip-slip) are dropped from the output and reported.
 *
 * <p>Not thread-safe: one instance per letter.
 */
public final class DocxPackage implements Closeable {
  static final String OFFICE_DOCUMENT_REL =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
  static final String STRICT_OFFICE_DOCUMENT_REL =
      "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";
  private static final String REL_PREFIX =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  private static final byte[] OLE2 = {
    (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
  };
  private static final long GRACE_BYTES = 1L << 20;

  private final String fileName;
  private final DocumentLimits limits;
  private final ZipFile zip;
  private final byte @Nullable [] source;
  private final List<ZipArchiveEntry> entries;
  private final Map<String, ZipArchiveEntry> byLowerName;
  private final List<String> notes = new ArrayList<>();
  private final List<ZipArchiveEntry> dropped = new ArrayList<>();
  private final String mainPart;
  private final List<StoryPart> storyParts;

  private DocxPackage(String fileName, DocumentLimits limits, ZipFile zip, byte @Nullable [] source) {
    this.fileName = fileName;
    this.limits = limits;
    this.zip = zip;
    this.source = source;
    this.entries = new ArrayList<>();
    this.byLowerName = new HashMap<>();
    indexEntries();
    this.mainPart = findMainPart();
    this.storyParts = findStoryParts();
  }

  /**
   * Opens a package from a file.
   *
   * @param file the .docx file; it is only read
   * @param fileName the name to use in messages
   * @param limits the bounds to apply
   * @throws DocumentProcessingException (stage open) naming what is wrong with the file
   */
  public static DocxPackage open(Path file, String fileName, DocumentLimits limits) {
    long size;
    byte[] head = new byte[8];
    int headLen;
    try {
      size = Files.size(file);
      try (InputStream in = Files.newInputStream(file)) {
        headLen = in.readNBytes(head, 0, head.length);
      }
    } catch (IOException e) {
      throw fail(fileName, "the file cannot be read (" + e.getMessage() + ")", e);
    }
    checkHead(fileName, limits, size, head, headLen, () -> describeOle2(file));
    ZipFile zip;
    try {
      zip = ZipFile.builder().setPath(file).setUseUnicodeExtraFields(true).get();
    } catch (IOException | RuntimeException e) {
      throw damaged(fileName, String.valueOf(e.getMessage()).replace(file.toString(), fileName), e);
    }
    return open(fileName, limits, zip, null);
  }

  /**
   * Opens a package from its bytes (read once by the batch; nothing else is read from disk).
   *
   * @param content the .docx file's bytes; they are not changed and must not change
   * @param fileName the name to use in messages
   * @param limits the bounds to apply
   * @throws DocumentProcessingException (stage open) naming what is wrong with the file
   */
  public static DocxPackage open(byte[] content, String fileName, DocumentLimits limits) {
    int headLen = Math.min(8, content.length);
    checkHead(fileName, limits, content.length, content, headLen, () -> describeOle2(content));
    ZipFile zip;
    try {
      zip =
          ZipFile.builder()
              .setSeekableByteChannel(new SeekableInMemoryByteChannel(content))
              .setUseUnicodeExtraFields(true)
              .get();
    } catch (IOException | RuntimeException e) {
      throw damaged(fileName, String.valueOf(e.getMessage()), e);
    }
    return open(fileName, limits, zip, content);
  }

  private static void checkHead(
      String fileName,
      DocumentLimits limits,
      long size,
      byte[] head,
      int headLen,
      java.util.function.Supplier<String> describeOle2) {
    if (size == 0) {
      throw fail(fileName, "the file is empty (0 bytes)", null);
    }
    if (size > limits.maxFileBytes()) {
      throw fail(
          fileName,
          "the file is too large ("
              + megabytes(size)
              + "; the limit is "
              + megabytes(limits.maxFileBytes())
              + ")",
          null);
    }
    if (startsWith(head, headLen, OLE2)) {
      throw fail(fileName, describeOle2.get(), null);
    }
    if (!(headLen >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)) {
      throw fail(fileName, describeNonZip(head, headLen), null);
    }
  }

  private static DocumentProcessingException damaged(String fileName, String why, Exception e) {
    return fail(fileName, "the file is damaged or incomplete: its zip archive cannot be read (" + why + ")", e);
  }

  private static DocxPackage open(
      String fileName, DocumentLimits limits, ZipFile zip, byte @Nullable [] source) {
    try {
      return new DocxPackage(fileName, limits, zip, source);
    } catch (RuntimeException e) {
      ZipFile.closeQuietly(zip);
      throw e;
    }
  }

  /** Returns the name of the main document part, e.g. {@code word/document.xml}. */
  public String mainPart() {
    return mainPart;
  }

  /** Returns the story parts: the main part first, then headers, footers, notes. */
  public List<StoryPart> storyParts() {
    return storyParts;
  }

  /** Returns notes about the package worth telling the user (missing parts, dropped entries). */
  public List<String> notes() {
    return Collections.unmodifiableList(notes);
  }

  /**
   * Reads and decodes an XML part.
   *
   * @throws DocumentProcessingException (stage read) if it is missing, damaged or too large
   */
  public XmlPart readXml(String partName) {
    ZipArchiveEntry e = byLowerName.get(partName.toLowerCase(Locale.ROOT));
    if (e == null) {
      throw new DocumentProcessingException(
          "Could not read the letter",
          fileName,
          Stage.READ,
          "the part " + partName + " is missing",
          null);
    }
    byte[] bytes = inflate(e);
    try {
      return XmlPart.decode(e.getName(), bytes);
    } catch (IOException ex) {
      throw new DocumentProcessingException(
          "Could not read the letter", fileName, Stage.READ, ex.getMessage(), ex);
    }
  }

  /**
   * Writes the package to a new file: replaced parts deflated anew, every other entry copied
   * raw, in the original order.
   *
   * @param target the file to create; it must not exist
   * @param replaced new bytes by part name (exact entry name)
   */
  public void write(Path target, Map<String, byte[]> replaced) throws IOException {
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
      write(out, replaced);
    }
  }

  /**
   * Returns the package with the replaced parts: for a package opened from its bytes, unchanged
   * entries copied record by record (see {@link RawZipCopy}); else what {@link #write(Path, Map)}
   * would write.
   */
  public byte[] toBytes(Map<String, byte[]> replaced) throws IOException {
    if (source != null) {
      byte[] copy = RawZipCopy.write(source, entries, dropped, replaced);
      if (copy != null) {
        return copy;
      }
    }
    SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(channel)) {
      write(out, replaced);
    }
    return Arrays.copyOf(channel.array(), (int) channel.size());
  }

  private void write(ZipArchiveOutputStream out, Map<String, byte[]> replaced) throws IOException {
    out.setUseZip64(Zip64Mode.AsNeeded);
    out.setLevel(Deflater.DEFAULT_COMPRESSION);
    for (ZipArchiveEntry e : entries) {
      if (dropped.contains(e)) {
        continue;
      }
      byte[] data = replaced.get(e.getName());
      if (data == null) {
        try (InputStream raw = zip.getRawInputStream(e)) {
          out.addRawArchiveEntry(e, raw);
        }
      } else {
        ZipArchiveEntry n = new ZipArchiveEntry(e.getName());
        n.setMethod(ZipEntry.DEFLATED);
        n.setTime(e.getTime());
        out.putArchiveEntry(n);
        out.write(data);
        out.closeArchiveEntry();
      }
    }
    out.finish();
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }

  private void indexEntries() {
    Enumeration<ZipArchiveEntry> en = zip.getEntries();
    int count = 0;
    while (en.hasMoreElements()) {
      ZipArchiveEntry e = en.nextElement();
      if (++count > limits.maxEntries()) {
        throw fail(
            fileName,
            "the zip archive has more than " + limits.maxEntries() + " entries",
            null);
      }
      String name = e.getName();
      if (!isSafePartName(name)) {
        dropped.add(e);
        entries.add(e);
        notes.add("dropped the zip entry '" + name + "': its name points outside the package");
        continue;
      }
      if (e.isDirectory()) {
        entries.add(e);
        continue;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (byLowerName.putIfAbsent(lower, e) != null) {
        throw fail(
            fileName,
            "the zip archive has two entries named "
                + name
                + " (the file is damaged or has been tampered with)",
            null);
      }
      if (!zip.canReadEntryData(e)) {
        throw fail(
            fileName,
            "the entry " + name + " uses a zip feature that cannot be read (method " + e.getMethod() + ")",
            null);
      }
      entries.add(e);
    }
    if (!byLowerName.containsKey("[content_types].xml")) {
      throw fail(
          fileName,
          "it is not a Word document: the package has no [Content_Types].xml",
          null);
    }
  }

  private String findMainPart() {
    if (!byLowerName.containsKey("_rels/.rels")) {
      throw fail(fileName, "it is not a Word document: the package has no _rels/.rels", null);
    }
    String main = null;
    boolean strict = false;
    for (Relationship r : readRelationships("_rels/.rels", "")) {
      if (OFFICE_DOCUMENT_REL.equals(r.type()) && !r.external()) {
        main = r.target();
        break;
      }
      if (STRICT_OFFICE_DOCUMENT_REL.equals(r.type())) {
        strict = true;
      }
    }
    if (main == null) {
      if (strict) {
        throw fail(
            fileName,
            "it is saved as Strict Open XML, which is not supported: open it in Word and save it"
                + " as a Word Document (.docx)",
            null);
      }
      throw fail(fileName, "it is not a Word document: the package has no main document", null);
    }
    ZipArchiveEntry e = byLowerName.get(main.toLowerCase(Locale.ROOT));
    if (e == null) {
      throw fail(fileName, "the main document part " + main + " is missing", null);
    }
    String type = contentTypes().get(main.toLowerCase(Locale.ROOT));
    if (type == null || !type.contains("wordprocessingml") && !type.contains("ms-word")) {
      throw fail(
          fileName,
          "it is not a Word document (its main part has the content type " + type + ")",
          null);
    }
    return e.getName();
  }

  private List<StoryPart> findStoryParts() {
    List<StoryPart> parts = new ArrayList<>();
    parts.add(new StoryPart(mainPart, StoryPart.Kind.BODY));
    String rels = relsPartOf(mainPart);
    if (!byLowerName.containsKey(rels.toLowerCase(Locale.ROOT))) {
      return List.copyOf(parts);
    }
    Map<String, StoryPart> found = new LinkedHashMap<>();
    for (Relationship r : readRelationships(rels, folderOf(mainPart))) {
      if (r.external() || !r.type().startsWith(REL_PREFIX)) {
        continue;
      }
      StoryPart.Kind kind;
      switch (r.type().substring(REL_PREFIX.length())) {
        case "header":
          kind = StoryPart.Kind.HEADER;
          break;
        case "footer":
          kind = StoryPart.Kind.FOOTER;
          break;
        case "footnotes":
          kind = StoryPart.Kind.FOOTNOTES;
          break;
        case "endnotes":
          kind = StoryPart.Kind.ENDNOTES;
          break;
        default:
          continue;
      }
      ZipArchiveEntry e = byLowerName.get(r.target().toLowerCase(Locale.ROOT));
      if (e == null) {
        notes.add(
            "the document refers to "
                + r.target()
                + " ("
                + kind.label()
                + "), which is missing from the file; nothing to roll there");
        continue;
      }
      found.putIfAbsent(e.getName(), new StoryPart(e.getName(), kind));
    }
    List<StoryPart> sorted = new ArrayList<>(found.values());
    sorted.sort((a, b) -> a.kind() != b.kind() ? a.kind().compareTo(b.kind()) : compareNatural(a.name(), b.name()));
    parts.addAll(sorted);
    return List.copyOf(parts);
  }

  private Map<String, String> contentTypes() {
    XmlPart part = readXml("[Content_Types].xml");
    Map<String, String> defaults = new HashMap<>();
    Map<String, String> overrides = new HashMap<>();
    XmlScanner x = new XmlScanner(part.text(), part.name(), limits.maxXmlDepth());
    try {
      for (int t = x.next(); t != XmlScanner.EOF; t = x.next()) {
        if (t != XmlScanner.START) {
          continue;
        }
        if ("Default".equals(x.localName())) {
          String ext = x.attribute("", "Extension");
          String ct = x.attribute("", "ContentType");
          if (ext != null && ct != null) {
            defaults.put(ext.toLowerCase(Locale.ROOT), ct);
          }
        } else if ("Override".equals(x.localName())) {
          String pn = x.attribute("", "PartName");
          String ct = x.attribute("", "ContentType");
          if (pn != null && ct != null) {
            String name = pn.startsWith("/") ? pn.substring(1) : pn;
            overrides.put(percentDecode(name).toLowerCase(Locale.ROOT), ct);
          }
        }
      }
    } catch (MalformedXmlException e) {
      throw fail(fileName, e.getMessage(), e);
    }
    Map<String, String> result = new HashMap<>();
    for (String lower : byLowerName.keySet()) {
      String ct = overrides.get(lower);
      if (ct == null) {
        int dot = lower.lastIndexOf('.');
        ct = dot < 0 ? null : defaults.get(lower.substring(dot + 1));
      }
      if (ct != null) {
        result.put(lower, ct);
      }
    }
    return result;
  }

  private List<Relationship> readRelationships(String relsPart, String baseFolder) {
    XmlPart part = readXml(relsPart);
    List<Relationship> list = new ArrayList<>();
    XmlScanner x = new XmlScanner(part.text(), part.name(), limits.maxXmlDepth());
    try {
      for (int t = x.next(); t != XmlScanner.EOF; t = x.next()) {
        if (t != XmlScanner.START || !"Relationship".equals(x.localName())) {
          continue;
        }
        if (!Namespaces.PACKAGE_RELATIONSHIPS.equals(x.namespace())) {
          continue;
        }
        String type = x.attribute("", "Type");
        String target = x.attribute("", "Target");
        String mode = x.attribute("", "TargetMode");
        if (type == null || target == null) {
          continue;
        }
        boolean external = "External".equalsIgnoreCase(mode);
        String resolved = external ? target : resolveTarget(baseFolder, target);
        if (resolved == null) {
          continue;
        }
        list.add(new Relationship(type, resolved, external));
      }
    } catch (MalformedXmlException e) {
      throw fail(fileName, e.getMessage(), e);
    }
    return list;
  }

  private byte[] inflate(ZipArchiveEntry e) {
    long declared = e.getSize();
    if (declared > limits.maxPartBytes()) {
      throw fail(
          fileName,
          e.getName()
              + " would inflate to "
              + megabytes(declared)
              + ", over the limit of "
              + megabytes(limits.maxPartBytes())
              + " (a zip bomb or a damaged file)",
          null);
    }
    if (source != null && declared >= 0 && declared <= GRACE_BYTES) {
      byte[] direct = RawZipCopy.inflate(source, e, (int) declared);
      if (direct != null) {
        return direct;
      }
      // anything unusual (a size or checksum that does not match...) takes the checked path below
    }
    long compressed = Math.max(1, e.getCompressedSize());
    int initial = (int) Math.min(Math.max(declared, 1024), 1 << 20);
    ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
    CRC32 crc = new CRC32();
    byte[] buf = new byte[16384];
    long total = 0;
    try (InputStream in = zip.getInputStream(e)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > limits.maxPartBytes()) {
          throw fail(
              fileName,
              e.getName()
                  + " inflates to more than "
                  + megabytes(limits.maxPartBytes())
                  + " (a zip bomb or a damaged file)",
              null);
        }
        if (total > GRACE_BYTES && total / compressed > limits.maxInflateRatio()) {
          throw fail(
              fileName,
              e.getName()
                  + " inflates more than "
                  + limits.maxInflateRatio()
                  + " times its compressed size (a zip bomb or a damaged file)",
              null);
        }
        crc.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException ex) {
      if (ex instanceof DocumentProcessingException) {
        throw (DocumentProcessingException) ex;
      }
      throw fail(
          fileName,
          "the file is damaged: " + e.getName() + " cannot be decompressed (" + ex.getMessage() + ")",
          ex);
    }
    if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
      throw fail(
          fileName, "the file is damaged: the checksum of " + e.getName() + " does not match", null);
    }
    if (declared >= 0 && total != declared) {
      throw fail(
          fileName,
          "the file is damaged: " + e.getName() + " has " + total + " bytes, not " + declared,
          null);
    }
    return out.toByteArray();
  }

  static @Nullable String resolveTarget(String baseFolder, String target) {
    String t = percentDecode(target);
    int hash = t.indexOf('#');
    if (hash >= 0) {
      t = t.substring(0, hash);
    }
    String path = t.startsWith("/") ? t.substring(1) : baseFolder + t;
    List<String> out = new ArrayList<>();
    for (String seg : path.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (out.isEmpty()) {
          return null;
        }
        out.remove(out.size() - 1);
      } else {
        out.add(seg);
      }
    }
    return out.isEmpty() ? null : String.join("/", out);
  }

  static String relsPartOf(String part) {
    int slash = part.lastIndexOf('/');
    return part.substring(0, slash + 1) + "_rels/" + part.substring(slash + 1) + ".rels";
  }

  static String folderOf(String part) {
    return part.substring(0, part.lastIndexOf('/') + 1);
  }

  private static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  static boolean isSafePartName(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
      return false;
    }
    for (String seg : name.split("/", -1)) {
      if (seg.equals("..") || seg.equals(".")) {
        return false;
      }
    }
    return true;
  }

  private static int compareNatural(String a, String b) {
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  private static boolean startsWith(byte[] head, int len, byte[] magic) {
    if (len < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describeOle2(Path file) {
    try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
      return describeOle2(fs);
    } catch (IOException | RuntimeException e) {
      return "it is an old-style Office file (OLE2) that cannot be read, not a .docx";
    }
  }

  private static String describeOle2(byte[] content) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new java.io.ByteArrayInputStream(content))) {
      return describeOle2(fs);
    } catch (IOException | RuntimeException e) {
      return "it is an old-style Office file (OLE2) that cannot be read, not a .docx";
    }
  }

  private static String describeOle2(POIFSFileSystem fs) {
    DirectoryNode root = fs.getRoot();
    if (root.hasEntryCaseInsensitive("EncryptionInfo")
        || root.hasEntryCaseInsensitive("EncryptedPackage")) {
      return "the letter is password-protected (encrypted): open it in Word, remove the password"
          + " (File > Info > Protect Document), save it and try again";
    }
    if (root.hasEntryCaseInsensitive("WordDocument")) {
      return "it is a Word 97-2003 document (.doc) with a .docx name: open it in Word and save"
          + " it as a Word Document (.docx)";
    }
    return "it is an old-style Office file (OLE2), not a .docx";
  }

  private static String describeNonZip(byte[] head, int len) {
    String start = new String(head, 0, len, StandardCharsets.ISO_8859_1);
    if (start.startsWith("%PDF")) {
      return "it is a PDF file, not a Word document";
    }
    if (start.startsWith("{\\rtf")) {
      return "it is an RTF file with a .docx name: open it in Word and save it as a Word Document"
          + " (.docx)";
    }
    if (start.trim().startsWith("<") || start.startsWith("\uFEFF") || start.startsWith("\u00EF\u00BB\u00BF<")) {
      return "it is a text or HTML file (perhaps a failed download), not a Word document";
    }
    if (start.startsWith("PK")) {
      return "the file is damaged or incomplete: it does not start with a zip entry";
    }
    return "it is not a Word document (the file is not a zip archive)";
  }

  static String megabytes(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }

  private static DocumentProcessingException fail(
      String fileName, String reason, @Nullable Throwable cause) {
    return new DocumentProcessingException(
        "Could not open the letter", fileName, Stage.OPEN, reason, cause);
  }

  private record Relationship(String type, String target, boolean external) {}
}
