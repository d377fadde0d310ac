package dev.engagement.cache.internal.redis;

import dev.engagement.cache.internal.BuiltInOpener;
import dev.engagement.cache.internal.CacheOpener;
import dev.engagement.cache.internal.OpenSpec;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * Opens a Redis cache through Redisson's JCache provider ({@code
 * org.redisson.jcache.JCachingProvider}, named explicitly): a Redisson client of the cache's own,
 * configured from the {@code CACHE_REDIS_*} settings, shut down when the cache closes. The cache
 * is one Redis hash named after the cache (the key prefix and {@code engagement}); its entries
 * expire by the cache's expiry policy. Reads go to the master (a result just written is read
 * back). Stateless and thread-safe.
 */
public final class RedisOpener implements CacheOpener {
  /** Redisson's JCache provider. */
  public static final String PROVIDER = "org.redisson.jcache.JCachingProvider";

  @Override
  public Cache<String, byte[]> open(OpenSpec spec) {
    Config config = new Config();
    // a result cache needs few threads and connections; Redisson's defaults are for servers
    config.setThreads(4);
    config.setNettyThreads(8);
    if (spec.username() != null) {
      config.setUsername(spec.username());
    }
    if (spec.password() != null) {
      config.setPassword(spec.password());
    }
    switch (Objects.requireNonNull(spec.redisMode(), "redisMode")) {
      case "single" -> {
        SingleServerConfig s = config.useSingleServer();
        s.setAddress(spec.addresses().get(0));
        s.setDatabase(spec.database());
        s.setConnectionMinimumIdleSize(1);
        s.setConnectionPoolSize(8);
        s.setSubscriptionConnectionMinimumIdleSize(1);
        s.setSubscriptionConnectionPoolSize(4);
        common(s, spec);
      }
      case "sentinel" -> {
        SentinelServersConfig s = config.useSentinelServers();
        for (String a : spec.addresses()) {
          s.addSentinelAddress(a);
        }
        s.setMasterName(Objects.requireNonNull(spec.masterName(), "masterName"));
        s.setDatabase(spec.database());
        // Redisson insists on two sentinels unless told otherwise; one is a valid setup
        s.setCheckSentinelsList(spec.addresses().size() >= 2);
        if (spec.sentinelPassword() != null) {
          s.setSentinelPassword(spec.sentinelPassword());
        }
        s.setReadMode(ReadMode.MASTER);
        s.setMasterConnectionMinimumIdleSize(1);
        s.setMasterConnectionPoolSize(8);
        s.setSlaveConnectionMinimumIdleSize(1);
        s.setSlaveConnectionPoolSize(8);
        s.setSubscriptionConnectionMinimumIdleSize(1);
        s.setSubscriptionConnectionPoolSize(4);
        common(s, spec);
      }
      case "cluster" -> {
        ClusterServersConfig s = config.useClusterServers();
        for (String a : spec.addresses()) {
          s.addNodeAddress(a);
        }
        s.setReadMode(ReadMode.MASTER);
        s.setMasterConnectionMinimumIdleSize(1);
        s.setMasterConnectionPoolSize(8);
        s.setSlaveConnectionMinimumIdleSize(1);
        s.setSlaveConnectionPoolSize(8);
        s.setSubscriptionConnectionMinimumIdleSize(1);
        s.setSubscriptionConnectionPoolSize(4);
        common(s, spec);
      }
      default -> throw new IllegalArgumentException("unknown Redis mode " + spec.redisMode());
    }
    MutableConfiguration<String, byte[]> jcache =
        new MutableConfiguration<String, byte[]>()
            .setTypes(String.class, byte[].class)
            .setExpiryPolicyFactory(spec.expiryPolicy());
    CacheManager manager = BuiltInOpener.manager(PROVIDER, spec);
    try {
      return manager.createCache(spec.cacheName(), RedissonConfiguration.fromConfig(config, jcache));
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  private static void common(BaseConfig<?> s, OpenSpec spec) {
    if (spec.timeoutMillis() > 0) {
      s.setTimeout(spec.timeoutMillis());
    }
    if (spec.connectTimeoutMillis() > 0) {
      s.setConnectTimeout(spec.connectTimeoutMillis());
    }
    if (spec.clientName() != null) {
      s.setClientName(spec.clientName());
    }
    // a result cache that cannot answer is a miss: fail fast rather than retry for long
    s.setRetryAttempts(1);
  }
}
