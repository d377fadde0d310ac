package dev.engagement.cache;

import static java.util.Objects.requireNonNull;

import dev.engagement.cache.internal.BuiltInOpener;
import dev.engagement.cache.internal.CacheOpener;
import dev.engagement.cache.internal.OpenSpec;
import dev.engagement.cache.internal.jcache.SerialFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the original app's cache types as configured JCache caches, always through an explicitly
 * named {@link javax.cache.spi.CachingProvider}:
 *
 * <pre>{@code
 * Cache<String, byte[]> cache = EngagementCaches.open("FileSystemCache", Map.of("CACHE_DIR", "_cache"));
 * ResultCache results = JCacheResultCache.of(cache, false);
 * Rollover rollover = Rollover.builder().resultCache(results).build();
 * ...
 * cache.getCacheManager().close();   // closes the cache and its connections
 * }</pre>
 *
 * <p>Each cache opened here is the only cache of a cache manager of its own; closing the cache
 * releases its connections, closing its manager ({@code cache.getCacheManager().close()}) also
 * forgets the manager. Entries live for {@code CACHE_DEFAULT_TIMEOUT} seconds ({@code 0}: for
 * ever) from their last write.
 *
 * <p>Thread-safe: stateless.
 *
 * @since 0.1
 */
public final class EngagementCaches {
  private static final Logger logger = LoggerFactory.getLogger(EngagementCaches.class);
  private static final Properties VERSIONS = versions();
  /**
   * SpreadSASLMemcachedCache's chunk size: 1 MiB less 1 KiB. cachelib's 1048448 leaves too little
   * room under memcached's 1 MiB item limit for this library's longer keys and chunk header.
   */
  static final int DEFAULT_CHUNK_SIZE = 1024 * 1024 - 1024;
  /** Redis: how long a command waits for its answer by default (Redisson's own default is 3 s). */
  static final double REDIS_TIMEOUT_SECONDS = 2;
  /** Redis: how long connecting may take by default (Redisson's own default is 10 s). */
  static final double REDIS_CONNECT_TIMEOUT_SECONDS = 2;
  /**
   * Redis: how often a failed command is sent again by default (Redisson's own default is 4): a
   * result cache call that fails is a miss, not a reason to wait.
   */
  static final int REDIS_RETRY_ATTEMPTS = 0;
  /** Redis: the wait before a command is sent again (Redisson's own default is 1 to 2 s). */
  static final double REDIS_RETRY_INTERVAL_SECONDS = 0.1;
  /** A class of Redisson, the Redis types' optional dependency. */
  private static final String REDISSON_PROBE = "org.redisson.Redisson";
  /** A class of xmemcached, the memcached types' optional dependency. */
  private static final String XMEMCACHED_PROBE = "net.rubyeye.xmemcached.XMemcachedClientBuilder";

  private EngagementCaches() {}

  /**
   * Opens a cache of a type with Flask-style settings.
   *
   * @param typeName a type name ({@code FileSystemCache}), an old name ({@code filesystem}) or a
   *     Flask-Caching import string
   * @param config the settings ({@code CACHE_DEFAULT_TIMEOUT}, {@code CACHE_DIR}...)
   * @return the cache, the only one of a cache manager of its own
   * @throws CacheConfigurationException if the type or the settings are not valid, the type
   *     cannot work here (UWSGICache) or its optional jar is missing
   * @throws CacheException if the cache's store cannot be reached (a Redis server that is down...)
   */
  public static Cache<String, byte[]> open(String typeName, Map<String, ?> config) {
    return open(CacheSettings.of(typeName, config));
  }

  /**
   * Opens a cache of a type with the settings of its section in a {@code _cache_config.json}.
   *
   * @param typeName a type name, an old name or a Flask-Caching import string
   * @param cacheConfigFile the configuration file (see {@link CacheSettings#load(String, Path)})
   * @return the cache, the only one of a cache manager of its own
   * @throws CacheConfigurationException if the file, the type or its settings are not valid, the
   *     type cannot work here (UWSGICache) or its optional jar is missing
   * @throws CacheException if the cache's store cannot be reached
   */
  public static Cache<String, byte[]> open(String typeName, Path cacheConfigFile) {
    return open(CacheSettings.load(typeName, cacheConfigFile));
  }

  /**
   * Opens a cache of validated settings.
   *
   * @param settings the settings
   * @return the cache, the only one of a cache manager of its own
   * @throws CacheConfigurationException if the type cannot work here (UWSGICache) or its optional
   *     jar is missing
   * @throws CacheException if the cache's store cannot be reached
   */
  public static Cache<String, byte[]> open(CacheSettings settings) {
    return open(settings, Clock.systemUTC());
  }

  /**
   * Returns the types that can be opened here: those whose JCache provider and client library
   * are on the class path. NullCache and FileSystemCache are built in; SimpleCache needs
   * Caffeine's JCache provider (a dependency of this module, unless an application excluded it);
   * the Redis types need Redisson and the memcached types xmemcached (optional dependencies).
   * UWSGICache is never listed: no Java program can reach uWSGI's cache. A type listed here may
   * still fail to open when its server cannot be reached.
   *
   * <pre>{@code
   * List<CacheType> types = EngagementCaches.availableTypes(); // [NULL, SIMPLE, FILE_SYSTEM] without the optional jars
   * }</pre>
   *
   * @return the available types, in the order of {@link CacheType#values()}
   */
  public static List<CacheType> availableTypes() {
    List<CacheType> out = new ArrayList<>();
    ClassLoader loader = EngagementCaches.class.getClassLoader();
    for (CacheType type : CacheType.values()) {
      if (type == CacheType.UWSGI) {
        continue;
      }
      String probe = probeClass(type);
      if (probe == null || present(probe, loader)) {
        out.add(type);
      }
    }
    return List.copyOf(out);
  }

  /** Returns a class of the library a type needs, or null for a type built into this module. */
  private static @Nullable String probeClass(CacheType type) {
    return switch (type) {
      case SIMPLE -> BuiltInOpener.CAFFEINE_PROVIDER;
      case REDIS, REDIS_SENTINEL, REDIS_CLUSTER -> REDISSON_PROBE;
      case MEMCACHED, SASL_MEMCACHED, SPREAD_SASL_MEMCACHED -> XMEMCACHED_PROBE;
      default -> null;
    };
  }

  private static boolean present(String className, ClassLoader loader) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Opens a cache whose expiry reads a given clock (tests: SimpleCache and FileSystemCache). */
  static Cache<String, byte[]> open(CacheSettings settings, Clock clock) {
    requireNonNull(settings, "settings");
    requireNonNull(clock, "clock");
    CacheType type = settings.type();
    OpenSpec spec = spec(settings, clock);
    CacheOpener opener =
        switch (type) {
          case UWSGI -> throw new CacheConfigurationException(
              "UWSGICache cannot be used: it stores entries in uWSGI's own cache, which only code running"
                  + " inside a uWSGI worker can reach, and no Java program can. Use SimpleCache (one"
                  + " process), FileSystemCache (processes sharing a folder) or RedisCache/MemcachedCache"
                  + " (processes sharing a server) instead.");
          case NULL, SIMPLE, FILE_SYSTEM -> new BuiltInOpener();
          case REDIS, REDIS_SENTINEL, REDIS_CLUSTER -> optional(
              type,
              REDISSON_PROBE,
              "org.redisson",
              "redisson",
              "dev.engagement.cache.internal.redis.RedisOpener");
          case MEMCACHED, SASL_MEMCACHED, SPREAD_SASL_MEMCACHED -> optional(
              type,
              XMEMCACHED_PROBE,
              "com.googlecode.xmemcached",
              "xmemcached",
              "dev.engagement.cache.internal.memcached.MemcachedOpener");
        };
    if (type == CacheType.NULL && !Boolean.TRUE.equals(settings.config().get("CACHE_NO_NULL_WARNING"))) {
      logger.warn("NullCache holds nothing: every letter is processed again (set CACHE_NO_NULL_WARNING to hush)");
    }
    Cache<String, byte[]> cache;
    try {
      cache = opener.open(spec);
    } catch (CacheConfigurationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheException(type + " cannot be opened: " + JCacheResultCache.describe(e), e);
    }
    logger.info("Opened {} ({})", type, cache.getCacheManager().getCachingProvider().getClass().getName());
    return cache;
  }

  /**
   * Returns the type name a cache was opened as, for messages.
   *
   * @param cache a cache opened here, or any other
   * @return its type name ({@code RedisCache}...), or the cache's name for a cache opened elsewhere
   */
  public static String typeName(Cache<?, ?> cache) {
    try {
      String t = cache.getCacheManager().getProperties().getProperty(OpenSpec.TYPE_PROPERTY);
      return t != null ? t : cache.getName();
    } catch (RuntimeException e) {
      return cache.getName();
    }
  }

  private static CacheOpener optional(
      CacheType type, String probeClass, String groupId, String artifactId, String openerClass) {
    ClassLoader loader = EngagementCaches.class.getClassLoader();
    try {
      Class.forName(probeClass, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      String version = VERSIONS.getProperty(artifactId, "");
      throw new CacheConfigurationException(
          type
              + " needs the optional dependency "
              + groupId
              + ":"
              + artifactId
              + (version.isEmpty() ? "" : ":" + version)
              + ", which is not on the class path (class "
              + probeClass
              + " not found). Add it: <dependency><groupId>"
              + groupId
              + "</groupId><artifactId>"
              + artifactId
              + "</artifactId>"
              + (version.isEmpty() ? "" : "<version>" + version + "</version>")
              + "</dependency>",
          e);
    }
    try {
      return (CacheOpener) Class.forName(openerClass, true, loader).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new CacheConfigurationException(type + " cannot be loaded: " + e, e);
    }
  }

  private static OpenSpec spec(CacheSettings s, Clock clock) {
    CacheType type = s.type();
    Properties props = new Properties();
    props.setProperty(OpenSpec.TYPE_PROPERTY, type.typeName());
    props.setProperty(JCacheResultCache.FAILURE_THRESHOLD_PROPERTY, Integer.toString(s.failureThreshold()));
    props.setProperty(JCacheResultCache.COOL_DOWN_PROPERTY, Long.toString(s.coolDown().toMillis()));
    String serialFilter = s.serialFilter();
    if (serialFilter != null) {
      props.setProperty(SerialFilter.PROPERTY, serialFilter);
    }
    URI uri;
    try {
      uri = new URI("engagement", type.typeName() + "/" + UUID.randomUUID(), null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    boolean server =
        switch (type) {
          case REDIS, REDIS_SENTINEL, REDIS_CLUSTER, MEMCACHED, SASL_MEMCACHED, SPREAD_SASL_MEMCACHED -> true;
          default -> false;
        };
    String cacheName = server ? s.keyPrefix() + "engagement" : "engagement";
    String redisMode = null;
    List<String> addresses = new ArrayList<>();
    String username = null;
    String password = null;
    int database = 0;
    boolean spread = false;
    switch (type) {
      case REDIS, REDIS_SENTINEL, REDIS_CLUSTER -> {
        username = s.stringOption("username");
        password = s.redisPassword();
        database = s.redisDb();
        String url = s.redisUrl();
        RedisUrl parsed = url == null ? null : RedisUrl.parse(url, type);
        if (type == CacheType.REDIS_SENTINEL) {
          redisMode = "sentinel";
          for (HostPort hp : s.redisSentinels()) {
            addresses.add("redis://" + hp);
          }
        } else if (type == CacheType.REDIS_CLUSTER) {
          redisMode = "cluster";
          for (HostPort hp : s.redisCluster()) {
            addresses.add("redis://" + hp);
          }
          if (parsed != null) {
            addresses.add(parsed.address());
          }
          if (addresses.isEmpty()) {
            throw new CacheConfigurationException(
                "RedisClusterCache needs CACHE_REDIS_CLUSTER: the cluster's nodes as \"host:port,host:port\"");
          }
        } else {
          redisMode = "single";
          addresses.add(parsed != null ? parsed.address() : "redis://" + new HostPort(s.redisHost(), s.redisPort()));
        }
        if (parsed != null) {
          // as in Flask-Caching, the URL replaces host, port and password
          if (parsed.password() != null) {
            password = parsed.password();
          }
          if (parsed.username() != null) {
            username = parsed.username();
          }
          if (parsed.database() != null) {
            database = parsed.database();
          }
        }
      }
      case MEMCACHED, SASL_MEMCACHED, SPREAD_SASL_MEMCACHED -> {
        for (HostPort hp : s.memcachedServers()) {
          addresses.add(hp.toString());
        }
        username = s.memcachedUsername();
        password = s.memcachedPassword();
        spread = type == CacheType.SPREAD_SASL_MEMCACHED;
        if (type == CacheType.SASL_MEMCACHED && (username == null || password == null)) {
          throw new CacheConfigurationException(
              "SASLMemcachedCache needs CACHE_MEMCACHED_USERNAME and CACHE_MEMCACHED_PASSWORD");
        }
        if (spread && (username == null) != (password == null)) {
          throw new CacheConfigurationException(
              "SpreadSASLMemcachedCache needs both CACHE_MEMCACHED_USERNAME and CACHE_MEMCACHED_PASSWORD, or neither");
        }
      }
      default -> {}
    }
    boolean redis = redisMode != null;
    Double opTimeout = server ? s.doubleOption(redis ? "socket_timeout" : "op_timeout") : null;
    Double connectTimeout = server ? s.doubleOption(redis ? "socket_connect_timeout" : "connect_timeout") : null;
    Integer pool = type.typeName().contains("Memcached") ? s.intOption("pool_size") : null;
    Integer chunk = spread ? s.intOption("chunksize") : null;
    Integer maxChunks = spread ? s.intOption("maxchunk") : null;
    Integer retries = redis ? s.countOption("retry_attempts") : null;
    Double retryInterval = redis ? s.doubleOption("retry_interval") : null;
    Double healthCheck = redis ? s.secondsOrZeroOption("health_check_interval") : null;
    if (redis) {
      // short defaults: a result cache that cannot answer at once is a miss, not a wait
      opTimeout = opTimeout == null ? REDIS_TIMEOUT_SECONDS : opTimeout;
      connectTimeout = connectTimeout == null ? REDIS_CONNECT_TIMEOUT_SECONDS : connectTimeout;
    }
    return new OpenSpec(
        type.typeName(),
        cacheName,
        uri,
        props,
        s.defaultTimeout().toSeconds(),
        s.threshold(),
        s.keyPrefix(),
        type == CacheType.FILE_SYSTEM ? s.directory() : null,
        type == CacheType.FILE_SYSTEM ? s.permissions() : null,
        type == CacheType.FILE_SYSTEM ? s.fileHashMethod() : "sha256",
        redisMode,
        List.copyOf(addresses),
        username,
        password,
        database,
        type == CacheType.REDIS_SENTINEL ? s.redisSentinelMaster() : null,
        type == CacheType.REDIS_SENTINEL ? s.redisSentinelPassword() : null,
        millis(opTimeout),
        millis(connectTimeout),
        server ? s.stringOption("client_name") : null,
        pool == null ? 0 : pool,
        spread,
        chunk == null ? DEFAULT_CHUNK_SIZE : chunk,
        maxChunks == null ? 32 : maxChunks,
        retries == null ? REDIS_RETRY_ATTEMPTS : retries,
        millis(retryInterval == null ? REDIS_RETRY_INTERVAL_SECONDS : retryInterval),
        healthCheck == null ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.round(healthCheck * 1000)),
        clock);
  }

  private static int millis(@Nullable Double seconds) {
    return seconds == null ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(seconds * 1000)));
  }

  private static Properties versions() {
    Properties p = new Properties();
    try (InputStream in = EngagementCaches.class.getResourceAsStream("versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.entrySet().removeIf(e -> String.valueOf(e.getValue()).startsWith("${"));
    return p;
  }

  /** A parsed CACHE_REDIS_URL. */
  private record RedisUrl(String address, @Nullable String username, @Nullable String password, @Nullable Integer database) {
    static RedisUrl parse(String url, CacheType type) {
      URI u;
      try {
        u = new URI(url);
      } catch (URISyntaxException e) {
        throw new CacheConfigurationException("CACHE_REDIS_URL is not a URL: " + url, e);
      }
      String scheme = u.getScheme() == null ? "" : u.getScheme();
      if (scheme.equals("unix")) {
        throw new CacheConfigurationException(
            "CACHE_REDIS_URL: unix:// sockets are not supported by Redisson; use redis://host:port");
      }
      if (!scheme.equals("redis") && !scheme.equals("rediss")) {
        throw new CacheConfigurationException(
            "CACHE_REDIS_URL must start with redis:// or rediss:// but was " + url);
      }
      if (u.getHost() == null) {
        throw new CacheConfigurationException("CACHE_REDIS_URL has no host: " + url);
      }
      if (u.getQuery() != null) {
        throw new CacheConfigurationException(
            "CACHE_REDIS_URL: query options (" + u.getQuery() + ") are not supported; use CACHE_OPTIONS");
      }
      int port = u.getPort() < 0 ? 6379 : u.getPort();
      String user = null;
      String pass = null;
      if (u.getUserInfo() != null) {
        String info = u.getUserInfo();
        int colon = info.indexOf(':');
        if (colon < 0) {
          pass = info.isEmpty() ? null : info;
        } else {
          user = colon == 0 ? null : info.substring(0, colon);
          pass = info.substring(colon + 1);
        }
      }
      Integer db = null;
      String path = u.getPath();
      if (path != null && path.length() > 1) {
        try {
          db = Integer.parseInt(path.substring(1));
        } catch (NumberFormatException e) {
          throw new CacheConfigurationException("CACHE_REDIS_URL: the path must be a database number: " + url, e);
        }
        if (type == CacheType.REDIS_CLUSTER && db != 0) {
          throw new CacheConfigurationException("CACHE_REDIS_URL: a Redis Cluster has only database 0");
        }
      }
      return new RedisUrl(scheme + "://" + new HostPort(u.getHost(), port), user, pass, db);
    }

    @Override
    public String toString() {
      return address;
    }
  }
}
