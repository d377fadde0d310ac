package dev.engagement.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One client in one namespace (the server side of a client's {@code io(...)} socket).
 *
 * <p>Each socket is in the room named by its {@link #id}, so {@code server.to(socket.id())}
 * reaches it; an application adds it to more rooms with {@link #join}, e.g. the room of a batch
 * that the client started.
 *
 * <p>Thread-safe. Events emitted once the socket is disconnected are dropped.
 *
 * @since 0.1
 */
public interface SocketIoSocket extends Emitter {
  /**
   * Returns the socket id, sent to the client in {@code 40{"sid":...}}: random, 20 characters.
   *
   * @return the id
   */
  String id();

  /**
   * Returns the namespace.
   *
   * @return the namespace, {@code /} for the main one
   */
  String namespace();

  /**
   * Returns what the client sent to join.
   *
   * @return the handshake
   */
  Handshake handshake();

  /**
   * Returns whether the socket is still connected.
   *
   * @return true until the client leaves the namespace or its connection closes
   */
  boolean connected();

  /**
   * Adds the socket to a room (nothing happens once it is disconnected).
   *
   * @param room the room
   */
  void join(String room);

  /**
   * Removes the socket from a room (not from its own id's room).
   *
   * @param room the room
   */
  void leave(String room);

  /**
   * Returns the rooms the socket is in.
   *
   * @return the rooms, its own id's room included; empty once disconnected
   */
  Set<String> rooms();

  /**
   * Sends an event that the client acknowledges ({@code 42<id>[...]}, answered by {@code
   * 43<id>[...]}). The future completes with the client's reply arguments; it fails with an
   * {@link EventDeliveryException} if no reply comes within {@code timeout} (a client with no
   * handler for the event never replies) or the socket disconnects first.
   *
   * @param timeout how long to wait for the reply
   * @param event the event name (as {@link #emit})
   * @param args the event's arguments (as {@link #emit})
   * @return the client's reply
   * @throws IllegalArgumentException as {@link #emit}
   */
  CompletableFuture<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args);

  /**
   * Removes the client from this namespace ({@code 41}). The client reports {@code disconnect}
   * with reason {@code io server disconnect} and does not reconnect by itself.
   */
  void disconnect();

  /** Closes the client's whole connection; the client reconnects by itself. */
  void closeConnection();
}
