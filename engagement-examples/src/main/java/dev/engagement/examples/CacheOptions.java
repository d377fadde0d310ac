package dev.engagement.examples;

import dev.engagement.cache.CacheConfigurationException;
import dev.engagement.cache.CacheSettings;
import dev.engagement.cache.EngagementCaches;
import dev.engagement.cache.JCacheResultCache;
import dev.engagement.core.Settings;
import dev.engagement.core.spi.ResultCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The result-cache options of every job command, as a picocli mixin ({@code @Mixin CacheOptions
 * cache;}): {@code --cache-type NAME} and {@code --cache-config FILE}.
 *
 * <p>Without {@code --cache-type} and {@code --cache-config} there is no cache (the built-in
 * settings always name FileSystemCache, and a command should not start writing a cache folder
 * unasked). {@code --cache-config} alone uses the settings' {@code CACHE_TYPE}: the settings say
 * which type, the file says how it is set up, as in the original app.
 */
final class CacheOptions {
  @Option(
      names = "--cache-type",
      paramLabel = "NAME",
      description =
          "Keep results in a cache of this type (NullCache, SimpleCache, FileSystemCache, RedisCache,"
              + " RedisSentinelCache, RedisClusterCache, MemcachedCache, SASLMemcachedCache,"
              + " SpreadSASLMemcachedCache, or an old lowercase name): a letter seen before is written"
              + " from the cache. Default: no cache.")
  @Nullable String type;

  @Option(
      names = "--cache-config",
      paramLabel = "FILE",
      description =
          "The cache's settings, in the original app's _cache_config.json shape"
              + " {\"<CacheType>\": {\"CACHE_DIR\": ..., ...}} (default: Flask-Caching's defaults)."
              + " Without --cache-type, the settings' CACHE_TYPE is used.")
  @Nullable Path config;

  /** An open cache and the result cache over it; closing releases its connections. */
  static final class Opened implements AutoCloseable {
    private final Cache<String, byte[]> cache;
    private final ResultCache results;

    Opened(Cache<String, byte[]> cache, ResultCache results) {
      this.cache = cache;
      this.results = results;
    }

    ResultCache results() {
      return results;
    }

    @Override
    public void close() {
      if (!cache.isClosed()) {
        cache.getCacheManager().close();
      }
    }
  }

  /**
   * Opens the cache asked for, or returns null when none was.
   *
   * @throws EngagementCli.UsageException for an unknown type, a bad or missing configuration file,
   *     or a type whose jar is missing
   */
  @Nullable Opened open(Settings settings, PrintWriter warnings) {
    if (type == null && config == null) {
      return null;
    }
    String name = type != null ? type : settings.cacheType();
    CacheSettings s;
    try {
      if (config != null) {
        if (!Files.isRegularFile(config)) {
          throw new EngagementCli.UsageException("no such cache configuration file: " + config);
        }
        s = CacheSettings.load(name, config);
      } else {
        s = CacheSettings.ofDefaults(name);
      }
    } catch (CacheConfigurationException e) {
      throw new EngagementCli.UsageException(e.getMessage());
    }
    Cache<String, byte[]> cache;
    try {
      cache = EngagementCaches.open(s);
    } catch (CacheException e) {
      if (!s.ignoreErrors()) {
        throw e;
      }
      // CACHE_IGNORE_ERRORS: a cache that cannot be reached is a miss for every letter
      warnings.println("engagement: " + e.getMessage() + "; running without the cache (CACHE_IGNORE_ERRORS is true)");
      return null;
    } catch (CacheConfigurationException e) {
      throw new EngagementCli.UsageException(e.getMessage());
    }
    return new Opened(cache, JCacheResultCache.of(cache, s.ignoreErrors()));
  }
}
