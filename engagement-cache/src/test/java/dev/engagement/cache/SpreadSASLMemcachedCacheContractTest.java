package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SpreadSASLMemcachedCache passes the contract (with the core's 5 MiB values, split into chunks)
 * against a SASL-only memcached.
 */
final class SpreadSASLMemcachedCacheContractTest extends CacheTypeContractTest {
  @TempDir static Path dir;
  static LocalServers.Group memcached;

  @BeforeAll
  static void start() {
    memcached = LocalServers.saslMemcached(dir, "mcuser", "s3cret");
  }

  @AfterAll
  static void stop() {
    if (memcached != null) {
      memcached.close();
    }
  }

  @Override
  protected String typeName() {
    return "SpreadSASLMemcachedCache";
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of(
        "CACHE_MEMCACHED_SERVERS", List.of("127.0.0.1:" + memcached.servers.get(0).port),
        "CACHE_MEMCACHED_USERNAME", "mcuser",
        "CACHE_MEMCACHED_PASSWORD", "s3cret",
        "CACHE_KEY_PREFIX", namespace);
  }

  @Test
  void aShorterValueReplacesALongerOne() {
    Cache<String, byte[]> c = open();
    byte[] big = new byte[3 << 20];
    new Random(1).nextBytes(big);
    c.put("v", big);
    assertThat(c.get("v")).isEqualTo(big);
    c.put("v", bytes(1, 2, 3));
    assertThat(c.get("v")).containsExactly(1, 2, 3);
    c.put("v", big);
    assertThat(c.get("v")).isEqualTo(big);
    assertThat(c.remove("v")).isTrue();
    assertThat(c.get("v")).isNull();
  }
}
