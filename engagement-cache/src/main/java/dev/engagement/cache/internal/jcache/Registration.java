package dev.engagement.cache.internal.jcache;

import java.io.Closeable;
import java.io.IOException;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import org.jspecify.annotations.Nullable;

/** A registered listener with its filter. Immutable. */
final class Registration<K, V> {
  final CacheEntryListenerConfiguration<K, V> configuration;
  final CacheEntryListener<? super K, ? super V> listener;
  final @Nullable CacheEntryEventFilter<? super K, ? super V> filter;

  Registration(CacheEntryListenerConfiguration<K, V> configuration) {
    this.configuration = configuration;
    Factory<CacheEntryListener<? super K, ? super V>> lf = configuration.getCacheEntryListenerFactory();
    if (lf == null) {
      throw new IllegalArgumentException("a listener configuration without a listener factory");
    }
    this.listener = lf.create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> ff = configuration.getCacheEntryEventFilterFactory();
    this.filter = ff == null ? null : ff.create();
  }

  void close() {
    closeQuietly(listener);
    closeQuietly(filter);
  }

  static void closeQuietly(@Nullable Object o) {
    if (o instanceof Closeable c) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        StoreCache.logger.warn("Closing {} failed", o.getClass().getName(), e);
      }
    }
  }
}
