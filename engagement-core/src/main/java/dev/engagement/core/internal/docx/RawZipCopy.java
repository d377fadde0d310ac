package dev.engagement.core.internal.docx;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Collection;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a package held in memory the cheapest faithful way. Writing: each unchanged entry's local record
 * (header, data, data descriptor) and central-directory record are copied byte for byte, only
 * their offsets moved; each changed part gets a new local record, deflated, and its central
 * record keeps everything but the method, sizes, CRC and flags. A general zip writer re-encodes
 * every header (names, extra fields, times) for every entry, which costs more than rolling a
 * small letter.
 *
 * <p>Archives it leaves to the general writer (it returns null): zip64 and multi-disk archives,
 * records that do not line up with the entries the reader found, and outputs of 4 GiB or more.
 *
 * <p>Thread-safe: stateless.
 */
final class RawZipCopy {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int LOC_SIG = 0x04034b50;
  private static final int DESCRIPTOR_SIG = 0x08074b50;
  private static final int EFS_FLAG = 0x0800;
  private static final int DESCRIPTOR_FLAG = 0x0008;
  private static final long MAX32 = 0xFFFFFFFFL;

  private RawZipCopy() {}

  /**
   * Returns the new package, or null when the archive is of a kind left to the general writer.
   *
   * @param src the package's bytes
   * @param entries the entries the reader found, in central-directory order
   * @param dropped entries to leave out (unsafe names)
   * @param replaced new uncompressed bytes by entry name
   */
  static byte @Nullable [] write(
      byte[] src, List<ZipArchiveEntry> entries, Collection<ZipArchiveEntry> dropped, Map<String, byte[]> replaced) {
    int eocd = findEndOfCentralDirectory(src);
    if (eocd < 0 || (eocd >= 20 && le32(src, eocd - 20) == ZIP64_LOCATOR_SIG)) {
      return null;
    }
    int disk = le16(src, eocd + 4);
    int cdDisk = le16(src, eocd + 6);
    int onDisk = le16(src, eocd + 8);
    int total = le16(src, eocd + 10);
    long cdSize = le32u(src, eocd + 12);
    long cdOffset = le32u(src, eocd + 16);
    int commentLength = le16(src, eocd + 20);
    if (disk != 0 || cdDisk != 0 || onDisk != total || total != entries.size()
        || cdOffset + cdSize > eocd || total == 0xFFFF || cdOffset == MAX32) {
      return null;
    }
    int extra = 0;
    for (byte[] b : replaced.values()) {
      extra += b.length / 4 + 64;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length + extra);
    ByteArrayOutputStream central = new ByteArrayOutputStream((int) cdSize + 64);
    int kept = 0;
    int p = (int) cdOffset;
    for (ZipArchiveEntry e : entries) {
      if (p + 46 > eocd || le32(src, p) != CEN_SIG) {
        return null;
      }
      int flags = le16(src, p + 8);
      long compressed = le32u(src, p + 20);
      long size = le32u(src, p + 24);
      int nameLength = le16(src, p + 28);
      int extraLength = le16(src, p + 30);
      int entryComment = le16(src, p + 32);
      long local = le32u(src, p + 42);
      int recordLength = 46 + nameLength + extraLength + entryComment;
      if (compressed == MAX32 || size == MAX32 || local == MAX32 || local != e.getLocalHeaderOffset()
          || p + recordLength > eocd) {
        return null;
      }
      int record = p;
      p += recordLength;
      if (dropped.contains(e)) {
        continue;
      }
      int lo = (int) local;
      if (lo + 30 > src.length || le32(src, lo) != LOC_SIG) {
        return null;
      }
      long dataStart = (long) lo + 30 + le16(src, lo + 26) + le16(src, lo + 28);
      long dataEnd = dataStart + compressed;
      if (dataEnd > src.length) {
        return null;
      }
      long end = dataEnd;
      if ((flags & DESCRIPTOR_FLAG) != 0) {
        end += dataEnd + 4 <= src.length && le32(src, (int) dataEnd) == DESCRIPTOR_SIG ? 16 : 12;
        if (end > src.length) {
          return null;
        }
      }
      long newOffset = out.size();
      if (newOffset >= MAX32) {
        return null;
      }
      byte[] data = replaced.get(e.getName());
      byte[] cen = new byte[recordLength];
      System.arraycopy(src, record, cen, 0, recordLength);
      if (data == null) {
        out.write(src, lo, (int) (end - lo));
      } else {
        byte[] deflated = deflate(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        int newFlags = flags & EFS_FLAG;
        byte[] loc = new byte[30];
        put32(loc, 0, LOC_SIG);
        put16(loc, 4, 20);
        put16(loc, 6, newFlags);
        put16(loc, 8, Deflater.DEFLATED);
        System.arraycopy(src, record + 12, loc, 10, 4); // the entry's DOS time and date
        put32(loc, 14, (int) crc.getValue());
        put32(loc, 18, deflated.length);
        put32(loc, 22, data.length);
        put16(loc, 26, nameLength);
        put16(loc, 28, 0);
        out.write(loc, 0, loc.length);
        out.write(src, record + 46, nameLength);
        out.write(deflated, 0, deflated.length);
        if (le16(cen, 6) < 20) {
          put16(cen, 6, 20);
        }
        put16(cen, 8, newFlags);
        put16(cen, 10, Deflater.DEFLATED);
        put32(cen, 16, (int) crc.getValue());
        put32(cen, 20, deflated.length);
        put32(cen, 24, data.length);
      }
      put32(cen, 42, (int) newOffset);
      central.write(cen, 0, cen.length);
      kept++;
    }
    long newCdOffset = out.size();
    if (newCdOffset + central.size() >= MAX32) {
      return null;
    }
    byte[] cd = central.toByteArray();
    out.write(cd, 0, cd.length);
    byte[] end = new byte[22];
    put32(end, 0, EOCD_SIG);
    put16(end, 8, kept);
    put16(end, 10, kept);
    put32(end, 12, central.size());
    put32(end, 16, (int) newCdOffset);
    put16(end, 20, commentLength);
    out.write(end, 0, end.length);
    out.write(src, eocd + 22, commentLength);
    return out.toByteArray();
  }

  /**
   * Returns an entry's uncompressed bytes, inflated straight from the package's bytes into an
   * array of the declared size, or null when anything is unusual (a method other than stored or
   * deflated, an unknown checksum, a size or checksum that does not match, records out of
   * bounds): the caller's checked, streaming path then decides, with its messages.
   *
   * @param src the package's bytes
   * @param e the entry
   * @param declared its declared uncompressed size (small: the caller bounds it)
   */
  static byte @Nullable [] inflate(byte[] src, ZipArchiveEntry e, int declared) {
    long lo = e.getLocalHeaderOffset();
    long compressed = e.getCompressedSize();
    int method = e.getMethod();
    if (lo < 0 || lo + 30 > src.length || compressed < 0 || e.getCrc() == -1
        || e.getGeneralPurposeBit().usesEncryption() || le32(src, (int) lo) != LOC_SIG) {
      return null;
    }
    long start = lo + 30 + le16(src, (int) lo + 26) + le16(src, (int) lo + 28);
    if (start + compressed > src.length) {
      return null;
    }
    byte[] out = new byte[declared];
    if (method == ZipArchiveEntry.STORED) {
      if (compressed != declared) {
        return null;
      }
      System.arraycopy(src, (int) start, out, 0, declared);
    } else if (method == ZipArchiveEntry.DEFLATED) {
      Inflater inflater = new Inflater(true);
      try {
        inflater.setInput(src, (int) start, (int) compressed);
        int n = 0;
        while (n < declared && !inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary()) {
          n += inflater.inflate(out, n, declared - n);
        }
        if (n != declared) {
          return null;
        }
        // the stream must end here: one more byte of output would mean the declared size lies
        if (!inflater.finished() && (inflater.needsInput() || inflater.inflate(new byte[1]) != 0 || !inflater.finished())) {
          return null;
        }
      } catch (DataFormatException ex) {
        return null;
      } finally {
        inflater.end();
      }
    } else {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(out);
    return crc.getValue() == e.getCrc() ? out : null;
  }

  /** Returns the offset of the end-of-central-directory record whose comment ends the file. */
  private static int findEndOfCentralDirectory(byte[] src) {
    int last = src.length - 22;
    int first = Math.max(0, last - 0xFFFF);
    for (int i = last; i >= first; i--) {
      if (le32(src, i) == EOCD_SIG && i + 22 + le16(src, i + 20) == src.length) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    try {
      d.setInput(data);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
      byte[] buf = new byte[Math.max(1024, Math.min(data.length, 65536))];
      while (!d.finished()) {
        int n = d.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static int le16(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
  }

  private static int le32(byte[] b, int i) {
    return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
  }

  private static long le32u(byte[] b, int i) {
    return le32(b, i) & MAX32;
  }

  private static void put16(byte[] b, int i, int v) {
    b[i] = (byte) v;
    b[i + 1] = (byte) (v >>> 8);
  }

  private static void put32(byte[] b, int i, int v) {
    b[i] = (byte) v;
    b[i + 1] = (byte) (v >>> 8);
    b[i + 2] = (byte) (v >>> 16);
    b[i + 3] = (byte) (v >>> 24);
  }
}
