package dev.engagement.examples.web;

import dev.engagement.cache.CacheConfigurationException;
import dev.engagement.cache.CacheSettings;
import dev.engagement.cache.CacheType;
import dev.engagement.cache.EngagementCaches;
import dev.engagement.cache.JCacheResultCache;
import dev.engagement.core.spi.ResultCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result caches of the settings' {@code CACHE_TYPE}, opened through engagement-cache when a
 * batch first needs one and kept until the server stops. The cache's own settings come from
 * {@code _cache_config.json} beside the settings file if there is one (the original app's shape),
 * else Flask-Caching's defaults, with FileSystemCache's folder {@code _cache} beside the settings.
 *
 * <p>Thread-safe.
 */
final class Caches implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(Caches.class);

  private final Map<String, Opened> open = new LinkedHashMap<>();
  private boolean closed;

  private record Opened(Cache<String, byte[]> cache, ResultCache results) {}

  /**
   * Returns the type names whose providers are on the class path ({@link
   * EngagementCaches#availableTypes()}; UWSGICache never is).
   */
  static List<String> available() {
    return EngagementCaches.availableTypes().stream().map(CacheType::typeName).toList();
  }

  /**
   * Checks a type name the settings page sent.
   *
   * @throws CacheConfigurationException naming the problem
   */
  static void check(String typeName) {
    CacheType t = CacheType.of(typeName);
    if (!available().contains(t.typeName())) {
      throw new CacheConfigurationException(
          t.typeName() + " cannot be used here: its provider is not on the class path. Available: "
              + String.join(", ", available()));
    }
  }

  /**
   * Returns the result cache of a type, opening it the first time.
   *
   * @param typeName the settings' {@code CACHE_TYPE}
   * @param folder the settings' folder
   * @throws CacheConfigurationException if the type or its settings are not valid
   * @throws javax.cache.CacheException if the cache cannot be reached
   */
  synchronized ResultCache forType(String typeName, Path folder) {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    CacheType type = CacheType.of(typeName);
    Opened o = open.get(type.typeName());
    if (o == null) {
      Path configFile = folder.resolve("_cache_config.json");
      CacheSettings s;
      if (Files.isRegularFile(configFile)) {
        s = CacheSettings.load(type.typeName(), configFile);
      } else if (type == CacheType.FILE_SYSTEM) {
        s = CacheSettings.of(type.typeName(), Map.of("CACHE_DIR", folder.resolve("_cache").toString()));
      } else {
        s = CacheSettings.ofDefaults(type.typeName());
      }
      Cache<String, byte[]> cache = EngagementCaches.open(s);
      o = new Opened(cache, JCacheResultCache.of(cache, s.ignoreErrors()));
      open.put(type.typeName(), o);
      logger.info("Result cache: {}", type.typeName());
    }
    return o.results();
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (Opened o : open.values()) {
      try {
        if (!o.cache().isClosed()) {
          o.cache().getCacheManager().close();
        }
      } catch (RuntimeException e) {
        logger.warn("Could not close the result cache cleanly", e);
      }
    }
    open.clear();
  }
}
