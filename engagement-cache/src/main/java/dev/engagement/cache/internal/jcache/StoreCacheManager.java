package dev.engagement.cache.internal.jcache;

import static java.util.Objects.requireNonNull;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;

/**
 * The caches of one URI and class loader of a {@link StoreCachingProvider}. Thread-safe.
 */
public final class StoreCacheManager implements CacheManager {
  private final StoreCachingProvider provider;
  private final URI uri;
  private final WeakReference<ClassLoader> classLoader;
  private final Properties properties;
  private final Map<String, StoreCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final @Nullable AutoCloseable resources;
  private volatile boolean closed;

  StoreCacheManager(StoreCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = new Properties();
    this.properties.putAll(properties);
    this.resources = provider.openManagerResources(this);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public @Nullable ClassLoader getClassLoader() {
    return classLoader.get();
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  /** Returns what the provider opened for this manager (a root folder...), or null. */
  public @Nullable AutoCloseable resources() {
    return resources;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    open();
    requireNonNull(cacheName, "cacheName");
    requireNonNull(configuration, "configuration");
    synchronized (lock) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("a cache named " + cacheName + " already exists");
      }
      ClassLoader cl = getClassLoader();
      if (cl == null) {
        throw new IllegalStateException("the class loader of this cache manager is gone");
      }
      Store store = provider.openStore(this, cacheName, configuration);
      StoreCache<K, V> cache;
      try {
        cache = new StoreCache<>(this, cacheName, configuration, store, cl);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      provider.created(cache, configuration);
      caches.put(cacheName, cache);
      return cache;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> @Nullable Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    open();
    requireNonNull(cacheName, "cacheName");
    requireNonNull(keyType, "keyType");
    requireNonNull(valueType, "valueType");
    StoreCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> c = cache.getConfiguration(CompleteConfiguration.class);
    if (!c.getKeyType().equals(keyType)) {
      throw new ClassCastException(
          "cache " + cacheName + " has keys of " + c.getKeyType().getName() + ", not " + keyType.getName());
    }
    if (!c.getValueType().equals(valueType)) {
      throw new ClassCastException(
          "cache " + cacheName + " has values of " + c.getValueType().getName() + ", not " + valueType.getName());
    }
    return (Cache<K, V>) cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> @Nullable Cache<K, V> getCache(String cacheName) {
    open();
    requireNonNull(cacheName, "cacheName");
    return (Cache<K, V>) caches.get(cacheName);
  }

  @Override
  public Iterable<String> getCacheNames() {
    open();
    return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
  }

  @Override
  public void destroyCache(String cacheName) {
    open();
    requireNonNull(cacheName, "cacheName");
    StoreCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.destroy();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    open();
    requireNonNull(cacheName, "cacheName");
    StoreCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    open();
    requireNonNull(cacheName, "cacheName");
    StoreCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  void released(StoreCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    provider.released(this);
    List<StoreCache<?, ?>> all = new ArrayList<>(caches.values());
    for (StoreCache<?, ?> c : all) {
      try {
        c.close();
      } catch (RuntimeException e) {
        StoreCache.logger.warn("Closing cache {} failed", c.getName(), e);
      }
    }
    caches.clear();
    if (resources != null) {
      try {
        resources.close();
      } catch (Exception e) {
        StoreCache.logger.warn("Releasing the resources of cache manager {} failed", uri, e);
      }
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("this cache manager cannot be unwrapped to " + clazz.getName());
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("cache manager " + uri + " is closed");
    }
  }
}
