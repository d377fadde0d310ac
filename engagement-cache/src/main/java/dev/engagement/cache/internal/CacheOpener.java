package dev.engagement.cache.internal;

import javax.cache.Cache;

/** Opens the caches of one family of types. Implementations are stateless and thread-safe. */
public interface CacheOpener {
  /**
   * Opens a cache, in a cache manager of its own.
   *
   * @param spec what to open
   * @return the cache
   */
  Cache<String, byte[]> open(OpenSpec spec);
}
