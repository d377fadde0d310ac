package dev.engagement.cache.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import dev.engagement.cache.internal.filesystem.FileSystemCacheConfiguration;
import dev.engagement.cache.internal.filesystem.FileSystemCachingProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Opens NullCache (our no-op provider), SimpleCache (Caffeine's provider, the threshold as its
 * maximum size) and FileSystemCache (our file provider), each through its provider named
 * explicitly and in a cache manager of its own. Stateless and thread-safe.
 */
public final class BuiltInOpener implements CacheOpener {
  /** Caffeine's JCache provider. */
  public static final String CAFFEINE_PROVIDER = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";

  @Override
  public Cache<String, byte[]> open(OpenSpec spec) {
    return switch (spec.typeName()) {
      case "NullCache" -> {
        MutableConfiguration<String, byte[]> c =
            new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class);
        yield manager(NullCachingProvider.class.getName(), spec).createCache(spec.cacheName(), c);
      }
      case "SimpleCache" -> {
        CaffeineConfiguration<String, byte[]> c = new CaffeineConfiguration<>();
        c.setTypes(String.class, byte[].class);
        c.setStoreByValue(true);
        // cachelib takes a threshold of 0 as its default, 500
        c.setMaximumSize(OptionalLong.of(spec.threshold() == 0 ? 500 : spec.threshold()));
        c.setExpiryPolicyFactory(spec.expiryPolicy());
        // evict on the caller's thread: the size bound holds when put() returns
        c.setExecutorFactory(new FactoryBuilder.ClassFactory<Executor>(DirectExecutor.class.getName()));
        if (!spec.clock().equals(Clock.systemUTC())) {
          Clock clock = spec.clock();
          c.setTickerFactory(new FactoryBuilder.SingletonFactory<Ticker>(() -> clock.millis() * 1_000_000L));
        }
        yield manager(CAFFEINE_PROVIDER, spec).createCache(spec.cacheName(), c);
      }
      case "FileSystemCache" -> {
        FileSystemCacheConfiguration<String, byte[]> c = new FileSystemCacheConfiguration<>();
        c.setTypes(String.class, byte[].class);
        c.setExpiryPolicyFactory(spec.expiryPolicy());
        c.setDirectory(Objects.requireNonNull(spec.directory(), "directory"))
            .setThreshold(spec.threshold())
            .setPermissions(spec.permissions())
            .setHashMethod(spec.hashMethod())
            .setClock(spec.clock());
        yield manager(FileSystemCachingProvider.class.getName(), spec).createCache(spec.cacheName(), c);
      }
      default -> throw new IllegalArgumentException("not a built-in type: " + spec.typeName());
    };
  }

  /**
   * Returns a new cache manager of a provider named explicitly (never the no-argument lookup).
   *
   * @param providerClass the provider's class name
   * @param spec the manager's URI and properties
   * @return the cache manager
   */
  public static CacheManager manager(String providerClass, OpenSpec spec) {
    ClassLoader loader = BuiltInOpener.class.getClassLoader();
    CachingProvider provider = Caching.getCachingProvider(providerClass, loader);
    return provider.getCacheManager(spec.managerUri(), loader, spec.managerProperties());
  }

  /** Runs tasks on the caller's thread. */
  public static final class DirectExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
      command.run();
    }
  }
}
