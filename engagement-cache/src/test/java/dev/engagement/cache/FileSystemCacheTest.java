package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** FileSystemCache keeps cachelib's layout and semantics. */
final class FileSystemCacheTest {
  @TempDir Path temp;
  private final List<Cache<String, byte[]>> opened = new java.util.ArrayList<>();

  private final FakeClock clock = new FakeClock();

  private Cache<String, byte[]> open(Map<String, Object> settings) {
    Cache<String, byte[]> c = EngagementCaches.open(CacheSettings.of("FileSystemCache", settings), clock);
    opened.add(c);
    return c;
  }

  @AfterEach
  void close() {
    opened.forEach(c -> c.getCacheManager().close());
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void oneFilePerKeyNamedByTheSha256OfTheKeyWithTheModeAndNoTemporaryFiles() throws Exception {
    Path dir = temp.resolve("c");
    Cache<String, byte[]> c = open(Map.of("CACHE_DIR", dir.toString(), "CACHE_OPTIONS", Map.of("mode", 640)));
    c.put("letter-1", new byte[] {1, 2, 3});
    c.put("letter-2", new byte[] {4});
    c.put("letter-1", new byte[] {5});
    String name = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest("letter-1".getBytes(StandardCharsets.UTF_8)));
    assertThat(files(dir)).hasSize(2).contains(dir.resolve(name));
    assertThat(Files.getPosixFilePermissions(dir.resolve(name))).isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(Files.readAllBytes(dir.resolve(name))).startsWith('E', 'G', 'F', '1');
  }

  @Test
  void md5NamesAsFlaskCaching24OnRequest() throws Exception {
    Path dir = temp.resolve("c");
    open(Map.of("CACHE_DIR", dir.toString(), "CACHE_FILE_HASH_METHOD", "md5")).put("k", new byte[] {1});
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest("k".getBytes(StandardCharsets.UTF_8)));
    assertThat(files(dir)).containsExactly(dir.resolve(md5));
  }

  @Test
  void pruningDropsExpiredEntriesFirstThenThoseThatExpireSoonest() throws Exception {
    Path dir = temp.resolve("c");
    Cache<String, byte[]> shortLived = open(Map.of("CACHE_DIR", dir.toString(), "CACHE_DEFAULT_TIMEOUT", 1, "CACHE_THRESHOLD", 0));
    shortLived.put("old-1", new byte[] {1});
    shortLived.put("old-2", new byte[] {2});
    clock.advance(java.time.Duration.ofMillis(1500));
    Cache<String, byte[]> c = open(Map.of("CACHE_DIR", dir.toString(), "CACHE_DEFAULT_TIMEOUT", 300, "CACHE_THRESHOLD", 3));
    c.put("a", new byte[] {1});
    c.put("b", new byte[] {2});
    assertThat(files(dir)).hasSize(2); // the two expired ones went first
    c.put("c", new byte[] {3});
    Cache<String, byte[]> eternal = open(Map.of("CACHE_DIR", dir.toString(), "CACHE_DEFAULT_TIMEOUT", 0, "CACHE_THRESHOLD", 3));
    eternal.put("forever", new byte[] {4});
    assertThat(files(dir)).hasSize(3);
    assertThat(c.get("a")).as("the entry expiring soonest went").isNull();
    assertThat(c.get("forever")).isNotNull();
    assertThat(c.get("c")).isNotNull();
  }

  @Test
  void twoProcessesShareTheFolder() throws Exception {
    Path dir = temp.resolve("shared");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        FileCacheWriter.class.getName(), dir.toString(), "other-", "40")
        .redirectErrorStream(true).redirectOutput(temp.resolve("other.log").toFile()).start();
    try {
      Cache<String, byte[]> c = open(Map.of("CACHE_DIR", dir.toString(), "CACHE_THRESHOLD", 0));
      for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 40; i++) {
          c.put("this-" + i, ("this-" + i).repeat(1000).getBytes(StandardCharsets.UTF_8));
          byte[] shared = c.get("shared");
          if (shared != null) {
            String s = new String(shared, StandardCharsets.UTF_8);
            assertThat(s).as("an entry is one writer's, never a mix").matches("(other-)+|(this-)+");
          }
          c.put("shared", "this-".repeat(5000).getBytes(StandardCharsets.UTF_8));
        }
      }
      assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(other.exitValue()).as(Files.readString(temp.resolve("other.log"))).isZero();
      for (int i = 0; i < 40; i++) {
        assertThat(c.get("this-" + i)).isEqualTo(("this-" + i).repeat(1000).getBytes(StandardCharsets.UTF_8));
        assertThat(c.get("other-" + i)).isEqualTo(("other-" + i).repeat(1000).getBytes(StandardCharsets.UTF_8));
      }
      assertThat(files(dir)).hasSize(81).allSatisfy(p -> assertThat(p.getFileName().toString()).hasSize(64));
    } finally {
      other.destroy();
    }
  }

  @Test
  void nonRegularFilesInTheFolderNeverHangPruningListingOrClearing() throws Exception {
    Path dir = temp.resolve("c");
    Cache<String, byte[]> c = open(Map.of("CACHE_DIR", dir.toString(), "CACHE_THRESHOLD", 3));
    c.put("a", new byte[] {1});
    Path fifo = dir.resolve("f".repeat(64));
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).isZero();
    Path folder = Files.createDirectories(dir.resolve("e".repeat(64)));
    Files.writeString(folder.resolve("keep.txt"), "not ours");
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 5; i++) {
        c.put("k" + i, new byte[] {(byte) i}); // prunes: reads the headers of what is there
      }
      int n = 0;
      for (Cache.Entry<String, byte[]> e : c) { // lists: reads every entry-named file
        n++;
      }
      assertThat(n).isBetween(1, 3);
      c.clear();
    }, "a FIFO in the folder hung the cache");
    assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as("a FIFO where an entry belongs is pruned first")
        .isFalse();
    assertThat(folder.resolve("keep.txt")).as("a folder with files is left alone").exists();
    assertThat(c.get("k4")).isNull();
  }
}
