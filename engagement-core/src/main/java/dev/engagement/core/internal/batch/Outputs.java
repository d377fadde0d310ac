package dev.engagement.core.internal.batch;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output side of one batch. Outputs are written by the workers to temporary files in the
 * folder they go to ({@link #stage}), then placed by one committer, in input order, under a name
 * that this batch has not placed yet and that holds no other file ({@link #place}): {@code
 * name.docx}, {@code name (2).docx}... The last step is a hard link, which fails if the name is
 * taken meanwhile, so nothing is ever overwritten; a name that already holds exactly the bytes
 * to place (an earlier, interrupted run placed them) is taken as the output, "already there".
 *
 * <p>Every temporary file and the work folder carry the process id in their name
 * ({@code .~engagement-<pid>-...}), so a batch can remove, before it writes, those left by a
 * process that is no longer running ({@link #removeStale}), and leave those of a live one.
 *
 * <p>Thread-safe: {@link #stage}, {@link #newWorkFile} and {@link #discard} run on workers;
 * {@link #place} and {@link #preview} are meant for one committer (they are synchronized).
 */
public final class Outputs implements Closeable {
  /** The start of the name of every temporary file or folder of a batch. */
  public static final String PREFIX = ".~engagement-";

  private static final Logger logger = LoggerFactory.getLogger(Outputs.class);
  private static final int MAX_NUMBER = 100_000;
  private static final long PID = ProcessHandle.current().pid();

  private final @Nullable Path root;
  private final @Nullable Path absoluteRoot;
  private final String token;
  private final AtomicLong counter = new AtomicLong();
  private final Set<Path> knownFolders = ConcurrentHashMap.newKeySet();
  private final Set<Path> live = ConcurrentHashMap.newKeySet();
  private final Set<Path> reserved = new HashSet<>();
  private final List<Path> createdFolders = new ArrayList<>();
  private volatile @Nullable Path work;
  private volatile boolean closed;

  private Outputs(@Nullable Path root) {
    this.root = root;
    this.absoluteRoot = root == null ? null : root.toAbsolutePath().normalize();
    this.token = PID + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
  }

  /**
   * Returns the outputs of a batch that writes under {@code root} (nothing is created yet), or,
   * with a null root, of a batch that writes nothing (its work files go to the system's
   * temporary folder).
   */
  public static Outputs under(@Nullable Path root) {
    return new Outputs(root);
  }

  /** A placed (or, in a preview, reserved) output. */
  public record Placed(Path path, boolean alreadyThere) {}

  /**
   * Returns the folder below the root for a relative folder ({@code ""} or ending with
   * {@code /}), in the terms the root was given in (relative if it was).
   *
   * @throws IllegalArgumentException if it would leave the root
   * @throws IllegalStateException if this batch has no root
   */
  public Path folder(String relativeFolder) {
    Path r = requireRoot();
    if (relativeFolder.isEmpty()) {
      return r;
    }
    Path f = r.resolve(relativeFolder);
    Path abs = absoluteRoot;
    if (abs == null || !f.toAbsolutePath().normalize().startsWith(abs)) {
      throw new IllegalArgumentException("the path leaves the output folder " + r);
    }
    return f;
  }

  /** Returns the root, or null for a batch that writes nothing. */
  public @Nullable Path root() {
    return root;
  }

  /**
   * Removes, from each existing folder, the temporary files and work folders of this library
   * left by processes that are no longer running. Those of live processes (this one included)
   * are left; names without a process id are left.
   */
  public static void removeStale(Collection<Path> folders) {
    for (Path folder : folders) {
      if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, PREFIX + "*")) {
        for (Path p : s) {
          long pid = pidOf(p.getFileName().toString());
          if (pid > 0 && pid != PID && !alive(pid)) {
            logger.debug("Removing {}, left by process {} that is no longer running", p, pid);
            deleteTree(p);
          }
        }
      } catch (IOException e) {
        logger.warn("Could not look for temporary files left in {}: {}", folder, e.toString());
      }
    }
  }

  /** Returns the process id in a temporary name, or -1. */
  static long pidOf(String name) {
    if (!name.startsWith(PREFIX)) {
      return -1;
    }
    int start = PREFIX.length();
    int end = start;
    while (end < name.length() && Character.isDigit(name.charAt(end))) {
      end++;
    }
    if (end == start || end - start > 18 || end >= name.length() || name.charAt(end) != '-') {
      return -1;
    }
    return Long.parseLong(name.substring(start, end));
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Writes content to a new temporary file in {@code folder} (created if needed).
   *
   * @return the temporary file, to {@link #place} or {@link #discard}
   * @throws IOException if it cannot be written; then nothing is left
   */
  public Path stage(Path folder, byte[] content) throws IOException {
    ensureFolder(folder);
    Path temp = folder.resolve(PREFIX + token + "-" + counter.incrementAndGet() + ".tmp");
    live.add(temp);
    try {
      try {
        Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (NoSuchFileException e) {
        // the folder went away since it was made (another batch that made it removed it empty)
        knownFolders.remove(folder);
        ensureFolder(folder);
        Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      }
    } catch (IOException e) {
      discard(temp);
      throw e;
    }
    checkOpen(temp);
    return temp;
  }

  /**
   * Creates a new empty work file, in the batch's work folder below the root (so that it can be
   * placed without a copy) or, without a root, in the system's temporary folder.
   *
   * @param suffix the end of its name, e.g. {@code .pdf}
   */
  public Path newWorkFile(String suffix) throws IOException {
    Path dir = work;
    if (dir == null) {
      dir = createWork();
    }
    Path f = dir.resolve(counter.incrementAndGet() + suffix);
    live.add(f);
    try {
      Files.createFile(f);
    } catch (IOException e) {
      live.remove(f);
      throw e;
    }
    checkOpen(f);
    return f;
  }

  /** Returns whether a path is a work file of this batch that is still there. */
  public boolean isWorkFile(Path p) {
    Path dir = work;
    return dir != null && live.contains(p) && dir.equals(p.getParent());
  }

  private synchronized Path createWork() throws IOException {
    Path dir = work;
    if (dir == null) {
      if (root == null) {
        dir = Files.createTempDirectory("engagement-" + token + "-");
      } else {
        createFolders(root);
        dir = Files.createDirectory(root.resolve(PREFIX + token + ".work"));
      }
      work = dir;
    }
    return dir;
  }

  /**
   * Places a temporary file (from {@link #stage} or {@link #newWorkFile}) in {@code folder}
   * under {@code name} or the first numbered name that this batch has not placed and that holds
   * no file; a name that holds a file with exactly the same bytes is taken as it is ("already
   * there") and the temporary file is removed.
   *
   * @throws IOException if it cannot be placed; the temporary file is then removed
   */
  public synchronized Placed place(Path folder, String name, Path temp) throws IOException {
    try {
      for (int n = 1; n < MAX_NUMBER; n++) {
        Path target = folder.resolve(numbered(name, n));
        if (reserved.contains(target)) {
          continue;
        }
        IOException linkFailure = link(temp, target);
        if (linkFailure == null) {
          reserved.add(target);
          discard(temp);
          return new Placed(target, false);
        }
        if (linkFailure instanceof FileAlreadyExistsException) {
          if (sameContent(target, temp)) {
            reserved.add(target);
            discard(temp);
            return new Placed(target, true);
          }
          continue;
        }
        // no hard links on this file system (SMB, FAT...): reserve the name by creating it
        // exclusively, then replace that empty reservation, never anyone else's file
        try {
          Files.createFile(target);
        } catch (FileAlreadyExistsException e) {
          if (sameContent(target, temp)) {
            reserved.add(target);
            discard(temp);
            return new Placed(target, true);
          }
          continue;
        }
        try {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          live.remove(temp);
        } catch (IOException e) {
          Files.deleteIfExists(target);
          throw e;
        }
        reserved.add(target);
        return new Placed(target, false);
      }
      throw new IOException("no free name for " + name + " in " + folder);
    } catch (IOException | RuntimeException e) {
      discard(temp);
      throw e;
    }
  }

  /**
   * Returns where {@link #place} would put content of this size and SHA-256, and reserves that
   * name in this batch; nothing is written.
   */
  public synchronized Placed preview(Path folder, String name, long size, byte[] sha256) {
    for (int n = 1; n < MAX_NUMBER; n++) {
      Path target = folder.resolve(numbered(name, n));
      if (reserved.contains(target)) {
        continue;
      }
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        reserved.add(target);
        return new Placed(target, false);
      }
      if (sameDigest(target, size, sha256)) {
        reserved.add(target);
        return new Placed(target, true);
      }
    }
    reserved.add(folder.resolve(numbered(name, MAX_NUMBER)));
    return new Placed(folder.resolve(numbered(name, MAX_NUMBER)), false);
  }

  /** Deletes a temporary or work file that is not to be placed (or that was placed by a link). */
  public void discard(Path temp) {
    // File.delete is one unlink; Files.delete looks at the file first, a second system call on
    // every letter for a file this batch made itself
    if (temp.toFile().delete() || !Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
      live.remove(temp);
      return;
    }
    try {
      Files.delete(temp);
      live.remove(temp);
    } catch (IOException e) {
      logger.warn("Could not delete the temporary file {}: {}", temp, e.toString());
    }
  }

  /**
   * Deletes every temporary file not placed and the work folder, and the folders this batch
   * created that stayed empty (a batch whose letters all failed leaves no output folder behind).
   * Files staged after this are deleted at once.
   */
  @Override
  public void close() {
    closed = true;
    for (Path p : List.copyOf(live)) {
      discard(p);
    }
    Path dir = work;
    if (dir != null) {
      deleteTree(dir);
    }
    List<Path> created;
    synchronized (createdFolders) {
      created = new ArrayList<>(createdFolders);
    }
    for (int i = created.size() - 1; i >= 0; i--) {
      try {
        Files.delete(created.get(i));
      } catch (IOException e) {
        // not empty (outputs were placed there) or gone: either way it stays as it is
      }
    }
  }

  /** A worker that stages after the batch closed (it was stopped meanwhile) leaves nothing. */
  private void checkOpen(Path p) throws IOException {
    if (closed) {
      discard(p);
      throw new IOException("the batch is over");
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

  /** Returns the SHA-256 of some bytes. */
  public static byte[] sha256(byte[] content) {
    return sha256().digest(content);
  }

  private void ensureFolder(Path folder) throws IOException {
    if (!knownFolders.contains(folder)) {
      createFolders(folder);
      knownFolders.add(folder);
    }
  }

  /** Creates a folder and its missing parents, remembering those this batch created. */
  private void createFolders(Path folder) throws IOException {
    synchronized (createdFolders) {
      List<Path> missing = new ArrayList<>();
      for (Path p = folder.toAbsolutePath(); p != null && !Files.isDirectory(p); p = p.getParent()) {
        missing.add(p);
      }
      for (int i = missing.size() - 1; i >= 0; i--) {
        try {
          Files.createDirectory(missing.get(i));
          createdFolders.add(missing.get(i));
        } catch (FileAlreadyExistsException e) {
          if (!Files.isDirectory(missing.get(i))) {
            throw e;
          }
        }
      }
    }
  }

  private Path requireRoot() {
    Path r = root;
    if (r == null) {
      throw new IllegalStateException("this batch has no output folder");
    }
    return r;
  }

  private static @Nullable IOException link(Path temp, Path target) {
    try {
      Files.createLink(target, temp);
      return null;
    } catch (FileAlreadyExistsException e) {
      return e;
    } catch (IOException e) {
      return e;
    } catch (UnsupportedOperationException e) {
      return new IOException(e);
    }
  }

  private static boolean sameContent(Path existing, Path temp) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(existing, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return a.isRegularFile() && a.size() == Files.size(temp) && Files.mismatch(existing, temp) == -1L;
    } catch (IOException e) {
      logger.debug("Could not compare {} with the output", existing, e);
      return false;
    }
  }

  private static boolean sameDigest(Path existing, long size, byte[] sha256) {
    try {
      BasicFileAttributes a =
          Files.readAttributes(existing, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() != size) {
        return false;
      }
      MessageDigest md = sha256();
      try (InputStream in = Files.newInputStream(existing)) {
        byte[] buf = new byte[65536];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          md.update(buf, 0, n);
        }
      }
      return MessageDigest.isEqual(md.digest(), sha256);
    } catch (IOException e) {
      logger.debug("Could not compare {} with the output", existing, e);
      return false;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path p) {
    try {
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(p)) {
          s.forEach(all::add);
        }
        all.sort(Comparator.reverseOrder());
        for (Path x : all) {
          Files.deleteIfExists(x);
        }
      } else {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      // gone meanwhile
    } catch (IOException e) {
      logger.warn("Could not delete {}: {}", p, e.toString());
    }
  }
}
