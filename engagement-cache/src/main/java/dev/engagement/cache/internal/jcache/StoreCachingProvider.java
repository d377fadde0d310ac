package dev.engagement.cache.internal.jcache;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.jspecify.annotations.Nullable;

/**
 * A JCache provider whose caches are {@link StoreCache}s over the {@link Store}s a subclass
 * opens. Thread-safe.
 */
public abstract class StoreCachingProvider implements CachingProvider {
  private final Map<ClassLoader, Map<URI, StoreCacheManager>> managers = new WeakHashMap<>();

  /**
   * Opens the store of a new cache.
   *
   * @param manager the cache's manager
   * @param cacheName the cache's name
   * @param configuration the cache's configuration
   * @return the store
   */
  protected abstract Store openStore(StoreCacheManager manager, String cacheName, Configuration<?, ?> configuration);

  /** Opens what a new manager needs besides its caches (closed with it), or returns null. */
  protected @Nullable AutoCloseable openManagerResources(StoreCacheManager manager) {
    return null;
  }

  /** Called when a cache has been created (a store may want to call back into it). */
  protected void created(StoreCache<?, ?> cache, Configuration<?, ?> configuration) {}

  @Override
  public synchronized CacheManager getCacheManager(
      @Nullable URI uri, @Nullable ClassLoader classLoader, @Nullable Properties properties) {
    URI u = uri == null ? getDefaultURI() : uri;
    ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
    Map<URI, StoreCacheManager> byUri = managers.computeIfAbsent(cl, k -> new HashMap<>());
    StoreCacheManager m = byUri.get(u);
    if (m == null) {
      m = new StoreCacheManager(this, u, cl, properties == null ? getDefaultProperties() : properties);
      byUri.put(u, m);
    }
    return m;
  }

  @Override
  public CacheManager getCacheManager(@Nullable URI uri, @Nullable ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return URI.create(getClass().getName());
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    List<StoreCacheManager> all = new ArrayList<>();
    synchronized (this) {
      for (Map<URI, StoreCacheManager> byUri : managers.values()) {
        all.addAll(byUri.values());
      }
      managers.clear();
    }
    all.forEach(StoreCacheManager::close);
  }

  @Override
  public void close(@Nullable ClassLoader classLoader) {
    ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
    List<StoreCacheManager> all;
    synchronized (this) {
      Map<URI, StoreCacheManager> byUri = managers.remove(cl);
      all = byUri == null ? List.of() : new ArrayList<>(byUri.values());
    }
    all.forEach(StoreCacheManager::close);
  }

  @Override
  public void close(@Nullable URI uri, @Nullable ClassLoader classLoader) {
    URI u = uri == null ? getDefaultURI() : uri;
    ClassLoader cl = classLoader == null ? getDefaultClassLoader() : classLoader;
    StoreCacheManager m;
    synchronized (this) {
      Map<URI, StoreCacheManager> byUri = managers.get(cl);
      m = byUri == null ? null : byUri.remove(u);
      if (byUri != null && byUri.isEmpty()) {
        managers.remove(cl);
      }
    }
    if (m != null) {
      m.close();
    }
  }

  synchronized void released(StoreCacheManager m) {
    ClassLoader cl = m.getClassLoader();
    if (cl == null) {
      return;
    }
    Map<URI, StoreCacheManager> byUri = managers.get(cl);
    if (byUri != null && byUri.get(m.getURI()) == m) {
      byUri.remove(m.getURI());
      if (byUri.isEmpty()) {
        managers.remove(cl);
      }
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    // everything goes through bytes: store-by-reference is not offered
    return false;
  }
}
