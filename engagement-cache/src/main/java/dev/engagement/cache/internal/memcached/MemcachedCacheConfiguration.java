package dev.engagement.cache.internal.memcached;

import dev.engagement.cache.internal.jcache.Store;
import java.util.function.Supplier;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A JCache configuration carrying the memcached store a new cache is to use. Not thread-safe
 * (like {@link MutableConfiguration}); the store is not serialised with it.
 */
public final class MemcachedCacheConfiguration<K, V> extends MutableConfiguration<K, V> {
  private static final long serialVersionUID = 1L;

  private transient @Nullable Supplier<Store> store;

  /** Sets what opens the store. */
  public MemcachedCacheConfiguration<K, V> setStore(Supplier<Store> store) {
    this.store = store;
    return this;
  }

  /** Returns what opens the store, or null. */
  public @Nullable Supplier<Store> getStore() {
    return store;
  }
}
