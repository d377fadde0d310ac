package dev.engagement.core.internal.docx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engagement.core.DocumentLimits;
import dev.engagement.core.DocumentProcessingException;
import dev.engagement.core.testing.Docx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The in-memory zip path: record-by-record copies, direct inflating, and when it steps aside. */
final class RawZipCopyTest {
  private static final String DOC = "word/document.xml";

  /** A package with data descriptors (deflated entries), a stored entry and an archive comment. */
  private static byte[] pkg() throws IOException {
    byte[] base = Docx.builder().body(Docx.p(Docx.r("Tax year 2024."))).bytes();
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(base));
        ZipOutputStream out = new ZipOutputStream(bos)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(in.readAllBytes());
        out.closeEntry();
      }
      byte[] stored = "stored bytes".getBytes(StandardCharsets.UTF_8);
      ZipEntry s = new ZipEntry("customXml/item1.bin");
      s.setMethod(ZipEntry.STORED);
      s.setSize(stored.length);
      CRC32 crc = new CRC32();
      crc.update(stored);
      s.setCrc(crc.getValue());
      out.putNextEntry(s);
      out.write(stored);
      out.closeEntry();
      out.setComment("made by a test");
    }
    return bos.toByteArray();
  }

  private static Map<String, byte[]> entries(byte[] zip) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        m.put(e.getName(), in.readAllBytes());
      }
    }
    return m;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void copiesUnchangedRecordsByteForByteAndReplacesOnlyTheChangedPart() throws Exception {
    byte[] src = pkg();
    byte[] newDoc;
    byte[] out;
    try (DocxPackage p = DocxPackage.open(src, "a.docx", DocumentLimits.ofDefaults())) {
      newDoc = new String(p.readXml(DOC).text().replace("2024", "2025")).getBytes(StandardCharsets.UTF_8);
      out = p.toBytes(Map.of(DOC, newDoc));
    }
    Map<String, byte[]> before = entries(src);
    Map<String, byte[]> after = entries(out);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    for (String name : before.keySet()) {
      assertThat(after.get(name)).as(name).isEqualTo(name.equals(DOC) ? newDoc : before.get(name));
    }
    // the stored entry's local record (header and data) is in the output exactly as it was
    byte[] storedRecord = java.util.Arrays.copyOfRange(src, indexOf(src, "customXml/item1.bin".getBytes(StandardCharsets.UTF_8)) - 30,
        indexOf(src, "stored bytes".getBytes(StandardCharsets.UTF_8)) + 12);
    assertThat(indexOf(out, storedRecord)).isPositive();
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(write(out))) {
      assertThat(z.getComment()).isEqualTo("made by a test");
      assertThat(z.getEntry("customXml/item1.bin").getMethod()).isEqualTo(ZipEntry.STORED);
    }
  }

  @Test
  void readsThePartsTheSameWayAsTheStreamingPath() throws Exception {
    byte[] src = pkg();
    try (DocxPackage fromBytes = DocxPackage.open(src, "a.docx", DocumentLimits.ofDefaults());
        DocxPackage fromFile = DocxPackage.open(write(src).toPath(), "a.docx", DocumentLimits.ofDefaults())) {
      assertThat(fromBytes.readXml(DOC).text()).isEqualTo(fromFile.readXml(DOC).text());
      assertThat(fromBytes.storyParts()).isEqualTo(fromFile.storyParts());
    }
  }

  @Test
  void aDamagedPartStillFailsWithItsMessage() throws Exception {
    byte[] src = pkg();
    // flip the CRC of word/document.xml in the central directory: the direct path steps aside
    // and the checked path reports the mismatch
    byte[] name = DOC.getBytes(StandardCharsets.UTF_8);
    int cen = -1;
    for (int i = src.length - 1; i > 46; i--) {
      if (src[i - 46] == 0x50 && src[i - 45] == 0x4b && src[i - 44] == 1 && src[i - 43] == 2
          && indexOf(java.util.Arrays.copyOfRange(src, i, i + name.length), name) == 0) {
        cen = i - 46;
        break;
      }
    }
    assertThat(cen).isPositive();
    src[cen + 16] ^= 0x55;
    try (DocxPackage p = DocxPackage.open(src, "a.docx", DocumentLimits.ofDefaults())) {
      assertThatThrownBy(() -> p.readXml(DOC))
          .isInstanceOf(DocumentProcessingException.class)
          .hasMessageContaining("checksum");
    } catch (DocumentProcessingException e) {
      // the main part is read while opening: the same message then
      assertThat(e.getMessage()).contains("checksum");
    }
  }

  @Test
  void leavesArchivesItDoesNotHandleToTheGeneralWriter() throws Exception {
    byte[] src = pkg();
    List<org.apache.commons.compress.archivers.zip.ZipArchiveEntry> none = new ArrayList<>();
    // entries that do not line up with the central directory: null, so the caller falls back
    assertThat(RawZipCopy.write(src, none, List.of(), Map.of())).isNull();
    assertThat(RawZipCopy.write(new byte[10], none, List.of(), Map.of())).isNull();
  }

  private static java.io.File write(byte[] b) throws IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("rawzip", ".docx");
    f.toFile().deleteOnExit();
    java.nio.file.Files.write(f, b);
    return f.toFile();
  }
}
