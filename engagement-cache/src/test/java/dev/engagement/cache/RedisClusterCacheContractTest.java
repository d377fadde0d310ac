package dev.engagement.cache;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** RedisClusterCache (Redisson, cluster mode) passes the contract against a 3-master Redis Cluster. */
final class RedisClusterCacheContractTest extends CacheTypeContractTest {
  @TempDir static Path dir;
  static LocalServers.Group cluster;

  @BeforeAll
  static void start() {
    cluster = LocalServers.redisCluster(dir);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected String typeName() {
    return "RedisClusterCache";
  }

  @Override
  protected Map<String, Object> config() {
    String nodes = cluster.servers.stream().map(s -> "127.0.0.1:" + s.port).collect(Collectors.joining(","));
    // a generous command time-out: the contract stores 5 MiB values, which a loaded machine may
    // take more than the default 2 s to answer (the defaults are exercised by RedisOutageTest)
    return Map.of("CACHE_REDIS_CLUSTER", nodes, "CACHE_KEY_PREFIX", namespace, "CACHE_OPTIONS", Map.of("socket_timeout", 15));
  }
}
