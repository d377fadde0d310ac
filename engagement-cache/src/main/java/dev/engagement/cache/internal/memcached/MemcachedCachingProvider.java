package dev.engagement.cache.internal.memcached;

import dev.engagement.cache.internal.jcache.Store;
import dev.engagement.cache.internal.jcache.StoreCacheManager;
import dev.engagement.cache.internal.jcache.StoreCachingProvider;
import java.util.function.Supplier;
import javax.cache.configuration.Configuration;

/**
 * The JCache provider of the memcached types. A cache needs a {@link MemcachedCacheConfiguration}
 * with its store; memcached cannot list its keys, so {@code iterator()} and {@code removeAll()}
 * with listeners or a writer fail with an {@link UnsupportedOperationException}. Thread-safe.
 */
public final class MemcachedCachingProvider extends StoreCachingProvider {
  /** Creates the provider (JCache loads it by class name). */
  public MemcachedCachingProvider() {}

  @Override
  protected Store openStore(StoreCacheManager manager, String cacheName, Configuration<?, ?> configuration) {
    if (configuration instanceof MemcachedCacheConfiguration<?, ?> m) {
      Supplier<Store> s = m.getStore();
      if (s != null) {
        return s.get();
      }
    }
    throw new IllegalArgumentException(
        "a memcached cache needs a MemcachedCacheConfiguration with its store (open it with EngagementCaches)");
  }
}
