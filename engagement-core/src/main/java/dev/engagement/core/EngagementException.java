package dev.engagement.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this library throws on purpose: catch it to handle any of them.
 * Each message is written for people and names what failed (a file, a setting, a cache type).
 *
 * @since 0.1
 */
public class EngagementException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what failed, for people
   */
  public EngagementException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what failed, for people
   * @param cause the exception underneath, or null
   */
  public EngagementException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
