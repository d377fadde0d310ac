package dev.engagement.events.internal;

/**
 * Thrown when a client breaks the Engine.IO or Socket.IO protocol; the connection is closed.
 *
 * <p>Package-private and checked: it never leaves the module.
 */
final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  ProtocolException(String message) {
    super(message);
  }

  ProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
