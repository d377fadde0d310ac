package dev.engagement.cache;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.Batch;
import dev.engagement.core.FileResult;
import dev.engagement.core.Rollover;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.testing.Docx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/**
 * Values garbled in a real Redis (flipped bytes, a byte cut off, bytes of another kind such as a
 * Java-serialised object): each is a miss, in strict mode and with {@code CACHE_IGNORE_ERRORS}
 * alike, the letters are rolled byte-identical to a run without a cache, and the next run finds
 * good entries again. The values are stored as the bytes they are, so nothing read back is
 * deserialised.
 */
final class RedisDamagedValueTest {
  @TempDir static Path dir;
  static LocalServers.Group redis;

  @BeforeAll
  static void start() {
    redis = LocalServers.redis(dir);
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  @TempDir Path temp;

  private static List<FileResult> roll(ResultCache cache, Path in, Path out) {
    List<FileResult> results = new ArrayList<>();
    Batch.builder().threads(1).build().run(Rollover.builder().resultCache(cache).build(), List.of(in), out, results::add);
    return results;
  }

  @ParameterizedTest(name = "CACHE_IGNORE_ERRORS={0}")
  @ValueSource(booleans = {false, true})
  void aGarbledValueIsAMissAndTheLetterIsRolledAsWithoutACache(boolean ignoreErrors) throws Exception {
    Path in = temp.resolve("in");
    for (int i = 0; i < 3; i++) {
      Docx.builder().body(p(r("Engagement for the tax year 2024, letter " + i + ".")))
          .write(in.resolve("Client " + i + " 2024 Engagement Letter.docx"));
    }
    roll(ResultCache.NONE, in, temp.resolve("uncached"));
    var expected = DamagedEntriesTest.tree(temp.resolve("uncached"));

    int port = redis.servers.get(0).port;
    String prefix = "garbled" + ignoreErrors + "_";
    Cache<String, byte[]> cache = EngagementCaches.open("RedisCache", Map.of(
        "CACHE_REDIS_HOST", "127.0.0.1", "CACHE_REDIS_PORT", port, "CACHE_KEY_PREFIX", prefix));
    try {
      ResultCache results = JCacheResultCache.of(cache, ignoreErrors);
      assertThat(roll(results, in, temp.resolve("first"))).extracting(FileResult::cached).containsOnly(false);

      byte[] hash = (prefix + "engagement").getBytes(StandardCharsets.UTF_8);
      String fields = LocalServers.redis(port, null, "HKEYS", prefix + "engagement");
      List<String> keys = Arrays.stream(fields.split("\n")).filter(k -> !k.isBlank()).sorted().toList();
      assertThat(keys).as("one field per letter, named by its key as text").hasSize(3)
          .allSatisfy(k -> assertThat(k).matches("[0-9a-f]{64}"));
      for (int i = 0; i < 3; i++) {
        byte[] field = keys.get(i).getBytes(StandardCharsets.UTF_8);
        byte[] value = LocalServers.redisBytes(port, "HGET".getBytes(StandardCharsets.US_ASCII), hash, field);
        assertThat(value).as("the value is the core's frame, as it is").startsWith('E', 'G', 'C', '2');
        byte[] garbled = switch (i) {
          case 0 -> {
            byte[] b = value.clone();
            for (int j = b.length / 2; j < b.length / 2 + 16; j++) {
              b[j] ^= (byte) 0xFF;
            }
            yield b;
          }
          case 1 -> Arrays.copyOf(value, value.length - 1);
          default -> HostileValuesTest.serialised(new HostileValuesTest.Gadget());
        };
        LocalServers.redisBytes(port, "HSET".getBytes(StandardCharsets.US_ASCII), hash, field, garbled);
      }

      RecordingLogs.clear();
      HostileValuesTest.TRIGGERED.set(0);
      List<FileResult> second = roll(results, in, temp.resolve("second"));
      assertThat(second).hasSize(3).allSatisfy(x -> {
        assertThat(x.status()).as(x.message().orElse("")).isEqualTo(Status.SUCCESS);
        assertThat(x.cached()).isFalse();
      });
      DamagedEntriesTest.assertSameTree(DamagedEntriesTest.tree(temp.resolve("second")), expected);
      assertThat(HostileValuesTest.TRIGGERED).as("nothing was deserialised").hasValue(0);
      List<String> warnings = RecordingLogs.messages(Level.WARN);
      assertThat(warnings).hasSize(3).allSatisfy(w -> assertThat(w).startsWith("Ignoring an unreadable result cache entry"));

      List<FileResult> third = roll(results, in, temp.resolve("third"));
      assertThat(third).extracting(FileResult::cached).containsOnly(true);
      DamagedEntriesTest.assertSameTree(DamagedEntriesTest.tree(temp.resolve("third")), expected);
    } finally {
      cache.getCacheManager().close();
    }
  }
}
