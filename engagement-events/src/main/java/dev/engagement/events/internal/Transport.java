package dev.engagement.events.internal;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket under one connection, as {@link EngineConnection} needs it: one asynchronous send
 * at a time, and a close.
 *
 * <p>Sends are started by one writer at a time; {@code done} may run on any thread, even inside
 * the send call.
 */
interface Transport {
  /** Starts sending a text frame; {@code done} gets null on success, else the failure. */
  void sendText(String text, Consumer<@Nullable Throwable> done);

  /** Starts sending a binary frame; {@code done} gets null on success, else the failure. */
  void sendBinary(ByteBuffer data, Consumer<@Nullable Throwable> done);

  /** Closes the WebSocket with a status code and a reason (at most 123 bytes); may block. */
  void close(int code, String reason);
}
