package dev.engagement.cache.internal.filesystem;

import dev.engagement.cache.internal.jcache.DamageLog;
import dev.engagement.cache.internal.jcache.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file per entry in a folder, as cachelib's FileSystemCache: the file's name is a hash of
 * the key (of its UTF-8 text, for a string key, so names match cachelib's), the file starts with
 * its expiry time, and a write goes to a temporary file in the folder that is atomically renamed
 * over the entry (readers in other processes see the old or the new entry, never half of one).
 * With a threshold, a write of a new entry first prunes the folder to make room: expired entries
 * first, then those that expire soonest (entries that never expire last), the oldest first.
 *
 * <p>File layout: the magic {@code EGF1}, the expiry time (8 bytes, epoch milliseconds, 0 =
 * never), the key's length (4 bytes), the key, the value.
 *
 * <p>The folder may be shared, so what is in it is not trusted: a file that is not an entry of
 * this library, holds another key, or is not a regular file (a FIFO, a folder, a symbolic link,
 * a device) is a miss, logged by a {@link DamageLog}. Files are checked with their own
 * attributes (links not followed) before they are opened, and opened with {@link
 * LinkOption#NOFOLLOW_LINKS}, so a FIFO is never opened (opening one for reading would block
 * until a writer comes). The one window left is a FIFO renamed over an entry between that check
 * and the open. A write over a folder that is in the way removes it if it is empty and is
 * otherwise dropped (logged); a FIFO or link in the way is replaced by the rename.
 *
 * <p>Thread-safe; several processes may share the folder. The entry count the threshold uses is
 * recounted from the folder whenever this process thinks it is at the threshold, so with several
 * writers the folder may briefly hold a few more entries than the threshold.
 */
final class FileStore implements Store {
  private static final Logger logger = LoggerFactory.getLogger(FileStore.class);
  private static final byte[] MAGIC = {'E', 'G', 'F', '1'};
  private static final int HEADER = MAGIC.length + 8 + 4;
  static final String TEMP_SUFFIX = ".__wz_cache";

  private final Path dir;
  private final int threshold;
  private final @Nullable Set<PosixFilePermission> permissions;
  private final String hashMethod;
  private final int nameLength;
  private final boolean deleteDirOnDestroy;
  private final LongConsumer evictions;
  private final Clock clock;
  private final DamageLog damage;
  private final AtomicLong estimatedCount = new AtomicLong();
  private final Object pruneLock = new Object();

  FileStore(
      Path dir,
      int threshold,
      @Nullable Set<PosixFilePermission> permissions,
      String hashMethod,
      boolean deleteDirOnDestroy,
      LongConsumer evictions,
      Clock clock) {
    this.dir = dir;
    this.threshold = threshold;
    this.permissions = permissions;
    this.hashMethod = hashMethod;
    this.nameLength = digest(hashMethod).getDigestLength() * 2;
    this.deleteDirOnDestroy = deleteDirOnDestroy;
    this.evictions = evictions;
    this.clock = clock;
    this.damage = new DamageLog("FileSystemCache folder " + dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot create its folder " + dir + ": " + e, e);
    }
    if (threshold > 0) {
      estimatedCount.set(entryFiles().size());
    }
  }

  static MessageDigest digest(String hashMethod) {
    String algorithm =
        switch (hashMethod.toLowerCase(Locale.ROOT)) {
          case "md5" -> "MD5";
          case "sha1" -> "SHA-1";
          case "sha224" -> "SHA-224";
          case "sha256" -> "SHA-256";
          case "sha384" -> "SHA-384";
          case "sha512" -> "SHA-512";
          default -> throw new IllegalArgumentException(
              "unknown hash method '" + hashMethod + "': use md5, sha1, sha224, sha256, sha384 or sha512");
        };
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the folder. */
  Path directory() {
    return dir;
  }

  /** Returns the file of a key. */
  Path file(byte[] key) {
    MessageDigest md = digest(hashMethod);
    // cachelib hashes the key's UTF-8 text: do the same for string keys
    if (key.length > 0 && key[0] == 'S') {
      md.update(key, 1, key.length - 1);
    } else {
      md.update(key);
    }
    return dir.resolve(HexFormat.of().formatHex(md.digest()));
  }

  private boolean isEntryName(String name) {
    if (name.length() != nameLength) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }

  private List<Path> entryFiles() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        if (isEntryName(p.getFileName().toString())) {
          files.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return files;
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot list its folder " + dir + ": " + e, e);
    }
    return files;
  }

  /** A parsed file. */
  private record Parsed(byte[] key, byte[] value, long expiresAt) {}

  private static @Nullable Parsed parse(byte[] b) {
    if (b.length < HEADER || !Arrays.equals(b, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    buf.position(MAGIC.length);
    long expires = buf.getLong();
    int keyLength = buf.getInt();
    if (keyLength < 0 || keyLength > b.length - HEADER) {
      return null;
    }
    byte[] key = Arrays.copyOfRange(b, HEADER, HEADER + keyLength);
    byte[] value = Arrays.copyOfRange(b, HEADER + keyLength, b.length);
    return new Parsed(key, value, expires == 0 ? NEVER : expires);
  }

  /** The attributes of a file itself (a link is not followed), or null if there is none. */
  private static @Nullable BasicFileAttributes attributes(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot read the attributes of " + file + ": " + e, e);
    }
  }

  private static String kind(BasicFileAttributes a) {
    return a.isDirectory() ? "a folder" : a.isSymbolicLink() ? "a symbolic link" : "a FIFO, socket or device";
  }

  /** Returns whether a file is a regular one; reports it as unreadable if it is something else. */
  private boolean regular(Path file, BasicFileAttributes a) {
    if (a.isRegularFile()) {
      return true;
    }
    damage.unreadable(file.toString(), "not a regular file but " + kind(a));
    return false;
  }

  /** Opens a regular file for reading, or returns null if it is gone or something else. */
  private @Nullable SeekableByteChannel openRegular(Path file) {
    BasicFileAttributes a = attributes(file);
    if (a == null || !regular(file, a)) {
      return null;
    }
    try {
      return Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    } catch (FileSystemException e) {
      // replaced by a link since its attributes were read (ELOOP under NOFOLLOW_LINKS), or not
      // readable by this user: not an entry this process can use
      damage.unreadable(file.toString(), "it cannot be opened: " + e.getMessage());
      return null;
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot read " + file + ": " + e, e);
    }
  }

  private @Nullable Parsed read(Path file) {
    byte[] b;
    try (SeekableByteChannel ch = openRegular(file)) {
      if (ch == null) {
        return null;
      }
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 64) {
        damage.unreadable(file.toString(), "a file of " + size + " bytes is too large to be an entry");
        return null;
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read it all
      }
      if (buf.hasRemaining()) {
        damage.unreadable(file.toString(), "it shrank while it was read");
        return null;
      }
      b = buf.array();
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot read " + file + ": " + e, e);
    }
    Parsed p = parse(b);
    if (p == null) {
      damage.unreadable(file.toString(), "not an entry of this library (damaged, or written by something else)");
    }
    return p;
  }

  @Override
  public @Nullable Record get(byte[] key) {
    Path file = file(key);
    Parsed p = read(file);
    if (p == null) {
      return null;
    }
    if (!Arrays.equals(p.key(), key)) {
      damage.unreadable(file.toString(), "it holds another key (damaged?)");
      return null;
    }
    return new Record(p.value(), p.expiresAt());
  }

  @Override
  public void put(byte[] key, byte[] value, long expiresAt) {
    Path file = file(key);
    BasicFileAttributes existing = attributes(file);
    if (existing != null && existing.isDirectory() && !removeFolder(file)) {
      return;
    }
    boolean isNew = threshold > 0 && (existing == null || existing.isDirectory());
    if (isNew) {
      makeRoom();
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER + key.length + value.length);
    b.put(MAGIC).putLong(expiresAt == NEVER ? 0 : expiresAt).putInt(key.length).put(key).put(value);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(dir, "", TEMP_SUFFIX);
      Files.write(tmp, b.array());
      if (permissions != null) {
        try {
          Files.setPosixFilePermissions(tmp, permissions);
        } catch (UnsupportedOperationException e) {
          logger.debug("FileSystemCache: {} has no POSIX permissions; the mode is not applied", dir);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot write " + file + ": " + e, e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          logger.debug("FileSystemCache: cannot delete the temporary file {}", tmp, e);
        }
      }
    }
    if (isNew) {
      estimatedCount.incrementAndGet();
    }
  }

  /**
   * Removes a folder where an entry belongs, if it is empty; returns false (and reports it) if it
   * is not: a folder with files in it is left alone.
   */
  private boolean removeFolder(Path file) {
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (DirectoryNotEmptyException e) {
      damage.unreadable(file.toString(), "a folder with files in it, where an entry belongs: the entry is not written");
      return false;
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot remove the folder " + file + ": " + e, e);
    }
  }

  /** Prunes the folder, if it is at the threshold, so that one more entry fits. */
  private void makeRoom() {
    if (estimatedCount.get() < threshold) {
      return;
    }
    synchronized (pruneLock) {
      List<Path> files = entryFiles();
      estimatedCount.set(files.size());
      if (files.size() < threshold) {
        return;
      }
      long now = clock.millis();
      record Candidate(Path file, long expiresAt, FileTime modified) {}
      List<Candidate> candidates = new ArrayList<>();
      int removed = 0;
      for (Path f : files) {
        long expires;
        FileTime modified;
        BasicFileAttributes a;
        try {
          a = attributes(f);
        } catch (CacheException e) {
          logger.debug("FileSystemCache: cannot read {} while pruning", f, e);
          continue;
        }
        if (a == null || a.isDirectory()) {
          continue; // gone, or a folder: not an entry (and not ours to delete)
        }
        modified = a.lastModifiedTime();
        if (!a.isRegularFile()) {
          expires = Long.MIN_VALUE; // a FIFO or link where an entry belongs: goes first
        } else {
          try (SeekableByteChannel ch =
              Files.newByteChannel(f, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER);
            while (h.hasRemaining() && ch.read(h) >= 0) {
              // read the header
            }
            h.flip();
            if (h.remaining() < HEADER) {
              expires = Long.MIN_VALUE; // damaged: goes first
            } else {
              h.position(MAGIC.length);
              long e = h.getLong();
              expires = e == 0 ? NEVER : e;
            }
          } catch (NoSuchFileException e) {
            continue;
          } catch (IOException e) {
            logger.debug("FileSystemCache: cannot read {} while pruning", f, e);
            continue;
          }
        }
        if (expires != NEVER && expires <= now) {
          if (delete(f)) {
            removed++;
          }
        } else {
          candidates.add(new Candidate(f, expires, modified));
        }
      }
      int over = candidates.size() - (threshold - 1);
      if (over > 0) {
        candidates.sort(
            Comparator.comparingLong(Candidate::expiresAt).thenComparing(Candidate::modified));
        for (int i = 0; i < over; i++) {
          if (delete(candidates.get(i).file())) {
            removed++;
          }
        }
      }
      estimatedCount.set(Math.max(0, files.size() - removed));
      if (removed > 0) {
        logger.debug("FileSystemCache: pruned {} entries from {}", removed, dir);
        evictions.accept(removed);
      }
    }
  }

  private static boolean delete(Path f) {
    try {
      return Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void touch(byte[] key, long expiresAt) {
    Path file = file(key);
    BasicFileAttributes a = attributes(file);
    if (a == null || !regular(file, a)) {
      return; // gone meanwhile, or not an entry (opening a FIFO for writing would block)
    }
    try (SeekableByteChannel ch =
        Files.newByteChannel(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      ch.position(MAGIC.length);
      ch.write(ByteBuffer.allocate(8).putLong(0, expiresAt == NEVER ? 0 : expiresAt));
    } catch (NoSuchFileException e) {
      // gone meanwhile: nothing to touch
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot update " + file + ": " + e, e);
    }
  }

  @Override
  public boolean remove(byte[] key) {
    Path file = file(key);
    BasicFileAttributes a = attributes(file);
    if (a == null) {
      return false;
    }
    if (a.isDirectory()) {
      removeFolder(file);
      return false;
    }
    try {
      boolean deleted = Files.deleteIfExists(file);
      if (deleted && threshold > 0) {
        estimatedCount.updateAndGet(n -> Math.max(0, n - 1));
      }
      return deleted;
    } catch (IOException e) {
      throw new CacheException("FileSystemCache cannot delete " + file + ": " + e, e);
    }
  }

  @Override
  public Iterator<byte[]> keys() {
    List<byte[]> keys = new ArrayList<>();
    for (Path f : entryFiles()) {
      Parsed p = read(f);
      if (p != null) {
        keys.add(p.key());
      }
    }
    return keys.iterator();
  }

  @Override
  public void clear() {
    for (Path f : entryFiles()) {
      try {
        Files.deleteIfExists(f);
      } catch (DirectoryNotEmptyException e) {
        damage.unreadable(f.toString(), "a folder with files in it, where an entry belongs: left alone");
      } catch (IOException e) {
        throw new CacheException("FileSystemCache cannot delete " + f + ": " + e, e);
      }
    }
    estimatedCount.set(0);
  }

  @Override
  public void destroy() {
    clear();
    if (deleteDirOnDestroy) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        logger.debug("FileSystemCache: cannot delete the folder {}", dir, e);
      }
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "FileSystemCache folder " + dir;
  }
}
