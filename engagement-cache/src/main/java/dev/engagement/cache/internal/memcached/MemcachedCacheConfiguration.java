package dev.engagement.cache.internal.memcached;

import dev.engagement.cache.internal.jcache.SerialFilter;
import dev.engagement.cache.internal.jcache.Store;
import dev.engagement.cache.internal.jcache.StoreCacheSettings;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Supplier;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A JCache configuration carrying the memcached store a new cache is to use, the patterns that
 * widen what Java serialisation may read back, and the clock expiry reads. Not thread-safe (like
 * {@link MutableConfiguration}); the store and the clock are not serialised with it.
 */
public final class MemcachedCacheConfiguration<K, V> extends MutableConfiguration<K, V>
    implements StoreCacheSettings {
  private static final long serialVersionUID = 1L;

  private transient @Nullable Supplier<Store> store;
  private @Nullable String serialFilter;
  private transient @Nullable Clock clock;

  /** Sets what opens the store. */
  public MemcachedCacheConfiguration<K, V> setStore(Supplier<Store> store) {
    this.store = store;
    return this;
  }

  /** Returns what opens the store, or null. */
  public @Nullable Supplier<Store> getStore() {
    return store;
  }

  @Override
  public @Nullable String getSerialFilter() {
    return serialFilter;
  }

  /** Sets the patterns that widen the classes Java serialisation may read back, or null. */
  public MemcachedCacheConfiguration<K, V> setSerialFilter(@Nullable String patterns) {
    SerialFilter.of(Arrays.asList(patterns)); // fails fast on a bad pattern
    this.serialFilter = patterns;
    return this;
  }

  @Override
  public @Nullable Clock getClock() {
    return clock;
  }

  /** Sets the clock expiry times are read from, or null for the system clock. */
  public MemcachedCacheConfiguration<K, V> setClock(@Nullable Clock clock) {
    this.clock = clock;
    return this;
  }
}
