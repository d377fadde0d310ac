package dev.engagement.cache.internal.redis;

import dev.engagement.cache.internal.BuiltInOpener;
import dev.engagement.cache.internal.CacheOpener;
import dev.engagement.cache.internal.OpenSpec;
import java.time.Duration;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ConstantDelay;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * Opens a Redis cache through Redisson's JCache provider ({@code
 * org.redisson.jcache.JCachingProvider}, named explicitly): a Redisson client of the cache's own,
 * configured from the {@code CACHE_REDIS_*} settings, shut down when the cache closes. The cache
 * is one Redis hash named after the cache (the key prefix and {@code engagement}) whose fields
 * are the keys as UTF-8 text and whose values are the stored bytes as they are (never
 * deserialised); its entries expire by the cache's expiry policy. Reads go to the master (a
 * result just written is read back). Commands wait briefly and are retried little (the {@code
 * CACHE_OPTIONS} time-outs and retries, with short defaults), so a server that is gone makes a
 * call fail in about a second. Stateless and thread-safe.
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
    // keys as UTF-8 text and values as the bytes they are: nothing read back from the server is
    // ever deserialised (Redisson's default codec, Kryo, would build any class a value names)
    config.setCodec(new CompositeCodec(StringCodec.INSTANCE, ByteArrayCodec.INSTANCE, ByteArrayCodec.INSTANCE));
    // the eviction task of expired entries logs a stack trace each time it fails while the server
    // is down; expired entries are never read (each read checks the entry's time), so once a
    // minute at most is enough
    config.setMinCleanUpDelay(60);
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
    s.setRetryAttempts(spec.retryAttempts());
    s.setRetryDelay(new ConstantDelay(Duration.ofMillis(spec.retryIntervalMillis())));
    // PINGs of idle connections log a stack trace each time one fails while the server is down;
    // with short command time-outs, a dead connection shows soon enough without them
    s.setPingConnectionInterval(spec.healthCheckMillis());
  }
}
