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
  /**
   * Returns whether the client asked for a reply.
   *
   * @return true if the client's event carried an ack id
   */
  boolean requested();

  /**
   * Sends the reply with these arguments; does nothing if the client asked for no reply or a
   * reply was sent already.
   *
   * @param args the reply's arguments, converted as by {@link Emitter#emit}
   * @throws IllegalArgumentException if an argument cannot be written as JSON
   */
  void send(Object... args);
}
