package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run by the {@code without-optional-jars} surefire execution, whose class path leaves out
 * Redisson and xmemcached: those types fail naming the type, the class and the coordinates; the
 * other types still work.
 */
final class MissingOptionalJarTest {
  @TempDir Path temp;

  private static boolean present(String className) {
    try {
      Class.forName(className, false, MissingOptionalJarTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void redisTypesNameTheMissingJar() {
    assumeTrue(!present("org.redisson.Redisson"), "run by the without-optional-jars execution only");
    for (String type : new String[] {"RedisCache", "RedisSentinelCache", "RedisClusterCache", "redis"}) {
      Map<String, Object> settings =
          type.equals("RedisClusterCache") ? Map.of("CACHE_REDIS_CLUSTER", "127.0.0.1:7000") : Map.of();
      assertThatThrownBy(() -> EngagementCaches.open(type, settings))
          .isInstanceOf(CacheConfigurationException.class)
          .hasMessageContaining(CacheType.of(type).typeName() + " needs the optional dependency org.redisson:redisson:")
          .hasMessageContaining("class org.redisson.Redisson not found")
          .hasMessageContaining("<artifactId>redisson</artifactId><version>");
    }
  }

  @Test
  void memcachedTypesNameTheMissingJar() {
    assumeTrue(!present("net.rubyeye.xmemcached.XMemcachedClientBuilder"), "run by the without-optional-jars execution only");
    for (String type : new String[] {"MemcachedCache", "SASLMemcachedCache", "SpreadSASLMemcachedCache"}) {
      Map<String, Object> settings = type.equals("MemcachedCache")
          ? Map.of()
          : Map.of("CACHE_MEMCACHED_USERNAME", "u", "CACHE_MEMCACHED_PASSWORD", "p");
      assertThatThrownBy(() -> EngagementCaches.open(type, settings))
          .isInstanceOf(CacheConfigurationException.class)
          .hasMessageContaining(type + " needs the optional dependency com.googlecode.xmemcached:xmemcached:")
          .hasMessageContaining("class net.rubyeye.xmemcached.XMemcachedClientBuilder not found");
    }
  }

  @Test
  void onlyTheBuiltInTypesAreAvailable() {
    assumeTrue(!present("org.redisson.Redisson"), "run by the without-optional-jars execution only");
    assumeTrue(!present("net.rubyeye.xmemcached.XMemcachedClientBuilder"), "run by the without-optional-jars execution only");
    assertThat(EngagementCaches.availableTypes())
        .containsExactly(CacheType.NULL, CacheType.SIMPLE, CacheType.FILE_SYSTEM);
  }

  @Test
  void theOtherTypesStillWork() {
    for (Map.Entry<String, Map<String, Object>> e : Map.<String, Map<String, Object>>of(
        "SimpleCache", Map.of(), "FileSystemCache", Map.of("CACHE_DIR", temp.toString())).entrySet()) {
      Cache<String, byte[]> c = EngagementCaches.open(e.getKey(), e.getValue());
      c.put("k", new byte[] {1});
      assertThat(c.get("k")).containsExactly(1);
      c.getCacheManager().close();
    }
  }
}
