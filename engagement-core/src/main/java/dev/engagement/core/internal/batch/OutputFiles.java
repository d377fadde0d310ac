package dev.engagement.core.internal.batch;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes outputs safely: into a temporary file in the target folder, then moved into place under
 * a name that does not exist yet ({@code name.docx}, {@code name (2).docx}, {@code name
 * (3).docx}...), so an existing file (an input above all) is never overwritten and a failed write
 * leaves nothing behind.
 *
 * <p>In a batch, outputs are placed in input order (see {@link CommitOrder}), so numbering is
 * the same on every run.
 *
 * <p>Thread-safe: names are reserved under a per-folder lock, and the final step is a hard link
 * that fails if the name was taken meanwhile by another process (or, where links are not
 * supported, an exclusive creation of the name that the output then replaces).
 */
public final class OutputFiles {
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private OutputFiles() {}

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Writer {
    /** Writes to {@code target}, which does not exist yet. */
    void write(Path target) throws IOException;
  }

  /**
   * Writes a file.
   *
   * @param folder the folder to write into (created if needed)
   * @param name the wished file name
   * @param writer writes the content
   * @return the file written
   * @throws IOException if it cannot be written; then nothing is left behind
   */
  public static Path write(Path folder, String name, Writer writer) throws IOException {
    Files.createDirectories(folder);
    Path temp = folder.resolve(".~engagement-" + UUID.randomUUID() + ".tmp");
    boolean moved = false;
    try {
      writer.write(temp);
      CommitOrder.awaitTurn();
      Path target = place(temp, folder, name);
      moved = true;
      return target;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /** Returns the name with a counter: {@code a.docx}, {@code a (2).docx}... */
  public static String numbered(String name, int n) {
    if (n <= 1) {
      return name;
    }
    int dot = name.lastIndexOf('.');
    return dot > 0
        ? name.substring(0, dot) + " (" + n + ")" + name.substring(dot)
        : name + " (" + n + ")";
  }

  /**
   * Returns the path a name would get now ({@code name}, or the first free {@code name (n)}),
   * for dry runs; nothing is reserved.
   */
  public static Path preview(Path folder, String name) {
    for (int n = 1; ; n++) {
      Path p = folder.resolve(numbered(name, n));
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return p;
      }
    }
  }

  private static Path place(Path temp, Path folder, String name) throws IOException {
    Object lock = LOCKS.computeIfAbsent(folder.toAbsolutePath().normalize(), k -> new Object());
    synchronized (lock) {
      for (int n = 1; n < 100_000; n++) {
        Path target = folder.resolve(numbered(name, n));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        IOException linkFailure = link(temp, target);
        if (linkFailure == null) {
          Files.delete(temp);
          return target;
        }
        if (linkFailure instanceof FileAlreadyExistsException) {
          continue;
        }
        // no hard links on this file system (SMB, FAT...): reserve the name by creating it
        // exclusively, then replace that empty reservation, never anyone else's file
        try {
          Files.createFile(target);
        } catch (FileAlreadyExistsException e) {
          continue;
        }
        try {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          Files.deleteIfExists(target);
          throw e;
        }
        return target;
      }
    }
    throw new IOException("no free name for " + name + " in " + folder);
  }

  private static @Nullable IOException link(Path temp, Path target) {
    try {
      Files.createLink(target, temp);
      return null;
    } catch (FileAlreadyExistsException e) {
      return e;
    } catch (IOException | UnsupportedOperationException e) {
      return e instanceof IOException ? (IOException) e : new IOException(e);
    }
  }
}
