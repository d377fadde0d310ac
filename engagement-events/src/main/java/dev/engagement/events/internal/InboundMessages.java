package dev.engagement.events.internal;

import jakarta.websocket.MessageHandler;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Puts a client's messages together from the parts the container delivers, up to {@code
 * maxPayload} bytes, and hands each whole message to the connection.
 *
 * <p>Partial handlers keep the container's own message buffers small: asked for whole messages of
 * up to {@code maxPayload}, some containers (Tomcat) give every connection a buffer that large up
 * front, 2 MB of heap per client for the default 1,000,000 bytes. Here a message takes memory
 * only while it arrives, as large as it is.
 *
 * <p>Not thread-safe: the container delivers one connection's messages one part at a time.
 */
final class InboundMessages {
  private final EngineConnection connection;
  private final long maxPayload;

  private @Nullable StringBuilder text;
  private long textBytes;
  private boolean discardingText;

  private @Nullable ByteArrayOutputStream binary;
  private boolean discardingBinary;

  InboundMessages(EngineConnection connection, int maxPayload) {
    this.connection = connection;
    this.maxPayload = maxPayload;
  }

  /** The handler of text parts. */
  MessageHandler.Partial<String> textHandler() {
    return this::onText;
  }

  /** The handler of binary parts. */
  MessageHandler.Partial<ByteBuffer> binaryHandler() {
    return this::onBinary;
  }

  private void onText(String part, boolean last) {
    if (discardingText) {
      discardingText = !last;
      return;
    }
    textBytes += utf8Length(part);
    if (textBytes > maxPayload) {
      text = null;
      textBytes = 0;
      discardingText = !last;
      connection.tooBig();
      return;
    }
    StringBuilder sb = text;
    if (sb == null && last) {
      textBytes = 0;
      connection.onText(part); // the whole message came in one part
      return;
    }
    if (sb == null) {
      sb = new StringBuilder(Math.max(16, part.length() * 2));
      text = sb;
    }
    sb.append(part);
    if (last) {
      text = null;
      textBytes = 0;
      connection.onText(sb.toString());
    }
  }

  private void onBinary(ByteBuffer part, boolean last) {
    if (discardingBinary) {
      discardingBinary = !last;
      return;
    }
    ByteArrayOutputStream out = binary;
    long size = (out == null ? 0 : out.size()) + (long) part.remaining();
    if (size > maxPayload) {
      binary = null;
      discardingBinary = !last;
      connection.tooBig();
      return;
    }
    if (out == null && last) {
      connection.onBinary(part);
      return;
    }
    if (out == null) {
      out = new ByteArrayOutputStream(Math.max(64, part.remaining() * 2));
      binary = out;
    }
    byte[] bytes = new byte[part.remaining()];
    part.get(bytes);
    out.write(bytes, 0, bytes.length);
    if (last) {
      binary = null;
      connection.onBinary(ByteBuffer.wrap(out.toByteArray()));
    }
  }

  /** Returns the size of a string in UTF-8 (a lone surrogate counts as 3, as its replacement). */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
