package dev.engagement.cache;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** RedisCache (Redisson's JCache provider) passes the contract against a real Redis. */
final class RedisCacheContractTest extends CacheTypeContractTest {
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

  @Override
  protected String typeName() {
    return "RedisCache";
  }

  @Override
  protected Map<String, Object> config() {
    // a generous command time-out: the contract stores 5 MiB values, which a loaded machine may
    // take more than the default 2 s to answer (the defaults are exercised by RedisOutageTest)
    return Map.of(
        "CACHE_REDIS_HOST", "127.0.0.1", "CACHE_REDIS_PORT", redis.servers.get(0).port, "CACHE_KEY_PREFIX", namespace,
        "CACHE_OPTIONS", Map.of("socket_timeout", 15));
  }
}
