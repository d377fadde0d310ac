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
  NULL("NullCache", "null"),
  SIMPLE("SimpleCache", "simple"),
  FILE_SYSTEM("FileSystemCache", "filesystem"),
  REDIS("RedisCache", "redis"),
  REDIS_SENTINEL("RedisSentinelCache", "redissentinel"),
  REDIS_CLUSTER("RedisClusterCache", "rediscluster"),
  UWSGI("UWSGICache", "uwsgi"),
  MEMCACHED("MemcachedCache", "memcached", "gaememcached"),
  SASL_MEMCACHED("SASLMemcachedCache", "saslmemcached"),
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

  /** Returns the type's name ({@code FileSystemCache}...). */
  public String typeName() {
    return typeName;
  }

  /** Returns the type's old lowercase names ({@code filesystem}...), deprecated since Flask-Caching 2.0. */
  public List<String> oldNames() {
    return oldNames;
  }

  /** Returns whether a name is one of the old lowercase names of a type. */
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

  /** Returns the known names, for messages: each type name with its old names in brackets. */
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
