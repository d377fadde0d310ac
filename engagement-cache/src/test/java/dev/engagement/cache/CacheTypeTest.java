package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Type names: new, old and Flask-Caching's import strings; unknown names fail listing the known ones. */
final class CacheTypeTest {
  @Test
  void everyDocumentedNameResolves() {
    assertThat(CacheType.of("NullCache")).isEqualTo(CacheType.NULL);
    assertThat(CacheType.of("SimpleCache")).isEqualTo(CacheType.SIMPLE);
    assertThat(CacheType.of("FileSystemCache")).isEqualTo(CacheType.FILE_SYSTEM);
    assertThat(CacheType.of("RedisCache")).isEqualTo(CacheType.REDIS);
    assertThat(CacheType.of("RedisSentinelCache")).isEqualTo(CacheType.REDIS_SENTINEL);
    assertThat(CacheType.of("RedisClusterCache")).isEqualTo(CacheType.REDIS_CLUSTER);
    assertThat(CacheType.of("UWSGICache")).isEqualTo(CacheType.UWSGI);
    assertThat(CacheType.of("MemcachedCache")).isEqualTo(CacheType.MEMCACHED);
    assertThat(CacheType.of("SASLMemcachedCache")).isEqualTo(CacheType.SASL_MEMCACHED);
    assertThat(CacheType.of("SpreadSASLMemcachedCache")).isEqualTo(CacheType.SPREAD_SASL_MEMCACHED);
    assertThat(CacheType.of("null")).isEqualTo(CacheType.NULL);
    assertThat(CacheType.of("simple")).isEqualTo(CacheType.SIMPLE);
    assertThat(CacheType.of("filesystem")).isEqualTo(CacheType.FILE_SYSTEM);
    assertThat(CacheType.of("redis")).isEqualTo(CacheType.REDIS);
    assertThat(CacheType.of("redissentinel")).isEqualTo(CacheType.REDIS_SENTINEL);
    assertThat(CacheType.of("rediscluster")).isEqualTo(CacheType.REDIS_CLUSTER);
    assertThat(CacheType.of("uwsgi")).isEqualTo(CacheType.UWSGI);
    assertThat(CacheType.of("memcached")).isEqualTo(CacheType.MEMCACHED);
    assertThat(CacheType.of("gaememcached")).isEqualTo(CacheType.MEMCACHED);
    assertThat(CacheType.of("saslmemcached")).isEqualTo(CacheType.SASL_MEMCACHED);
    assertThat(CacheType.of("spreadsaslmemcached")).isEqualTo(CacheType.SPREAD_SASL_MEMCACHED);
    assertThat(CacheType.of("flask_caching.backends.RedisCache")).isEqualTo(CacheType.REDIS);
    assertThat(CacheType.of("flask_caching.contrib.uwsgicache.UWSGICache")).isEqualTo(CacheType.UWSGI);
  }

  @Test
  void anOldNameWarnsOnce() {
    RecordingLogs.clear();
    CacheType.of("spreadsaslmemcached");
    CacheType.of("spreadsaslmemcached");
    assertThat(RecordingLogs.messages(Level.WARN).stream().filter(m -> m.contains("'spreadsaslmemcached' is deprecated")))
        .hasSize(1)
        .allSatisfy(m -> assertThat(m).contains("use 'SpreadSASLMemcachedCache'"));
    CacheType.of("SpreadSASLMemcachedCache");
    assertThat(RecordingLogs.messages(Level.WARN)).hasSize(1);
  }

  @Test
  void anUnknownNameFailsListingTheKnownNames() {
    assertThatThrownBy(() -> CacheType.of("MongoCache"))
        .isInstanceOf(CacheConfigurationException.class)
        .hasMessageContaining("Unknown cache type 'MongoCache'")
        .hasMessageContaining("NullCache (null)")
        .hasMessageContaining("MemcachedCache (memcached, gaememcached)")
        .hasMessageContaining("SpreadSASLMemcachedCache (spreadsaslmemcached)");
    assertThatThrownBy(() -> CacheType.of("filesystemcache"))
        .hasMessageContaining("did you mean FileSystemCache?");
  }
}
