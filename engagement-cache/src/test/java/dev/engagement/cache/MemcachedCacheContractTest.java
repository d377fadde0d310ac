package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MemcachedCache (our provider over xmemcached) passes the contract against a real memcached. */
final class MemcachedCacheContractTest extends CacheTypeContractTest {
  @TempDir static Path dir;
  static LocalServers.Group memcached;

  @BeforeAll
  static void start() {
    memcached = LocalServers.memcached(dir);
  }

  @AfterAll
  static void stop() {
    if (memcached != null) {
      memcached.close();
    }
  }

  @Override
  protected String typeName() {
    return "MemcachedCache";
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of(
        "CACHE_MEMCACHED_SERVERS", List.of("127.0.0.1:" + memcached.servers.get(0).port),
        "CACHE_KEY_PREFIX", namespace);
  }

  /** memcached keeps items of at most 1 MiB: the large values of this type are just under. */
  @Override
  protected int largeValueBytes() {
    return 1000 * 1000;
  }

  @Test
  void aValueOverTheItemLimitFailsClearly() {
    Cache<String, byte[]> c = open();
    assertThatThrownBy(() -> c.put("big", new byte[2 << 20]))
        .isInstanceOf(CacheException.class)
        .hasMessageContaining("MemcachedCache cannot store a value of")
        .hasMessageContaining("SpreadSASLMemcachedCache");
  }

  @Test
  void listingTheEntriesFailsClearlyAndRemoveAllWithoutListenersClears() {
    Cache<String, byte[]> c = open();
    assertThatThrownBy(c::iterator)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("memcached has no command to iterate keys");
    c.put("k", new byte[] {1});
    c.removeAll();
    org.assertj.core.api.Assertions.assertThat(c.get("k")).isNull();
  }
}
