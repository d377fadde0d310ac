package dev.engagement.events;

/**
 * The reply to a client's event, when the client asked for one ({@code 42<id>[...]} is answered
 * with {@code 43<id>[...]}).
 *
 * <p>Thread-safe. A reply is sent at most once: if the handler has not sent it when its {@link
 * SocketIoHandler#onEvent} returns, the server sends an empty one ({@code 43<id>[]}).
 *
 * @since 0.1
 */
public interface Ack {
  /** Returns whether the client asked for a reply. */
  boolean requested();

  /**
   * Sends the reply with these arguments (converted as by {@link Emitter#emit}); does nothing if
   * the client asked for no reply or a reply was sent already.
   */
  void send(Object... args);
}
