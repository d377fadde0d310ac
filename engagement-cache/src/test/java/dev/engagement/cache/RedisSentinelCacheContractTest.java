package dev.engagement.cache;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** RedisSentinelCache (Redisson, sentinel mode) passes the contract against a Redis with a sentinel. */
final class RedisSentinelCacheContractTest extends CacheTypeContractTest {
  @TempDir static Path dir;
  static LocalServers.Group servers;

  @BeforeAll
  static void start() {
    servers = LocalServers.redisWithSentinel(dir);
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Override
  protected String typeName() {
    return "RedisSentinelCache";
  }

  @Override
  protected Map<String, Object> config() {
    // a generous command time-out: the contract stores 5 MiB values, which a loaded machine may
    // take more than the default 2 s to answer (the defaults are exercised by RedisOutageTest)
    return Map.of(
        "CACHE_REDIS_SENTINELS", List.of(List.of("127.0.0.1", servers.servers.get(1).port)),
        "CACHE_REDIS_SENTINEL_MASTER", "mymaster",
        "CACHE_KEY_PREFIX", namespace,
        "CACHE_OPTIONS", Map.of("socket_timeout", 15));
  }
}
