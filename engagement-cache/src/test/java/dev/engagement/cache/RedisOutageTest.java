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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/**
 * A Redis server stopped ({@code SIGSTOP}) or killed in the middle of a batch, with the default
 * settings: with {@code CACHE_IGNORE_ERRORS} the batch finishes, every letter rolled as without a
 * cache, with a few warnings and no flood of Redisson's; in strict mode the letters fail fast with
 * a message that says why. Times are printed, not asserted.
 */
final class RedisOutageTest {
  private static final int LETTERS = 60;
  private static final int THREADS = 2;

  @TempDir Path temp;

  private Path letters(int n) {
    Path in = temp.resolve("in");
    for (int i = 0; i < n; i++) {
      Docx.builder()
          .body(p(r("Engagement for the tax year 2024, letter " + i + ".")) + p(r("Returns for 2024 are due in 2025.")))
          .write(in.resolve(String.format(Locale.ROOT, "Client %03d 2024 Engagement Letter.docx", i)));
    }
    return in;
  }

  /** A result cache that stops or kills the server once {@code after} entries are stored. */
  private static ResultCache goingAway(JCacheResultCache results, LocalServers.Server server, String how, int after) {
    AtomicInteger stored = new AtomicInteger();
    AtomicBoolean signalled = new AtomicBoolean();
    return new ResultCache() {
      @Override
      public Optional<byte[]> get(String key) {
        return results.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        results.put(key, value);
        if (stored.incrementAndGet() >= after && signalled.compareAndSet(false, true)) {
          LocalServers.signal(server, how);
        }
      }

      @Override
      public void remove(String key) {
        results.remove(key);
      }
    };
  }

  private static List<FileResult> roll(ResultCache cache, Path in, Path out, int threads) {
    List<FileResult> results = Collections.synchronizedList(new ArrayList<>());
    Batch.builder().threads(threads).build().run(Rollover.builder().resultCache(cache).build(), List.of(in), out, results::add);
    return results;
  }

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"STOP", "KILL"})
  void aRedisGoneMidBatchIsSkippedAndTheBatchFinishesWithFewWarnings(String how) throws Exception {
    Path in = letters(LETTERS);
    roll(ResultCache.NONE, in, temp.resolve("warm-up"), THREADS);
    long t0 = System.nanoTime();
    roll(ResultCache.NONE, in, temp.resolve("uncached"), THREADS);
    double uncached = (System.nanoTime() - t0) / 1e9;
    var expected = DamagedEntriesTest.tree(temp.resolve("uncached"));

    try (LocalServers.Group redis = LocalServers.redis(temp.resolve("redis"))) {
      LocalServers.Server server = redis.servers.get(0);
      Cache<String, byte[]> cache = EngagementCaches.open("RedisCache",
          Map.of("CACHE_REDIS_HOST", "127.0.0.1", "CACHE_REDIS_PORT", server.port, "CACHE_IGNORE_ERRORS", true));
      try {
        ResultCache results = goingAway(JCacheResultCache.of(cache, true), server, how, 10);
        RecordingLogs.clear();
        long t1 = System.nanoTime();
        List<FileResult> done = assertTimeoutPreemptively(Duration.ofSeconds(300),
            () -> roll(results, in, temp.resolve("out"), THREADS), "the batch did not finish");
        double down = (System.nanoTime() - t1) / 1e9;
        List<RecordingLogs.Event> events = RecordingLogs.events();
        long ours = events.stream().filter(e -> e.logger().startsWith("dev.engagement") && e.level() == Level.WARN).count();
        long redisson = events.stream()
            .filter(e -> !e.logger().startsWith("dev.engagement") && e.level().toInt() >= Level.WARN.toInt()).count();
        long traces = events.stream().filter(e -> e.thrown() != null && e.level().toInt() >= Level.INFO.toInt()).count();
        System.out.printf(Locale.ROOT,
            "RedisOutageTest SIG%s: %d letters on %d threads: no cache %.2f s; Redis gone after 10 letters %.2f s;"
                + " our warnings %d, other WARN/ERROR lines %d, stack traces %d%n",
            how, LETTERS, THREADS, uncached, down, ours, redisson, traces);

        assertThat(done).hasSize(LETTERS).allSatisfy(x -> assertThat(x.status()).as(x.message().orElse(""))
            .isEqualTo(Status.SUCCESS));
        DamagedEntriesTest.assertSameTree(DamagedEntriesTest.tree(temp.resolve("out")), expected);
        // the first failure and the cool-down, each once
        assertThat(ours).as("our warnings").isBetween(1L, 3L);
        assertThat(redisson).as("other libraries' warnings and errors (Redisson)").isLessThanOrEqualTo(3);
        assertThat(traces).as("stack traces logged").isLessThanOrEqualTo(3);

        if (how.equals("STOP")) {
          // the server comes back: the same cache works again
          LocalServers.signal(server, "CONT");
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          boolean back = false;
          while (!back && System.nanoTime() < deadline) {
            try {
              cache.put("back", new byte[] {1});
              back = cache.get("back") != null;
            } catch (RuntimeException e) {
              LocalServers.sleep(200);
            }
          }
          assertThat(back).as("the cache works again once Redis is back").isTrue();
        }
      } finally {
        cache.getCacheManager().close();
      }
    }
  }

  @Test
  void inStrictModeTheLettersFailFastSayingWhy() {
    Path in = letters(12);
    try (LocalServers.Group redis = LocalServers.redis(temp.resolve("redis"))) {
      LocalServers.Server server = redis.servers.get(0);
      Cache<String, byte[]> cache = EngagementCaches.open("RedisCache",
          Map.of("CACHE_REDIS_HOST", "127.0.0.1", "CACHE_REDIS_PORT", server.port));
      try {
        ResultCache results = goingAway(JCacheResultCache.of(cache, false), server, "STOP", 2);
        long t = System.nanoTime();
        List<FileResult> done = assertTimeoutPreemptively(Duration.ofSeconds(120),
            () -> roll(results, in, temp.resolve("out"), 1));
        System.out.printf(Locale.ROOT, "RedisOutageTest strict: 12 letters, Redis stopped after 2: %.2f s%n",
            (System.nanoTime() - t) / 1e9);
        assertThat(done.subList(0, 2)).extracting(FileResult::status).containsOnly(Status.SUCCESS);
        List<FileResult> failed = done.subList(2, done.size());
        assertThat(failed).allSatisfy(x -> {
          assertThat(x.status()).isEqualTo(Status.FAILED);
          assertThat(x.message().orElseThrow()).contains("stage=cache").contains("RedisCache could not");
        });
        assertThat(failed.get(0).message().orElseThrow()).contains("Redis server response timeout");
        assertThat(failed.get(failed.size() - 1).message().orElseThrow())
            .contains("RedisCache is skipped after 3 failed calls in a row");
      } finally {
        LocalServers.signal(server, "CONT");
        cache.getCacheManager().close();
      }
    }
  }
}
