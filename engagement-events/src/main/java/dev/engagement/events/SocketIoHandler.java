package dev.engagement.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * What an application does with the clients of a namespace: who may join, what happens when one
 * joins, sends an event or leaves.
 *
 * <p>Calls for one connection come one at a time, on a thread of the WebSocket container (the
 * one reading that client's messages, a timer's when the connection times out, or the one that
 * closes the server or disconnects the socket). They must be
 * fast and must not block; a {@link RuntimeException} from a handler is logged at WARN and the
 * connection goes on. Every method has a default: allow everyone, do nothing, and leave every
 * event to the server's own handling.
 *
 * <p>One handler serves every client of its namespace, so calls for different connections can
 * come at the same time on different threads: implementations must be thread-safe.
 *
 * <p>The server's own handling of an event that {@link #onEvent} does not take: {@code log}
 * ({@code {"level": "info", "message": "..."}}, as the original page sends it) is written to
 * SLF4J at that level under the logger {@code dev.engagement.events.ClientLog}, on one line
 * (line breaks escaped, control and bidi characters removed, at most 4,000 characters), at most
 * {@link SocketIoConfig#clientLogsPerSecond()} per connection (what is dropped is counted in a
 * line of its own); any other event is logged at DEBUG and ignored. Either way, a requested ack
 * is answered.
 *
 * @since 0.1
 */
public interface SocketIoHandler {
  /** A handler that allows every client and leaves every event to the server. */
  SocketIoHandler NONE = new SocketIoHandler() {};

  /**
   * Decides whether a client may join; return a refusal to send it a {@code 44} packet.
   *
   * @param handshake what the client sent
   * @return empty to let it join
   */
  default Optional<ConnectRefusal> authorize(Handshake handshake) {
    return Optional.empty();
  }

  /**
   * A client has joined: its {@code 40{"sid":...}} is on its way, and events emitted now follow
   * it.
   *
   * @param socket the client
   */
  default void onConnect(SocketIoSocket socket) {}

  /**
   * A client sent an event.
   *
   * @param socket the client
   * @param event the event name
   * @param args the event's arguments (binary attachments as {@link
   *     com.fasterxml.jackson.databind.node.BinaryNode}s)
   * @param ack the reply, if the client asked for one
   * @return true if the handler took the event; false to leave it to the server's own handling
   */
  default boolean onEvent(SocketIoSocket socket, String event, List<JsonNode> args, Ack ack) {
    return false;
  }

  /**
   * A client has left or was dropped. Called once per socket, and only after {@link #onConnect}
   * has returned for it, even when the client leaves or the server closes while {@code
   * onConnect} runs.
   *
   * @param socket the client
   * @param reason as the reference server says it: {@code client namespace disconnect}, {@code
   *     server namespace disconnect}, {@code transport close}, {@code ping timeout}, {@code parse
   *     error}, {@code transport error}, {@code server shutting down}, {@code slow client}
   */
  default void onDisconnect(SocketIoSocket socket, String reason) {}
}
