package dev.engagement.cache.internal;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything an opener needs, already validated: the common part, then each family's part (null
 * or empty where it does not apply). Immutable.
 *
 * @param typeName the type's name (for messages)
 * @param cacheName the JCache cache name
 * @param managerUri a URI of its own for the cache's manager
 * @param managerProperties the manager's properties (they name the type)
 * @param timeoutSeconds the entries' lifetime, 0 = never expire
 * @param threshold the most entries (SimpleCache, FileSystemCache), 0 = as the type says
 * @param keyPrefix CACHE_KEY_PREFIX
 * @param directory FileSystemCache's folder
 * @param permissions FileSystemCache's file permissions
 * @param hashMethod FileSystemCache's file-name hash
 * @param redisMode single, sentinel or cluster
 * @param addresses the servers ({@code redis://host:port}, {@code rediss://...}, or {@code host:port} for memcached)
 * @param username the user (Redis ACL user, or memcached SASL user)
 * @param password the password (Redis, or memcached SASL)
 * @param database the Redis database
 * @param masterName the sentinels' master name
 * @param sentinelPassword the sentinels' own password
 * @param timeoutMillis the operation time-out, or 0 for the client's default
 * @param connectTimeoutMillis the connect time-out, or 0 for the client's default
 * @param clientName the Redis client name
 * @param poolSize memcached connections per server, or 0 for the default
 * @param spread whether values are split into chunks (SpreadSASLMemcachedCache)
 * @param chunkSize the chunk size of a spread value
 * @param maxChunks the most chunks of a spread value
 * @param retryAttempts Redis: how many times a failed command is retried
 * @param retryIntervalMillis Redis: the wait before a retry
 * @param healthCheckMillis Redis: how often idle connections are checked with a PING, 0 = never
 * @param clock the clock expiry reads (the system's, or a test's)
 */
public record OpenSpec(
    String typeName,
    String cacheName,
    URI managerUri,
    Properties managerProperties,
    long timeoutSeconds,
    int threshold,
    String keyPrefix,
    @Nullable Path directory,
    @Nullable Set<PosixFilePermission> permissions,
    String hashMethod,
    @Nullable String redisMode,
    List<String> addresses,
    @Nullable String username,
    @Nullable String password,
    int database,
    @Nullable String masterName,
    @Nullable String sentinelPassword,
    int timeoutMillis,
    int connectTimeoutMillis,
    @Nullable String clientName,
    int poolSize,
    boolean spread,
    int chunkSize,
    int maxChunks,
    int retryAttempts,
    int retryIntervalMillis,
    int healthCheckMillis,
    java.time.Clock clock) {

  /** The manager property that names the type, read back in messages. */
  public static final String TYPE_PROPERTY = "dev.engagement.cache.type";

  /**
   * Returns the JCache expiry policy factory of the timeout.
   *
   * @return modified-expiry, or eternal for a timeout of 0
   */
  public javax.cache.configuration.Factory<javax.cache.expiry.ExpiryPolicy> expiryPolicy() {
    if (timeoutSeconds == 0) {
      return javax.cache.expiry.EternalExpiryPolicy.factoryOf();
    }
    return javax.cache.expiry.ModifiedExpiryPolicy.factoryOf(
        new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.SECONDS, timeoutSeconds));
  }
}
