package dev.engagement.cache;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.engagement.core.Batch;
import dev.engagement.core.FileResult;
import dev.engagement.core.Rollover;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.testing.Docx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.event.Level;

/**
 * Damaged FileSystemCache entries, the way a shared folder may hold them: each is a miss, in
 * strict mode and with {@code CACHE_IGNORE_ERRORS} alike, the letters are rolled again
 * byte-identical to a run without a cache, nothing hangs, and the next run finds good entries
 * again (except where a folder with files in it stays in the way, which stays a miss).
 */
final class DamagedEntriesTest {
  private static final int LETTERS = 3;

  @TempDir Path temp;
  private final List<Cache<String, byte[]>> opened = new ArrayList<>();

  @AfterEach
  void close() {
    opened.forEach(c -> c.getCacheManager().close());
  }

  /** A way an entry's file can be damaged. */
  enum Damage {
    CUT(true),
    FLIPPED(true),
    APPENDED(true),
    WRONG_TAG(true),
    HEADER(true),
    FIFO(true),
    SYMLINK_TO_FIFO(true),
    EMPTY_FOLDER(true),
    FOLDER_WITH_FILES(false);

    /** Whether the next write puts a good entry back. */
    final boolean repaired;

    Damage(boolean repaired) {
      this.repaired = repaired;
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Damage d : Damage.values()) {
      all.add(Arguments.of(d, false));
      all.add(Arguments.of(d, true));
    }
    return all.stream();
  }

  private Path letters() {
    Path in = temp.resolve("in");
    for (int i = 0; i < LETTERS; i++) {
      Docx.builder()
          .body(p(r("Engagement for the tax year 2024, letter " + i + ".")) + p(r("Returns for 2024 are due in 2025.")))
          .write(in.resolve("Client " + i + " 2024 Engagement Letter.docx"));
    }
    return in;
  }

  private static List<FileResult> roll(ResultCache cache, Path in, Path out) {
    List<FileResult> results = new ArrayList<>();
    Batch.builder().threads(1).build().run(Rollover.builder().resultCache(cache).build(), List.of(in), out, results::add);
    return results;
  }

  /** Every file under a folder, by relative path, with its bytes. */
  static Map<String, byte[]> tree(Path root) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(root.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  static void assertSameTree(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).sorted().toList();
    }
  }

  private void damage(Path file, Damage d) throws Exception {
    byte[] b = Files.readAllBytes(file);
    int keyLength = ByteBuffer.wrap(b).getInt(12);
    int valueStart = 16 + keyLength;
    switch (d) {
      case CUT -> Files.write(file, Arrays.copyOf(b, b.length - 1));
      case FLIPPED -> {
        int at = valueStart + (b.length - valueStart) / 2;
        for (int i = at; i < at + 16; i++) {
          b[i] ^= (byte) 0xFF;
        }
        Files.write(file, b);
      }
      case APPENDED -> {
        byte[] more = Arrays.copyOf(b, b.length + 100);
        Arrays.fill(more, b.length, more.length, (byte) 0x5A);
        Files.write(file, more);
      }
      case WRONG_TAG -> {
        assertThat(b[valueStart]).as("the value's tag").isEqualTo((byte) 'B');
        b[valueStart] = 'J'; // would be Java serialisation in a cache of objects
        Files.write(file, b);
      }
      case HEADER -> {
        for (int i = 0; i < 16; i++) {
          b[i] ^= (byte) 0xFF;
        }
        Files.write(file, b);
      }
      case FIFO -> {
        Files.delete(file);
        mkfifo(file);
      }
      case SYMLINK_TO_FIFO -> {
        Files.delete(file);
        Path fifo = temp.resolve("fifo-" + file.getFileName());
        mkfifo(fifo);
        Files.createSymbolicLink(file, fifo);
      }
      case EMPTY_FOLDER -> {
        Files.delete(file);
        Files.createDirectory(file);
      }
      case FOLDER_WITH_FILES -> {
        Files.delete(file);
        Files.createDirectory(file);
        Files.writeString(file.resolve("note.txt"), "not an entry", StandardCharsets.UTF_8);
      }
    }
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
    assertThat(mk.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).as(new String(mk.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
  }

  @ParameterizedTest(name = "{0}, CACHE_IGNORE_ERRORS={1}")
  @MethodSource("cases")
  void aDamagedEntryIsAMissAndTheLetterIsRolledAsWithoutACache(Damage d, boolean ignoreErrors) throws Exception {
    Path in = letters();
    roll(ResultCache.NONE, in, temp.resolve("uncached"));
    Map<String, byte[]> expected = tree(temp.resolve("uncached"));
    assertThat(expected).hasSize(LETTERS);

    Path dir = temp.resolve("cache");
    Cache<String, byte[]> cache = EngagementCaches.open("FileSystemCache",
        Map.of("CACHE_DIR", dir.toString(), "CACHE_IGNORE_ERRORS", ignoreErrors));
    opened.add(cache);
    ResultCache results = JCacheResultCache.of(cache, ignoreErrors);
    assertThat(roll(results, in, temp.resolve("first"))).extracting(FileResult::cached).containsOnly(false);
    List<Path> files = entries(dir);
    assertThat(files).hasSize(LETTERS);
    for (Path f : files) {
      damage(f, d);
    }

    RecordingLogs.clear();
    // a FIFO opened for reading would block for ever: a hang fails the test instead
    List<FileResult> second = assertTimeoutPreemptively(Duration.ofSeconds(120),
        () -> roll(results, in, temp.resolve("second")));
    assertThat(second).hasSize(LETTERS).allSatisfy(x -> {
      assertThat(x.status()).as(x.message().orElse("")).isEqualTo(Status.SUCCESS);
      assertThat(x.cached()).isFalse();
    });
    assertSameTree(tree(temp.resolve("second")), expected);
    List<String> warnings = RecordingLogs.messages(Level.WARN);
    assertThat(warnings).as("the damage is told").isNotEmpty().hasSizeLessThanOrEqualTo(LETTERS + 2);
    assertThat(warnings).as("damage is not a failing cache").noneMatch(m -> m.contains("could not"));
    assertThat(RecordingLogs.messages(Level.ERROR)).isEmpty();

    List<FileResult> third = roll(results, in, temp.resolve("third"));
    assertThat(third).extracting(FileResult::status).containsOnly(Status.SUCCESS);
    assertThat(third).extracting(FileResult::cached).containsOnly(d.repaired);
    assertSameTree(tree(temp.resolve("third")), expected);
  }
}
