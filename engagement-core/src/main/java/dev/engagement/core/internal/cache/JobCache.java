package dev.engagement.core.internal.cache;

import dev.engagement.core.DocumentProcessingException;
import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.spi.ResultCache;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs' side of the result cache: a cache that throws fails the letter (stage cache); an
 * entry that cannot be decoded (damaged: its length or SHA-256 does not match, or of another
 * format) is a miss, with one warning, and is removed from the cache.
 *
 * <p>Thread-safe: stateless.
 */
public final class JobCache {
  private static final Logger logger = LoggerFactory.getLogger(JobCache.class);

  private JobCache() {}

  /** Looks a key up; empty on a miss. */
  public static Optional<CachedResults.Entry> lookup(ResultCache cache, String key, String name) {
    Optional<byte[]> hit;
    try {
      hit = cache.get(key);
    } catch (RuntimeException e) {
      throw failure(name, e);
    }
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CachedResults.decode(hit.get()));
    } catch (IllegalArgumentException e) {
      logger.warn("Ignoring an unreadable result cache entry for {} and removing it: {}", name, e.getMessage());
      try {
        cache.remove(key);
      } catch (RuntimeException removal) {
        logger.debug("Could not remove the unreadable result cache entry for {}", name, removal);
      }
      return Optional.empty();
    }
  }

  /** Stores a value. */
  public static void store(ResultCache cache, String key, byte[] value, String name) {
    try {
      cache.put(key, value);
    } catch (RuntimeException e) {
      throw failure(name, e);
    }
  }

  private static DocumentProcessingException failure(String name, RuntimeException e) {
    return new DocumentProcessingException(
        "Could not use the result cache", name, Stage.CACHE, "the result cache failed: " + e.getMessage(), e);
  }
}
