package dev.engagement.cache;

import dev.engagement.core.EngagementException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a cache cannot be made from its configuration: an unknown type name or key, a bad
 * value, a type that cannot work here (UWSGICache), or a type whose optional jar is missing. The
 * message says what to change.
 *
 * @since 0.1
 */
public class CacheConfigurationException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what is wrong and what to change
   */
  public CacheConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what is wrong and what to change
   * @param cause the exception behind it, or null
   */
  public CacheConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
