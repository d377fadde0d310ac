package dev.engagement.core;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this library throws on purpose.
 *
 * @since 0.1
 */
public class EngagementException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public EngagementException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public EngagementException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
