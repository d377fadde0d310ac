package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** NullCache holds nothing (the contract does not apply to it); UWSGICache is refused. */
final class NullAndUwsgiCacheTest {
  @Test
  void nullCacheHoldsNothingAndSaysSo() {
    RecordingLogs.clear();
    Cache<String, byte[]> c = EngagementCaches.open("NullCache", Map.of());
    try {
      c.put("a", new byte[] {1});
      assertThat(c.get("a")).isNull();
      assertThat(c.containsKey("a")).isFalse();
      assertThat(JCacheResultCache.of(c, false).get("ab".repeat(32))).isEmpty();
      assertThat(c.getCacheManager().getCachingProvider().getClass().getName())
          .isEqualTo("dev.engagement.cache.internal.NullCachingProvider");
    } finally {
      c.getCacheManager().close();
    }
    assertThat(RecordingLogs.messages(Level.WARN)).anySatisfy(m -> assertThat(m).contains("NullCache holds nothing"));
    RecordingLogs.clear();
    EngagementCaches.open("NullCache", Map.of("CACHE_NO_NULL_WARNING", true)).getCacheManager().close();
    assertThat(RecordingLogs.messages(Level.WARN)).isEmpty();
  }

  @Test
  void uwsgiCacheIsRefusedSayingWhyAndWhatInstead() {
    for (String name : new String[] {"UWSGICache", "uwsgi"}) {
      assertThatThrownBy(() -> EngagementCaches.open(name, Map.of("CACHE_UWSGI_NAME", "cache@127.0.0.1:3031")))
          .isInstanceOf(CacheConfigurationException.class)
          .hasMessageContaining("uWSGI worker")
          .hasMessageContaining("Use SimpleCache")
          .hasMessageContaining("RedisCache/MemcachedCache");
    }
  }
}
