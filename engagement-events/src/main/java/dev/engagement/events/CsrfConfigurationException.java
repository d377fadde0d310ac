package dev.engagement.events;

import dev.engagement.core.EngagementException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at start when CSRF tokens cannot be made safely: the {@code SECRET_KEY} is missing or
 * too short, or the {@code .env} file cannot be read.
 *
 * @since 0.1
 */
public class CsrfConfigurationException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what is wrong with the configuration
   */
  public CsrfConfigurationException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and its cause.
   *
   * @param message what is wrong with the configuration
   * @param cause the failure underneath, or null
   */
  public CsrfConfigurationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
