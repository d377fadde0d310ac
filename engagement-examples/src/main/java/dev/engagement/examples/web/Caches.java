package dev.engagement.examples.web;

import dev.engagement.cache.CacheConfigurationException;
import dev.engagement.cache.CacheSettings;
import dev.engagement.cache.CacheType;
import dev.engagement.cache.EngagementCaches;
import dev.engagement.cache.JCacheResultCache;
import dev.engagement.core.Settings;
import dev.engagement.core.spi.ResultCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result caches of the settings' {@code CACHE_TYPE}, opened through engagement-cache when a
 * batch first needs one and kept until the server stops. The cache's own settings come from
 * {@code _cache_config.json} beside the settings file if there is one (the original app's shape),
 * else Flask-Caching's defaults, with FileSystemCache's folder {@code _cache} beside the settings.
 * RedisCache's {@code CACHE_REDIS_URL} may also be a setting of {@code user-config.json}, which wins
 * over the file's. A server started with {@code --redis URL} always uses RedisCache on that URL.
 *
 * <p>Thread-safe.
 */
final class Caches implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(Caches.class);
  private static final String CONFIG_FILE = "_cache_config.json";

  private final Map<String, Opened> open = new LinkedHashMap<>();
  private final @Nullable String fixedRedisUrl;
  private boolean closed;

  /**
   * Creates the caches of a server.
   *
   * @param fixedRedisUrl the Redis of {@code --redis}, used whatever the settings say, or null
   */
  Caches(@Nullable String fixedRedisUrl) {
    this.fixedRedisUrl = fixedRedisUrl;
  }

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
   * Returns the Redis URL of settings: with {@code CACHE_TYPE} RedisCache, the setting {@code
   * CACHE_REDIS_URL} if it is not empty, else the one of the RedisCache section of {@code
   * _cache_config.json} beside the settings; null for other types or without a URL.
   *
   * @throws CacheConfigurationException if {@code _cache_config.json} is not valid
   */
  static @Nullable String redisUrl(Settings settings, Path folder) {
    if (CacheType.of(settings.cacheType()) != CacheType.REDIS) {
      return null;
    }
    Optional<String> own = settings.string(SettingsStore.CACHE_REDIS_URL);
    if (own.isPresent()) {
      return own.get().strip();
    }
    Path configFile = folder.resolve(CONFIG_FILE);
    if (Files.isRegularFile(configFile)) {
      Object url = CacheSettings.load(CacheType.REDIS.typeName(), configFile).config().get(SettingsStore.CACHE_REDIS_URL);
      if (url instanceof String u && !u.isBlank()) {
        return u.strip();
      }
    }
    return null;
  }

  /**
   * Returns the result cache that settings name, opening it the first time.
   *
   * @param settings the settings ({@code CACHE_TYPE}, {@code CACHE_REDIS_URL})
   * @param folder the settings' folder
   * @throws CacheConfigurationException if the type or its settings are not valid
   * @throws javax.cache.CacheException if the cache cannot be reached
   */
  synchronized ResultCache forSettings(Settings settings, Path folder) {
    if (closed) {
      throw new IllegalStateException("the server is stopping");
    }
    CacheType type = fixedRedisUrl != null ? CacheType.REDIS : CacheType.of(settings.cacheType());
    String url = fixedRedisUrl != null ? fixedRedisUrl : redisUrl(settings, folder);
    String key = url == null ? type.typeName() : type.typeName() + " " + url;
    Opened o = open.get(key);
    if (o == null) {
      Path configFile = folder.resolve(CONFIG_FILE);
      CacheSettings s;
      if (Files.isRegularFile(configFile)) {
        s = CacheSettings.load(type.typeName(), configFile);
      } else if (type == CacheType.FILE_SYSTEM) {
        s = CacheSettings.of(type.typeName(), Map.of("CACHE_DIR", folder.resolve("_cache").toString()));
      } else {
        s = CacheSettings.ofDefaults(type.typeName());
      }
      if (url != null) {
        Map<String, Object> config = new LinkedHashMap<>(s.config());
        config.put(SettingsStore.CACHE_REDIS_URL, url);
        s = CacheSettings.of(type.typeName(), config);
      }
      Cache<String, byte[]> cache = EngagementCaches.open(s);
      o = new Opened(cache, JCacheResultCache.of(cache, s.ignoreErrors()));
      open.put(key, o);
      logger.info("Result cache: {}{}", type.typeName(), url == null ? "" : " on " + RedisUrls.safe(url));
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
