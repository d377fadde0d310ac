package dev.engagement.cache.internal;

import dev.engagement.cache.internal.jcache.Store;
import dev.engagement.cache.internal.jcache.StoreCacheManager;
import dev.engagement.cache.internal.jcache.StoreCachingProvider;
import java.util.Collections;
import java.util.Iterator;
import javax.cache.configuration.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * NullCache's JCache provider: caches that hold nothing (every put is dropped, every get
 * misses), as Flask-Caching's NullCache. Thread-safe.
 */
public final class NullCachingProvider extends StoreCachingProvider {
  /** Creates the provider (JCache loads it by class name). */
  public NullCachingProvider() {}

  @Override
  protected Store openStore(StoreCacheManager manager, String cacheName, Configuration<?, ?> configuration) {
    return new Store() {
      @Override
      public @Nullable Record get(byte[] key) {
        return null;
      }

      @Override
      public void put(byte[] key, byte[] value, long expiresAt) {}

      @Override
      public void touch(byte[] key, long expiresAt) {}

      @Override
      public boolean remove(byte[] key) {
        return false;
      }

      @Override
      public Iterator<byte[]> keys() {
        return Collections.emptyIterator();
      }

      @Override
      public void clear() {}

      @Override
      public void close() {}

      @Override
      public String toString() {
        return "NullCache";
      }
    };
  }
}
