package dev.engagement.events;

/**
 * Sends Socket.IO events to one client or to many.
 *
 * <p>Each argument becomes one element of the event's JSON array: a Jackson {@link
 * com.fasterxml.jackson.databind.JsonNode} as it is, a {@code byte[]} or {@link
 * java.nio.ByteBuffer} as a binary attachment, anything else as Jackson writes it (a {@code Map}
 * keeps its iteration order). {@code emit("message", Map.of("type", "progress"))} sends {@code
 * 42["message",{"type":"progress"}]}.
 *
 * <p>Thread-safe. {@link #emit} never blocks: it puts the frames on each client's outbound queue
 * and returns; a client whose queue is full is dropped. Events sent to one client arrive in the
 * order they were emitted.
 *
 * @since 0.1
 */
public interface Emitter {
  /**
   * Sends an event.
   *
   * @param event the event name; not one of the names Socket.IO reserves ({@code connect},
   *     {@code disconnect}...)
   * @param args the event's arguments
   * @throws IllegalArgumentException if the name is reserved or empty, or an argument cannot be
   *     written as JSON
   */
  void emit(String event, Object... args);
}
