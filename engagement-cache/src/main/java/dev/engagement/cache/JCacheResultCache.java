package dev.engagement.cache;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.spi.ResultCache;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link ResultCache} over a JCache cache: {@code get}, {@code put} and {@code remove}
 * of the core's keys and encoded results (the core checks each value's length and SHA-256 and
 * removes one that does not check out). When the cache fails (a server down, a value too large for it):
 *
 * <ul>
 *   <li>with {@code ignoreErrors} ({@code CACHE_IGNORE_ERRORS: true}), a failed read is a miss and
 *       a failed write is dropped: the first failure is logged as a warning, later ones at debug;
 *   <li>without, a {@link CacheAccessException} naming the cache type and the cause is thrown, and
 *       the core fails that letter ({@code stage=cache}).
 * </ul>
 *
 * <p>Thread-safe if the cache is (every JCache cache is). It does not close the cache.
 *
 * @since 0.1
 */
public final class JCacheResultCache implements ResultCache {
  private static final Logger logger = LoggerFactory.getLogger(JCacheResultCache.class);

  private final Cache<String, byte[]> cache;
  private final boolean ignoreErrors;
  private final String typeName;
  private final AtomicBoolean warned = new AtomicBoolean();

  private JCacheResultCache(Cache<String, byte[]> cache, boolean ignoreErrors) {
    this.cache = cache;
    this.ignoreErrors = ignoreErrors;
    this.typeName = EngagementCaches.typeName(cache);
  }

  /**
   * Returns a result cache over a JCache cache.
   *
   * @param cache the cache (one from {@link EngagementCaches}, or any other)
   * @param ignoreErrors whether a failing cache is a miss ({@code CACHE_IGNORE_ERRORS})
   */
  public static JCacheResultCache of(Cache<String, byte[]> cache, boolean ignoreErrors) {
    return new JCacheResultCache(requireNonNull(cache, "cache"), ignoreErrors);
  }

  /** Returns the cache. */
  public Cache<String, byte[]> cache() {
    return cache;
  }

  /** Returns whether a failing cache is a miss. */
  public boolean ignoreErrors() {
    return ignoreErrors;
  }

  @Override
  public Optional<byte[]> get(String key) {
    try {
      return Optional.ofNullable(cache.get(key));
    } catch (RuntimeException e) {
      failed("read", e);
      return Optional.empty();
    }
  }

  @Override
  public void put(String key, byte[] value) {
    try {
      cache.put(key, value);
    } catch (RuntimeException e) {
      failed("write", e);
    }
  }

  @Override
  public void remove(String key) {
    try {
      cache.remove(key);
    } catch (RuntimeException e) {
      failed("remove", e);
    }
  }

  private void failed(String what, RuntimeException e) {
    String message = typeName + " could not " + what + " an entry: " + describe(e);
    if (!ignoreErrors) {
      throw new CacheAccessException(message, e);
    }
    if (warned.compareAndSet(false, true)) {
      logger.warn(
          "{}; letters are processed without the cache while it fails (CACHE_IGNORE_ERRORS is true; further"
              + " failures are logged at debug level)",
          message);
    } else {
      logger.debug("{}", message, e);
    }
  }

  /** The message of an exception and of its root cause, if that says more. */
  static String describe(Throwable e) {
    String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !top.contains(root.getMessage())) {
      return top + " (" + root.getMessage() + ")";
    }
    return top;
  }

  @Override
  public String toString() {
    return "JCacheResultCache[" + typeName + (ignoreErrors ? ", ignoring errors" : "") + "]";
  }
}
