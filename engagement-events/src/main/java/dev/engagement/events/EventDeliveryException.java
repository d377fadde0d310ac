package dev.engagement.events;

import dev.engagement.core.EngagementException;

/**
 * Thrown (through a failed future) when an event that needed the client's acknowledgement got
 * none: the client did not reply in time or disconnected.
 *
 * @since 0.1
 */
public class EventDeliveryException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message which event was not acknowledged, and why
   */
  public EventDeliveryException(String message) {
    super(message);
  }
}
