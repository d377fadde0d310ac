package dev.engagement.events;

import dev.engagement.core.EngagementException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a cross-instance broadcast cannot be set up: its optional jar is missing, its URL is
 * not one it takes, or its server cannot be reached at start.
 *
 * @since 0.1
 */
public class BroadcastConfigurationException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what cannot be set up, and why
   */
  public BroadcastConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what cannot be set up, and why
   * @param cause the failure underneath, or null
   */
  public BroadcastConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
