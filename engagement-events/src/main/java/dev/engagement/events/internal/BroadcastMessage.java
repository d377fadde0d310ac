package dev.engagement.events.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A broadcast as it travels between instances: who sent it, to which namespace and room (null:
 * the whole namespace), and the frames to write to each client, encoded once by the sender.
 *
 * <p>On the wire: {@code "EGB1"}, the sender's 16-byte id, the namespace and the room (a length
 * and UTF-8; the room's length is -1 for none), the number of frames, then each frame as a type
 * ({@code T} text, {@code B} binary), a length and its bytes. Lengths are 4-byte big-endian.
 * Messages come from a shared server (Redis): {@link #decode} checks every length and refuses
 * anything else.
 *
 * @param origin the sending server's id (16 bytes)
 * @param namespace the namespace
 * @param room the room, or null for every client of the namespace
 * @param frames the frames, a {@code String} for a text frame and a {@code byte[]} for a binary
 */
record BroadcastMessage(byte[] origin, String namespace, @Nullable String room, Object[] frames) {
  static final int ORIGIN_BYTES = 16;
  private static final byte[] MAGIC = {'E', 'G', 'B', '1'};
  private static final int MAX_NAME_BYTES = 64 * 1024;
  private static final int MAX_FRAMES = PacketCodec.MAX_ATTACHMENTS + 1;

  /** Returns the message as bytes. */
  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.write(origin);
      writeString(out, namespace);
      if (room == null) {
        out.writeInt(-1);
      } else {
        writeString(out, room);
      }
      out.writeInt(frames.length);
      for (Object f : frames) {
        if (f instanceof String text) {
          out.writeByte('T');
          writeBytes(out, text.getBytes(StandardCharsets.UTF_8));
        } else {
          out.writeByte('B');
          writeBytes(out, (byte[]) f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * Reads a message.
   *
   * @throws IllegalArgumentException if the bytes are not a whole, well-formed message
   */
  static BroadcastMessage decode(byte[] message) {
    ByteBuffer in = ByteBuffer.wrap(message);
    try {
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IllegalArgumentException("not a broadcast message (no EGB1 header)");
      }
      byte[] origin = new byte[ORIGIN_BYTES];
      in.get(origin);
      String namespace = readString(in, MAX_NAME_BYTES);
      if (!namespace.startsWith("/")) {
        throw new IllegalArgumentException("a namespace starts with '/'");
      }
      int roomLength = in.getInt();
      String room = null;
      if (roomLength != -1) {
        in.position(in.position() - 4);
        room = readString(in, MAX_NAME_BYTES);
      }
      int count = in.getInt();
      if (count < 1 || count > MAX_FRAMES) {
        throw new IllegalArgumentException("frame count " + count);
      }
      Object[] frames = new Object[count];
      for (int i = 0; i < count; i++) {
        byte type = in.get();
        if (type == 'T') {
          frames[i] = readString(in, Integer.MAX_VALUE);
        } else if (type == 'B' && i > 0) {
          frames[i] = readBytes(in, Integer.MAX_VALUE);
        } else {
          throw new IllegalArgumentException("frame type " + type + " at " + i);
        }
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the last frame");
      }
      checkEvent(frames);
      return new BroadcastMessage(origin, namespace, room, frames);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated", e);
    }
  }

  /** Checks that the frames are one event: {@code 42...}, or {@code 45<n>-...} and n attachments. */
  private static void checkEvent(Object[] frames) {
    if (!(frames[0] instanceof String text) || text.length() < 3 || text.charAt(0) != '4') {
      throw new IllegalArgumentException("the first frame is not a Socket.IO message");
    }
    int attachments = 0;
    if (text.charAt(1) == '5') {
      int dash = text.indexOf('-');
      try {
        attachments = dash < 3 ? -1 : Integer.parseInt(text.substring(2, dash));
      } catch (NumberFormatException e) {
        attachments = -1;
      }
    } else if (text.charAt(1) != '2') {
      throw new IllegalArgumentException("not an event: " + text.substring(0, 2));
    }
    if (attachments != frames.length - 1) {
      throw new IllegalArgumentException(
          frames.length - 1 + " frames after the event, which announces " + attachments);
    }
    for (int i = 1; i < frames.length; i++) {
      if (!(frames[i] instanceof byte[])) {
        throw new IllegalArgumentException("frame " + i + " of an event is not binary");
      }
    }
  }

  private static byte[] readBytes(ByteBuffer in, int max) {
    int n = in.getInt();
    if (n < 0 || n > max || n > in.remaining()) {
      throw new IllegalArgumentException("length " + n + " with " + in.remaining() + " bytes left");
    }
    byte[] b = new byte[n];
    in.get(b);
    return b;
  }

  private static String readString(ByteBuffer in, int max) {
    byte[] b = readBytes(in, max);
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("text that is not UTF-8", e);
    }
  }
}
