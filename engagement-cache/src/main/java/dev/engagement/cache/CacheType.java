package dev.engagement.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache types of the original app (Flask-Caching's {@code CACHE_TYPE}), each under its class
 * name and its old lowercase name(s). {@link #of(String)} also takes Flask-Caching's import
 * strings ({@code flask_caching.backends.RedisCache}, {@code
 * flask_caching.contrib.uwsgicache.UWSGICache}).
 *
 * <table>
 *   <caption>Types and what is behind them</caption>
 *   <tr><th>type</th><th>old names</th><th>JCache provider</th></tr>
 *   <tr><td>NullCache</td><td>null</td><td>built in: holds nothing</td></tr>
 *   <tr><td>SimpleCache</td><td>simple</td><td>Caffeine's</td></tr>
 *   <tr><td>FileSystemCache</td><td>filesystem</td><td>built in: one file per entry</td></tr>
 *   <tr><td>RedisCache, RedisSentinelCache, RedisClusterCache</td>
 *       <td>redis, redissentinel, rediscluster</td><td>Redisson's (optional jar)</td></tr>
 *   <tr><td>MemcachedCache, SASLMemcachedCache, SpreadSASLMemcachedCache</td>
 *       <td>memcached, gaememcached, saslmemcached, spreadsaslmemcached</td>
 *       <td>built in, over xmemcached (optional jar)</td></tr>
 *   <tr><td>UWSGICache</td><td>uwsgi</td><td>none: refused</td></tr>
 * </table>
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public enum CacheType {
  /** {@code NullCache}: holds nothing. */
  NULL("NullCache", "null"),
  /** {@code SimpleCache}: in memory, in one process (Caffeine). */
  SIMPLE("SimpleCache", "simple"),
  /** {@code FileSystemCache}: one file per entry in a folder. */
  FILE_SYSTEM("FileSystemCache", "filesystem"),
  /** {@code RedisCache}: one Redis server (Redisson). */
  REDIS("RedisCache", "redis"),
  /** {@code RedisSentinelCache}: Redis found through its sentinels (Redisson). */
  REDIS_SENTINEL("RedisSentinelCache", "redissentinel"),
  /** {@code RedisClusterCache}: a Redis Cluster (Redisson). */
  REDIS_CLUSTER("RedisClusterCache", "rediscluster"),
  /** {@code UWSGICache}: recognised and refused (only code inside a uWSGI worker reaches it). */
  UWSGI("UWSGICache", "uwsgi"),
  /** {@code MemcachedCache}: memcached servers (xmemcached). */
  MEMCACHED("MemcachedCache", "memcached", "gaememcached"),
  /** {@code SASLMemcachedCache}: memcached with SASL PLAIN logins. */
  SASL_MEMCACHED("SASLMemcachedCache", "saslmemcached"),
  /** {@code SpreadSASLMemcachedCache}: as SASLMemcachedCache, large values split into chunks. */
  SPREAD_SASL_MEMCACHED("SpreadSASLMemcachedCache", "spreadsaslmemcached");

  private static final Logger logger = LoggerFactory.getLogger(CacheType.class);
  private static final Set<String> warned = ConcurrentHashMap.newKeySet();
  private static final Map<String, CacheType> BY_NAME = new LinkedHashMap<>();

  static {
    for (CacheType t : values()) {
      BY_NAME.put(t.typeName, t);
      BY_NAME.put("flask_caching.backends." + t.typeName, t);
      for (String old : t.oldNames) {
        BY_NAME.put(old, t);
        BY_NAME.put("flask_caching.backends." + old, t);
      }
    }
    BY_NAME.put("flask_caching.contrib.uwsgicache.UWSGICache", UWSGI);
  }

  private final String typeName;
  private final List<String> oldNames;

  CacheType(String typeName, String... oldNames) {
    this.typeName = typeName;
    this.oldNames = List.of(oldNames);
  }

  /**
   * Returns the type's name.
   *
   * @return the name ({@code FileSystemCache}...)
   */
  public String typeName() {
    return typeName;
  }

  /**
   * Returns the type's old lowercase names, deprecated since Flask-Caching 2.0.
   *
   * @return the old names ({@code filesystem}...)
   */
  public List<String> oldNames() {
    return oldNames;
  }

  /**
   * Returns whether a name is one of the old lowercase names of a type.
   *
   * @param name a name, or a Flask-Caching import string
   * @return whether it is an old name
   */
  public static boolean isOldName(String name) {
    for (CacheType t : values()) {
      if (t.oldNames.contains(name) || t.oldNames.stream().anyMatch(o -> name.equals("flask_caching.backends." + o))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the type of a name: a type name, an old lowercase name (logging, once per name, a
   * deprecation warning) or a Flask-Caching import string. Names are case-sensitive, as in
   * Flask-Caching.
   *
   * @param name the name
   * @return the type
   * @throws CacheConfigurationException if the name is not known; the message lists the known names
   */
  public static CacheType of(String name) {
    CacheType t = BY_NAME.get(name.trim());
    if (t == null) {
      CacheType nearly = null;
      for (Map.Entry<String, CacheType> e : BY_NAME.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name.trim())) {
          nearly = e.getValue();
        }
      }
      throw new CacheConfigurationException(
          "Unknown cache type '"
              + name
              + "'"
              + (nearly == null ? "" : " (names are case-sensitive: did you mean " + nearly.typeName + "?)")
              + ". Known types: "
              + knownNames()
              + ".");
    }
    if (isOldName(name.trim()) && warned.add(name.trim())) {
      logger.warn(
          "Cache type name '{}' is deprecated (as in Flask-Caching 2.x): use '{}'",
          name.trim(),
          t.typeName);
    }
    return t;
  }

  /**
   * Returns the known names, for messages.
   *
   * @return each type name with its old names in brackets
   */
  public static String knownNames() {
    List<String> parts = new ArrayList<>();
    for (CacheType t : values()) {
      parts.add(t.typeName + " (" + String.join(", ", t.oldNames) + ")");
    }
    return String.join(", ", parts);
  }

  @Override
  public String toString() {
    return typeName;
  }

}
