package dev.engagement.cache;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** SASLMemcachedCache (binary protocol, SASL PLAIN) passes the contract against a SASL-only memcached. */
final class SASLMemcachedCacheContractTest extends CacheTypeContractTest {
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
    return "SASLMemcachedCache";
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of(
        "CACHE_MEMCACHED_SERVERS", List.of("127.0.0.1:" + memcached.servers.get(0).port),
        "CACHE_MEMCACHED_USERNAME", "mcuser",
        "CACHE_MEMCACHED_PASSWORD", "s3cret",
        "CACHE_KEY_PREFIX", namespace);
  }

  @Override
  protected int largeValueBytes() {
    return 1000 * 1000;
  }
}
