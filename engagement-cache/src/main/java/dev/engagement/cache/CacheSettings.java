package dev.engagement.cache;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated configuration of one cache type, from Flask-Caching's keys ({@code
 * CACHE_DEFAULT_TIMEOUT}, {@code CACHE_DIR}, {@code CACHE_REDIS_URL}...) as the original app's
 * {@code _cache_config.json} holds them. Every key is checked: an unknown key, a key of another
 * type, a value of the wrong kind or an unknown {@code CACHE_OPTIONS} entry is refused with a
 * {@link CacheConfigurationException} naming it.
 *
 * <p>Defaults are Flask-Caching's: timeout 300 s ({@code 0} = never expire), threshold 500, key
 * prefix {@code flask_cache_}, Redis on {@code localhost:6379} db 0, sentinels {@code
 * 127.0.0.1:26379} with master {@code mymaster}, memcached on {@code 127.0.0.1:11211}, and
 * {@code CACHE_IGNORE_ERRORS} false. As in the original app, FileSystemCache's folder defaults
 * to {@code _cache}, relative to the configuration file's folder (or the working folder for a map).
 *
 * <p>{@code CACHE_OPTIONS} entries (numbers of seconds may have fractions):
 *
 * <ul>
 *   <li>every type: {@code default_timeout} (as {@code CACHE_DEFAULT_TIMEOUT}), {@code
 *       failure_threshold} (default 3) and {@code cool_down} (seconds, default 30): after that
 *       many failed calls in a row, {@link JCacheResultCache} skips the cache for the cool-down
 *       (with one warning), then tries it again; {@code cool_down} 0 never skips it;
 *   <li>FileSystemCache: {@code mode} (the files' permissions, default 0600), {@code hash_method}
 *       (as {@code CACHE_FILE_HASH_METHOD});
 *   <li>the Redis types: {@code socket_timeout} (how long a command may wait for its answer,
 *       default 2), {@code socket_connect_timeout} (default 2), {@code retry_attempts} (how often
 *       a failed command is sent again, default 0), {@code retry_interval} (the wait before that,
 *       default 0.1), {@code health_check_interval} (how often idle connections are checked with
 *       a PING, default 0: never, a failing command tells soon enough), {@code client_name},
 *       {@code username} (an ACL user);
 *   <li>the memcached types: {@code op_timeout} (default 2), {@code connect_timeout} (default
 *       2), {@code pool_size} (connections per server, default 1); SpreadSASLMemcachedCache also
 *       {@code chunksize} and {@code maxchunk};
 *   <li>FileSystemCache and the memcached types: {@code serial_filter}, patterns in {@link
 *       java.io.ObjectInputFilter.Config#createFilter} syntax that widen the classes Java
 *       serialisation may read back in other caches of the same cache manager (the caches opened
 *       here hold byte arrays, which are never deserialised).
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CacheSettings {
  private static final Logger logger = LoggerFactory.getLogger(CacheSettings.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Set<CacheType> ALL = EnumSet.allOf(CacheType.class);
  private static final Set<CacheType> REDIS_ALL =
      EnumSet.of(CacheType.REDIS, CacheType.REDIS_SENTINEL, CacheType.REDIS_CLUSTER);
  private static final Set<CacheType> MEMCACHED_ALL =
      EnumSet.of(CacheType.MEMCACHED, CacheType.SASL_MEMCACHED, CacheType.SPREAD_SASL_MEMCACHED);
  private static final Set<CacheType> SASL =
      EnumSet.of(CacheType.SASL_MEMCACHED, CacheType.SPREAD_SASL_MEMCACHED);

  /** The keys this library knows, with the types each applies to. */
  private static final Map<String, Set<CacheType>> KEYS = new LinkedHashMap<>();

  static {
    for (String k :
        List.of(
            "CACHE_TYPE",
            "CACHE_DEFAULT_TIMEOUT",
            "CACHE_IGNORE_ERRORS",
            "CACHE_THRESHOLD",
            "CACHE_KEY_PREFIX",
            "CACHE_OPTIONS",
            "CACHE_ARGS",
            "CACHE_NO_NULL_WARNING",
            "DEBUG")) {
      KEYS.put(k, ALL);
    }
    KEYS.put("CACHE_DIR", EnumSet.of(CacheType.FILE_SYSTEM));
    KEYS.put("CACHE_FILE_HASH_METHOD", EnumSet.of(CacheType.FILE_SYSTEM));
    KEYS.put("CACHE_REDIS_HOST", EnumSet.of(CacheType.REDIS));
    KEYS.put("CACHE_REDIS_PORT", EnumSet.of(CacheType.REDIS));
    KEYS.put("CACHE_REDIS_URL", EnumSet.of(CacheType.REDIS, CacheType.REDIS_CLUSTER));
    KEYS.put("CACHE_REDIS_PASSWORD", REDIS_ALL);
    KEYS.put("CACHE_REDIS_DB", EnumSet.of(CacheType.REDIS, CacheType.REDIS_SENTINEL));
    KEYS.put("CACHE_REDIS_SENTINELS", EnumSet.of(CacheType.REDIS_SENTINEL));
    KEYS.put("CACHE_REDIS_SENTINEL_MASTER", EnumSet.of(CacheType.REDIS_SENTINEL));
    KEYS.put("CACHE_REDIS_SENTINEL_PASSWORD", EnumSet.of(CacheType.REDIS_SENTINEL));
    KEYS.put("CACHE_REDIS_CLUSTER", EnumSet.of(CacheType.REDIS_CLUSTER));
    KEYS.put("CACHE_MEMCACHED_SERVERS", MEMCACHED_ALL);
    KEYS.put("CACHE_MEMCACHED_USERNAME", SASL);
    KEYS.put("CACHE_MEMCACHED_PASSWORD", SASL);
    KEYS.put("CACHE_UWSGI_NAME", EnumSet.of(CacheType.UWSGI));
  }

  /** Flask-Caching keys of its decorator layer: they configure nothing here. */
  private static final Set<String> DECORATOR_KEYS =
      Set.of("CACHE_SOURCE_CHECK", "CACHE_HASH_METHOD", "CACHE_SERIALIZER", "CACHE_ENABLE_SIGNALS");

  /** The CACHE_OPTIONS entries each type takes. */
  private static Set<String> optionsOf(CacheType t) {
    Set<String> common = Set.of("default_timeout", "failure_threshold", "cool_down");
    Set<String> own =
        switch (t) {
          case FILE_SYSTEM -> Set.of("mode", "hash_method", "serial_filter");
          case REDIS, REDIS_SENTINEL, REDIS_CLUSTER -> Set.of(
              "socket_timeout",
              "socket_connect_timeout",
              "retry_attempts",
              "retry_interval",
              "health_check_interval",
              "client_name",
              "username");
          case MEMCACHED, SASL_MEMCACHED -> Set.of("op_timeout", "connect_timeout", "pool_size", "serial_filter");
          case SPREAD_SASL_MEMCACHED -> Set.of(
              "op_timeout", "connect_timeout", "pool_size", "chunksize", "maxchunk", "serial_filter");
          default -> Set.of();
        };
    Set<String> all = new HashSet<>(common);
    all.addAll(own);
    return all;
  }

  private final CacheType type;
  private final Map<String, Object> config;
  private final Map<String, Object> options;
  private final @Nullable Path base;
  private final Duration defaultTimeout;

  private CacheSettings(CacheType type, Map<String, Object> config, @Nullable Path base) {
    this.type = type;
    this.config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    this.base = base;
    validateKeys();
    this.options = readOptions();
    this.defaultTimeout = readDefaultTimeout();
    // read every typed value once, so that a bad one fails here and not when the cache opens
    ignoreErrors();
    threshold();
    keyPrefix();
    failureThreshold();
    coolDown();
    serialFilter();
    if (type == CacheType.FILE_SYSTEM) {
      directory();
      permissions();
      fileHashMethod();
    }
    if (REDIS_ALL.contains(type)) {
      redisUrl();
      redisHost();
      redisPort();
      redisDb();
      redisPassword();
      redisSentinels();
      redisSentinelMaster();
      redisSentinelPassword();
      redisCluster();
      doubleOption("socket_timeout");
      doubleOption("socket_connect_timeout");
      countOption("retry_attempts");
      doubleOption("retry_interval");
      secondsOrZeroOption("health_check_interval");
      stringOption("client_name");
      stringOption("username");
    }
    if (MEMCACHED_ALL.contains(type)) {
      memcachedServers();
      memcachedUsername();
      memcachedPassword();
      doubleOption("op_timeout");
      doubleOption("connect_timeout");
      intOption("pool_size");
      intOption("chunksize");
      intOption("maxchunk");
    }
  }

  /**
   * Returns the settings of a type from Flask-style keys.
   *
   * @param typeName a type name, old name or Flask-Caching import string
   * @param config the keys ({@code CACHE_DEFAULT_TIMEOUT}...): strings, numbers, booleans, lists
   *     and maps, as JSON gives them; a relative {@code CACHE_DIR} is taken from the working folder
   * @return the validated settings
   * @throws CacheConfigurationException if the type or a key is not valid
   */
  public static CacheSettings of(String typeName, Map<String, ?> config) {
    requireNonNull(typeName, "typeName");
    requireNonNull(config, "config");
    return new CacheSettings(CacheType.of(typeName), copy(config), null);
  }

  /**
   * Returns the settings of a type with Flask-Caching's defaults.
   *
   * @param typeName a type name, old name or Flask-Caching import string
   * @return the default settings of the type
   * @throws CacheConfigurationException if the type is not known
   */
  public static CacheSettings ofDefaults(String typeName) {
    return of(typeName, Map.of());
  }

  /**
   * Returns the settings of a type from a file of the original app's {@code _cache_config.json}
   * shape: {@code {"<CacheType>": {"CACHE_DEFAULT_TIMEOUT": 300, ...}, ...}}. The section of the
   * type is the one named by any of its names; without one, the defaults apply (as in the original
   * app). A relative {@code CACHE_DIR} is taken from the file's folder.
   *
   * @param typeName a type name, old name or Flask-Caching import string
   * @param file the configuration file
   * @return the validated settings of the type's section
   * @throws CacheConfigurationException if the file cannot be read, is not of that shape, names
   *     an unknown type, has two sections for the type, or the section is not valid
   */
  public static CacheSettings load(String typeName, Path file) {
    requireNonNull(typeName, "typeName");
    requireNonNull(file, "file");
    CacheType type = CacheType.of(typeName);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new CacheConfigurationException("The cache configuration " + file + " does not exist", e);
    } catch (JsonProcessingException e) {
      throw new CacheConfigurationException(
          "The cache configuration " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CacheConfigurationException("The cache configuration " + file + " cannot be read: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new CacheConfigurationException(
          "The cache configuration " + file + " must be a JSON object of {\"<CacheType>\": {settings}}");
    }
    Map<String, Object> section = null;
    String sectionName = null;
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      CacheType t;
      try {
        t = CacheType.of(e.getKey());
      } catch (CacheConfigurationException ex) {
        throw new CacheConfigurationException("In " + file + ": " + ex.getMessage(), ex);
      }
      if (!e.getValue().isObject()) {
        throw new CacheConfigurationException(
            "In " + file + ": the section " + e.getKey() + " must be a JSON object of settings");
      }
      if (t == type) {
        if (section != null) {
          throw new CacheConfigurationException(
              "In " + file + ": two sections for " + type + " (" + sectionName + " and " + e.getKey() + ")");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = MAPPER.convertValue(e.getValue(), Map.class);
        section = m;
        sectionName = e.getKey();
      }
    }
    if (section == null) {
      logger.info("{} has no section for {}: Flask-Caching's defaults apply", file, type);
      section = Map.of();
    }
    Path folder = file.toAbsolutePath().getParent();
    try {
      return new CacheSettings(type, section, folder);
    } catch (CacheConfigurationException e) {
      throw new CacheConfigurationException("In " + file + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> copy(Map<String, ?> config) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : config.entrySet()) {
      m.put(requireNonNull(e.getKey(), "a key"), e.getValue());
    }
    return m;
  }

  private void validateKeys() {
    for (Map.Entry<String, Object> e : config.entrySet()) {
      String key = e.getKey();
      Set<CacheType> types = KEYS.get(key);
      if (types == null) {
        if (DECORATOR_KEYS.contains(key)) {
          throw new CacheConfigurationException(
              key + " configures Flask-Caching's decorators and means nothing to " + type + ": remove it");
        }
        throw new CacheConfigurationException(
            "Unknown cache setting " + key + " for " + type + ". Known settings: " + String.join(", ", KEYS.keySet()));
      }
      if (!types.contains(type)) {
        List<String> owners = new ArrayList<>();
        types.forEach(t -> owners.add(t.typeName()));
        throw new CacheConfigurationException(
            key + " is a setting of " + String.join(", ", owners) + ", not of " + type + ": remove it");
      }
    }
    Object named = config.get("CACHE_TYPE");
    if (named != null) {
      if (!(named instanceof String s)) {
        throw bad("CACHE_TYPE", named, "a type name");
      }
      CacheType t = CacheType.of(s);
      if (t != type) {
        throw new CacheConfigurationException(
            "CACHE_TYPE in the settings says " + s + " but " + type + " was asked for");
      }
    }
    Object args = config.get("CACHE_ARGS");
    if (args != null && !(args instanceof List<?> l && l.isEmpty())) {
      throw new CacheConfigurationException(
          "CACHE_ARGS (positional arguments of a Python class) has no meaning here; it must be empty or"
              + " absent but was "
              + args);
    }
  }

  private Map<String, Object> readOptions() {
    Object o = config.get("CACHE_OPTIONS");
    if (o == null) {
      return Map.of();
    }
    if (!(o instanceof Map<?, ?> m)) {
      throw bad("CACHE_OPTIONS", o, "an object of options");
    }
    Set<String> allowed = optionsOf(type);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (!allowed.contains(k)) {
        throw new CacheConfigurationException(
            "Unknown CACHE_OPTIONS entry '" + k + "' for " + type + ". Known: " + String.join(", ", sorted(allowed)));
      }
      if (e.getValue() != null) {
        out.put(k, e.getValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static List<String> sorted(Set<String> s) {
    List<String> l = new ArrayList<>(s);
    Collections.sort(l);
    return l;
  }

  private Duration readDefaultTimeout() {
    Object o = options.containsKey("default_timeout") ? options.get("default_timeout") : config.get("CACHE_DEFAULT_TIMEOUT");
    String key = options.containsKey("default_timeout") ? "CACHE_OPTIONS.default_timeout" : "CACHE_DEFAULT_TIMEOUT";
    if (o == null) {
      return Duration.ofSeconds(300);
    }
    long seconds = integral(key, o);
    if (seconds < 0) {
      throw new CacheConfigurationException(
          key + " must be 0 (never expire) or a number of seconds but was " + o);
    }
    return Duration.ofSeconds(seconds);
  }

  private static long integral(String key, Object o) {
    if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
      return ((Number) o).longValue();
    }
    if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && !Double.isInfinite(n.doubleValue())) {
      return n.longValue();
    }
    throw bad(key, o, "a whole number");
  }

  private static CacheConfigurationException bad(String key, @Nullable Object value, String what) {
    String shown = value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    return new CacheConfigurationException(key + " must be " + what + " but was " + shown);
  }

  private @Nullable String string(String key) {
    Object o = config.get(key);
    if (o == null) {
      return null;
    }
    if (!(o instanceof String s)) {
      throw bad(key, o, "a string");
    }
    return s;
  }

  private @Nullable Integer integer(String key) {
    Object o = config.get(key);
    if (o == null) {
      return null;
    }
    long v = integral(key, o);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw bad(key, o, "a whole number that fits 32 bits");
    }
    return (int) v;
  }

  // ---------------------------------------------------------------- public view

  /**
   * Returns the type.
   *
   * @return the type
   */
  public CacheType type() {
    return type;
  }

  /**
   * Returns the keys as given.
   *
   * @return the keys and their values (unmodifiable)
   */
  public Map<String, Object> config() {
    return config;
  }

  /**
   * Returns how long a stored entry lives ({@code CACHE_DEFAULT_TIMEOUT}, or {@code
   * CACHE_OPTIONS.default_timeout}); {@link Duration#ZERO} means it never expires.
   *
   * @return the entries' lifetime from their last write
   */
  public Duration defaultTimeout() {
    return defaultTimeout;
  }

  /**
   * Returns {@code CACHE_IGNORE_ERRORS}: true makes a failing cache a miss (with one warning);
   * false (the default) fails the letter with the cache's message. A damaged or unreadable
   * entry is a miss either way.
   *
   * @return whether a failing cache is a miss
   */
  public boolean ignoreErrors() {
    Object o = config.get("CACHE_IGNORE_ERRORS");
    if (o == null) {
      return false;
    }
    if (!(o instanceof Boolean b)) {
      throw bad("CACHE_IGNORE_ERRORS", o, "true or false");
    }
    return b;
  }

  /**
   * Returns {@code CACHE_THRESHOLD} (500 by default), the most entries SimpleCache and
   * FileSystemCache hold. SimpleCache takes 0 as 500 and FileSystemCache as unlimited, as cachelib
   * does; other types have no such bound (the server's memory limit applies).
   *
   * @return the threshold, 0 or more
   */
  public int threshold() {
    Integer t = integer("CACHE_THRESHOLD");
    if (t == null) {
      return 500;
    }
    if (t < 0) {
      throw bad("CACHE_THRESHOLD", t, "0 or more");
    }
    return t;
  }

  /**
   * Returns {@code CACHE_KEY_PREFIX} ({@code flask_cache_} by default), which keeps the entries of
   * caches sharing a Redis or memcached server apart. SimpleCache and FileSystemCache ignore it,
   * as in Flask-Caching: a SimpleCache is private to its JVM, a FileSystemCache to its folder.
   *
   * @return the key prefix
   */
  public String keyPrefix() {
    String p = string("CACHE_KEY_PREFIX");
    return p == null ? "flask_cache_" : p;
  }

  /**
   * Returns after how many failed calls in a row the cache is skipped for a while ({@code
   * CACHE_OPTIONS.failure_threshold}, default 3).
   *
   * @return 1 or more
   */
  public int failureThreshold() {
    Integer n = intOption("failure_threshold");
    return n == null ? 3 : n;
  }

  /**
   * Returns how long a failing cache is skipped ({@code CACHE_OPTIONS.cool_down}, default 30
   * seconds); {@link Duration#ZERO} means it is never skipped.
   *
   * @return the cool-down, zero or more
   */
  public Duration coolDown() {
    Double d = secondsOrZeroOption("cool_down");
    return d == null ? Duration.ofSeconds(30) : Duration.ofMillis(Math.round(d * 1000));
  }

  /**
   * Returns FileSystemCache's folder ({@code CACHE_DIR}, default {@code _cache}).
   *
   * @return the folder, absolute
   */
  public Path directory() {
    String d = string("CACHE_DIR");
    if (d != null && d.isBlank()) {
      throw bad("CACHE_DIR", d, "a folder");
    }
    Path p = Path.of(d == null ? "_cache" : d);
    if (!p.isAbsolute() && base != null) {
      p = base.resolve(p);
    }
    return p.toAbsolutePath().normalize();
  }

  // ---------------------------------------------------------------- package-private: the providers' settings

  Map<String, Object> options() {
    return options;
  }

  /**
   * FileSystemCache's file permissions from {@code CACHE_OPTIONS.mode}, or null (0600, as
   * cachelib). JSON has no octal numbers, so the digits of a number are read as chmod's octal
   * digits ({@code 644} is {@code rw-r--r--}); a string may be {@code "0644"} or {@code "rw-r--r--"}.
   */
  @Nullable Set<PosixFilePermission> permissions() {
    Object o = options.get("mode");
    if (o == null) {
      return PosixFilePermissions.fromString("rw-------");
    }
    String digits;
    if (o instanceof String s && s.length() == 9 && s.matches("[r-][w-][x-][r-][w-][x-][r-][w-][x-]")) {
      return PosixFilePermissions.fromString(s);
    } else if (o instanceof String s) {
      digits = s.startsWith("0o") ? s.substring(2) : s;
    } else {
      digits = Long.toString(integral("CACHE_OPTIONS.mode", o));
    }
    if (!digits.matches("0?[0-7]{1,3}")) {
      throw bad("CACHE_OPTIONS.mode", o, "a file mode in chmod's octal digits (like 644 or \"0600\")");
    }
    int mode = Integer.parseInt(digits, 8);
    StringBuilder sb = new StringBuilder();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      sb.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(sb.toString());
  }

  String fileHashMethod() {
    String m = string("CACHE_FILE_HASH_METHOD");
    Object option = options.get("hash_method");
    if (m == null && option != null) {
      if (!(option instanceof String s)) {
        throw bad("CACHE_OPTIONS.hash_method", option, "a hash name");
      }
      m = s;
    }
    String method = m == null ? "sha256" : m.startsWith("hashlib.") ? m.substring(8) : m;
    if (!Set.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512").contains(method)) {
      throw bad("CACHE_FILE_HASH_METHOD", m, "one of md5, sha1, sha224, sha256, sha384, sha512");
    }
    return method;
  }

  @Nullable String redisUrl() {
    return string("CACHE_REDIS_URL");
  }

  String redisHost() {
    String h = string("CACHE_REDIS_HOST");
    return h == null ? "localhost" : h;
  }

  int redisPort() {
    Integer p = integer("CACHE_REDIS_PORT");
    if (p != null && (p < 1 || p > 65535)) {
      throw bad("CACHE_REDIS_PORT", p, "a port from 1 to 65535");
    }
    return p == null ? 6379 : p;
  }

  int redisDb() {
    Integer d = integer("CACHE_REDIS_DB");
    if (d != null && d < 0) {
      throw bad("CACHE_REDIS_DB", d, "0 or more");
    }
    return d == null ? 0 : d;
  }

  @Nullable String redisPassword() {
    return string("CACHE_REDIS_PASSWORD");
  }

  List<HostPort> redisSentinels() {
    Object o = config.get("CACHE_REDIS_SENTINELS");
    if (o == null) {
      return List.of(new HostPort("127.0.0.1", 26379));
    }
    return hostPorts("CACHE_REDIS_SENTINELS", o, 26379);
  }

  String redisSentinelMaster() {
    String m = string("CACHE_REDIS_SENTINEL_MASTER");
    return m == null ? "mymaster" : m;
  }

  @Nullable String redisSentinelPassword() {
    return string("CACHE_REDIS_SENTINEL_PASSWORD");
  }

  List<HostPort> redisCluster() {
    Object o = config.get("CACHE_REDIS_CLUSTER");
    if (o == null || o instanceof String s && s.isBlank()) {
      return List.of();
    }
    return hostPorts("CACHE_REDIS_CLUSTER", o, 6379);
  }

  List<HostPort> memcachedServers() {
    Object o = config.get("CACHE_MEMCACHED_SERVERS");
    if (o == null) {
      return List.of(new HostPort("127.0.0.1", 11211));
    }
    return hostPorts("CACHE_MEMCACHED_SERVERS", o, 11211);
  }

  @Nullable String memcachedUsername() {
    return string("CACHE_MEMCACHED_USERNAME");
  }

  @Nullable String memcachedPassword() {
    return string("CACHE_MEMCACHED_PASSWORD");
  }

  @Nullable Double doubleOption(String name) {
    Object o = options.get(name);
    if (o == null) {
      return null;
    }
    if (!(o instanceof Number n) || !(n.doubleValue() > 0) || Double.isInfinite(n.doubleValue())) {
      throw bad("CACHE_OPTIONS." + name, o, "a number of seconds above 0");
    }
    return n.doubleValue();
  }

  /** A number of seconds that may be 0, or null. */
  @Nullable Double secondsOrZeroOption(String name) {
    Object o = options.get(name);
    if (o == null) {
      return null;
    }
    if (!(o instanceof Number n) || n.doubleValue() < 0 || Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
      throw bad("CACHE_OPTIONS." + name, o, "a number of seconds, 0 or more");
    }
    return n.doubleValue();
  }

  /** A whole number that may be 0, or null. */
  @Nullable Integer countOption(String name) {
    Object o = options.get(name);
    if (o == null) {
      return null;
    }
    long v = integral("CACHE_OPTIONS." + name, o);
    if (v < 0 || v > 1000) {
      throw bad("CACHE_OPTIONS." + name, o, "a whole number from 0 to 1000");
    }
    return (int) v;
  }

  /** The serialisation filter patterns ({@code CACHE_OPTIONS.serial_filter}), checked, or null. */
  @Nullable String serialFilter() {
    String f = stringOption("serial_filter");
    if (f != null) {
      try {
        ObjectInputFilter.Config.createFilter(f);
      } catch (IllegalArgumentException e) {
        throw new CacheConfigurationException(
            "CACHE_OPTIONS.serial_filter is not a valid filter (java.io.ObjectInputFilter syntax): \"" + f + "\": "
                + e.getMessage(),
            e);
      }
    }
    return f;
  }

  @Nullable Integer intOption(String name) {
    Object o = options.get(name);
    if (o == null) {
      return null;
    }
    long v = integral("CACHE_OPTIONS." + name, o);
    if (v < 1 || v > Integer.MAX_VALUE) {
      throw bad("CACHE_OPTIONS." + name, o, "a whole number above 0");
    }
    return (int) v;
  }

  @Nullable String stringOption(String name) {
    Object o = options.get(name);
    if (o == null) {
      return null;
    }
    if (!(o instanceof String s)) {
      throw bad("CACHE_OPTIONS." + name, o, "a string");
    }
    return s;
  }

  /** Reads {@code "h:p,h:p"}, {@code ["h:p", ...]} or {@code [["h", p], ...]}. */
  private static List<HostPort> hostPorts(String key, Object o, int defaultPort) {
    List<Object> items = new ArrayList<>();
    if (o instanceof String s) {
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          items.add(part.trim());
        }
      }
    } else if (o instanceof List<?> l) {
      items.addAll(l);
    } else {
      throw bad(key, o, "a list of \"host:port\"");
    }
    if (items.isEmpty()) {
      throw bad(key, o, "a non-empty list of \"host:port\"");
    }
    List<HostPort> out = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof String s) {
        out.add(HostPort.parse(key, s, defaultPort));
      } else if (item instanceof List<?> pair
          && pair.size() == 2
          && pair.get(0) instanceof String h
          && pair.get(1) instanceof Number p) {
        out.add(HostPort.parse(key, h + ":" + p.intValue(), defaultPort));
      } else {
        throw bad(key, o, "a list of \"host:port\" or [host, port]");
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>(config);
    shown.replaceAll((k, v) -> k.contains("PASSWORD") && v != null ? "***" : v);
    return "CacheSettings[" + type + " " + shown + "]";
  }
}
