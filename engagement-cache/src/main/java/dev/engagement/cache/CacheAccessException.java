package dev.engagement.cache;

import dev.engagement.core.EngagementException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link JCacheResultCache} when its cache fails and errors are not ignored; the
 * message names the cache type and the cause.
 *
 * @since 0.1
 */
public class CacheAccessException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what failed, naming the cache type
   * @param cause the cache's exception, or null
   */
  public CacheAccessException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
