package dev.engagement.cache;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engagement.core.Batch;
import dev.engagement.core.FileResult;
import dev.engagement.core.Rollover;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.testing.Docx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Failures against real servers: a server stopped in the middle of a batch (a miss with one
 * warning, or failed letters naming the type), wrong passwords.
 */
final class ServerFailureTest {
  @TempDir Path temp;

  private List<Path> letters(int n) {
    List<Path> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(Docx.builder().body(p(r("Tax year 2024, letter " + i + ".")))
          .write(temp.resolve("in").resolve("L" + i + " 2024 Engagement Letter.docx")));
    }
    return all;
  }

  /** Rolls the letters on one thread; the server stops once the first letter is in the cache. */
  private List<FileResult> rollStoppingAfterTheFirst(Cache<String, byte[]> cache, boolean ignoreErrors,
      LocalServers.Group servers, String out) {
    JCacheResultCache results = JCacheResultCache.of(cache, ignoreErrors);
    ResultCache stopping = new ResultCache() {
      private boolean stopped;

      @Override
      public Optional<byte[]> get(String key) {
        return results.get(key);
      }

      @Override
      public void put(String key, byte[] value) {
        results.put(key, value);
        if (!stopped) {
          stopped = true;
          servers.close();
        }
      }
    };
    Rollover rollover = Rollover.builder().resultCache(stopping).build();
    List<FileResult> all = new ArrayList<>();
    Batch.builder().threads(1).build().run(rollover, List.of(temp.resolve("in")), temp.resolve(out), all::add);
    return all;
  }

  @Test
  void aRedisStoppedMidBatchIsAMissWithOneWarningWhenErrorsAreIgnored() {
    letters(4);
    try (LocalServers.Group redis = LocalServers.redis(temp.resolve("redis"))) {
      Cache<String, byte[]> cache = EngagementCaches.open("RedisCache", Map.of("CACHE_REDIS_HOST", "127.0.0.1",
          "CACHE_REDIS_PORT", redis.servers.get(0).port, "CACHE_OPTIONS", Map.of("socket_timeout", 0.5)));
      try {
        RecordingLogs.clear();
        List<FileResult> results = rollStoppingAfterTheFirst(cache, true, redis, "out");
        assertThat(results).extracting(FileResult::status).containsOnly(Status.SUCCESS).hasSize(4);
        assertThat(results).extracting(FileResult::cached).containsOnly(false);
        assertThat(RecordingLogs.messages(Level.WARN).stream().filter(m -> m.startsWith("RedisCache could not")))
            .hasSize(1);
      } finally {
        cache.getCacheManager().close();
      }
    }
  }

  @Test
  void aRedisStoppedMidBatchFailsTheLettersNamingTheTypeWhenErrorsAreNotIgnored() {
    letters(3);
    try (LocalServers.Group redis = LocalServers.redis(temp.resolve("redis"))) {
      Cache<String, byte[]> cache = EngagementCaches.open("RedisCache", Map.of("CACHE_REDIS_HOST", "127.0.0.1",
          "CACHE_REDIS_PORT", redis.servers.get(0).port, "CACHE_OPTIONS", Map.of("socket_timeout", 0.5)));
      try {
        List<FileResult> results = rollStoppingAfterTheFirst(cache, false, redis, "out");
        assertThat(results.get(0).status()).isEqualTo(Status.SUCCESS);
        assertThat(results.subList(1, 3)).allSatisfy(r -> {
          assertThat(r.status()).isEqualTo(Status.FAILED);
          assertThat(r.message().orElseThrow()).contains("stage=cache").contains("RedisCache could not read an entry");
        });
      } finally {
        cache.getCacheManager().close();
      }
    }
  }

  @Test
  void aMemcachedStoppedMidBatchIsAMissWhenErrorsAreIgnored() {
    letters(3);
    try (LocalServers.Group mc = LocalServers.memcached(temp.resolve("mc"))) {
      Cache<String, byte[]> cache = EngagementCaches.open("MemcachedCache", Map.of(
          "CACHE_MEMCACHED_SERVERS", List.of("127.0.0.1:" + mc.servers.get(0).port),
          "CACHE_OPTIONS", Map.of("op_timeout", 0.5)));
      try {
        RecordingLogs.clear();
        List<FileResult> results = rollStoppingAfterTheFirst(cache, true, mc, "out");
        assertThat(results).extracting(FileResult::status).containsOnly(Status.SUCCESS).hasSize(3);
        assertThat(RecordingLogs.messages(Level.WARN).stream().filter(m -> m.startsWith("MemcachedCache could not")))
            .hasSize(1);
      } finally {
        cache.getCacheManager().close();
      }
    }
  }

  @Test
  void aWrongRedisPasswordFailsTheOpenNamingTheType() {
    try (LocalServers.Group redis = LocalServers.redis(temp.resolve("redis"), "--requirepass", "right")) {
      Map<String, Object> settings = new HashMap<>(Map.of("CACHE_REDIS_HOST", "127.0.0.1",
          "CACHE_REDIS_PORT", redis.servers.get(0).port, "CACHE_REDIS_PASSWORD", "wrong"));
      assertThatThrownBy(() -> EngagementCaches.open("RedisCache", settings))
          .isInstanceOf(CacheException.class)
          .hasMessageContaining("RedisCache cannot be opened")
          .hasMessageContaining("WRONGPASS");
      settings.put("CACHE_REDIS_PASSWORD", "right");
      Cache<String, byte[]> ok = EngagementCaches.open("RedisCache", settings);
      ok.put("k", new byte[] {1});
      assertThat(ok.get("k")).containsExactly(1);
      ok.getCacheManager().close();
      // the URL form carries the password too
      Cache<String, byte[]> byUrl = EngagementCaches.open("RedisCache",
          Map.of("CACHE_REDIS_URL", "redis://:right@127.0.0.1:" + redis.servers.get(0).port + "/2"));
      byUrl.put("k", new byte[] {2});
      assertThat(byUrl.get("k")).containsExactly(2);
      byUrl.getCacheManager().close();
    }
  }

  @Test
  void aWrongSaslPasswordFailsEveryCallNamingTheType() {
    try (LocalServers.Group mc = LocalServers.saslMemcached(temp.resolve("mc"), "mcuser", "s3cret")) {
      Cache<String, byte[]> cache = EngagementCaches.open("SASLMemcachedCache", Map.of(
          "CACHE_MEMCACHED_SERVERS", List.of("127.0.0.1:" + mc.servers.get(0).port),
          "CACHE_MEMCACHED_USERNAME", "mcuser", "CACHE_MEMCACHED_PASSWORD", "wrong",
          "CACHE_OPTIONS", Map.of("op_timeout", 0.5)));
      try {
        JCacheResultCache results = JCacheResultCache.of(cache, false);
        assertThatThrownBy(() -> results.get("ab".repeat(32)))
            .isInstanceOf(CacheAccessException.class)
            .hasMessageStartingWith("SASLMemcachedCache could not read an entry");
      } finally {
        cache.getCacheManager().close();
      }
    }
  }
}
