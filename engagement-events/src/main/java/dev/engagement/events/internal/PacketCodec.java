package dev.engagement.events.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Encodes and decodes Socket.IO v5 packets (without the Engine.IO {@code 4} prefix), by the rules
 * of the reference {@code socket.io-parser}, stricter where the protocol document is: an event or
 * an ack needs its payload, and the empty string is no packet.
 *
 * <p>Stateless and thread-safe.
 */
public final class PacketCodec {
  /** Event names a client may not use. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of(
          "connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

  /** The most binary attachments one packet may announce. */
  static final int MAX_ATTACHMENTS = 1000;

  private PacketCodec() {}

  /** A packet as frames: the text frame, then its binary attachments in order. */
  record Encoded(String text, List<byte[]> attachments) {
    Encoded {
      attachments = List.copyOf(attachments);
    }
  }

  /**
   * Encodes a packet. An {@link Packet#EVENT} or {@link Packet#ACK} whose data holds binary nodes
   * becomes a {@link Packet#BINARY_EVENT} or {@link Packet#BINARY_ACK} with placeholders, the
   * binaries following in the order of a depth-first walk (arrays by index, objects by key order).
   */
  static Encoded encode(Packet packet) {
    JsonNode data = packet.data();
    int type = packet.type();
    List<byte[]> attachments = new ArrayList<>();
    if (data != null && hasBinary(data)) {
      data = deconstruct(data, attachments);
      if (type == Packet.EVENT) {
        type = Packet.BINARY_EVENT;
      } else if (type == Packet.ACK) {
        type = Packet.BINARY_ACK;
      } else if (type != Packet.BINARY_EVENT && type != Packet.BINARY_ACK) {
        throw new IllegalArgumentException("binary data is allowed in events and acks only");
      }
    }
    StringBuilder sb = new StringBuilder(64);
    sb.append((char) ('0' + type));
    if (type == Packet.BINARY_EVENT || type == Packet.BINARY_ACK) {
      sb.append(attachments.size()).append('-');
    }
    if (!"/".equals(packet.nsp())) {
      sb.append(packet.nsp()).append(',');
    }
    if (packet.id() != null) {
      sb.append(packet.id().longValue());
    }
    if (data != null) {
      try {
        sb.append(Json.MAPPER.writeValueAsString(data));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot write the payload as JSON: " + e.getMessage(), e);
      }
    }
    return new Encoded(sb.toString(), attachments);
  }

  /**
   * Decodes a packet. A binary packet comes back with {@link Packet#attachments()} set and its
   * placeholders in place: pass it to {@link #reconstruct} with the binary frames that follow.
   *
   * @throws ProtocolException if the text is not a valid packet for a client to send or receive
   */
  static Packet decode(String s) throws ProtocolException {
    if (s.isEmpty()) {
      throw new ProtocolException("empty packet");
    }
    int type = s.charAt(0) - '0';
    if (type < Packet.CONNECT || type > Packet.BINARY_ACK) {
      throw new ProtocolException("unknown packet type " + printable(s.charAt(0)));
    }
    int i = 1;
    int attachments = 0;
    if (type == Packet.BINARY_EVENT || type == Packet.BINARY_ACK) {
      int dash = s.indexOf('-', i);
      if (dash < 0 || dash == i || dash - i > 4 || !digits(s, i, dash)) {
        throw new ProtocolException("illegal attachments");
      }
      attachments = Integer.parseInt(s, i, dash, 10);
      if (attachments > MAX_ATTACHMENTS) {
        throw new ProtocolException("too many attachments: " + attachments);
      }
      i = dash + 1;
    }
    String nsp = "/";
    if (i < s.length() && s.charAt(i) == '/') {
      int comma = s.indexOf(',', i);
      int end = comma < 0 ? s.length() : comma;
      nsp = s.substring(i, end);
      i = comma < 0 ? end : end + 1;
    }
    Long id = null;
    int start = i;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    if (i > start) {
      if (i - start > 15) {
        throw new ProtocolException("ack id too long");
      }
      id = Long.parseLong(s, start, i, 10);
    }
    JsonNode data = null;
    if (i < s.length()) {
      try {
        data = Json.MAPPER.readTree(s.substring(i));
      } catch (JsonProcessingException e) {
        throw new ProtocolException("invalid payload", e);
      }
    }
    validate(type, data);
    return new Packet(type, nsp, id, data, attachments);
  }

  private static void validate(int type, @Nullable JsonNode data) throws ProtocolException {
    boolean ok =
        switch (type) {
          case Packet.CONNECT -> data == null || data.isObject();
          case Packet.DISCONNECT -> data == null;
          case Packet.CONNECT_ERROR -> data != null && (data.isObject() || data.isTextual());
          case Packet.EVENT, Packet.BINARY_EVENT -> data != null && isEventPayload(data);
          default -> data != null && data.isArray(); // ACK, BINARY_ACK
        };
    if (!ok) {
      throw new ProtocolException(data == null ? "missing payload" : "invalid payload");
    }
  }

  private static boolean isEventPayload(JsonNode data) {
    if (!data.isArray() || data.isEmpty()) {
      return false;
    }
    JsonNode name = data.get(0);
    return name.isNumber() || (name.isTextual() && !RESERVED_EVENTS.contains(name.textValue()));
  }

  /**
   * Returns a binary packet with its placeholders replaced by the attachments, as an {@link
   * Packet#EVENT} or {@link Packet#ACK}.
   *
   * @throws ProtocolException if a placeholder is malformed or out of range
   */
  static Packet reconstruct(Packet packet, List<byte[]> attachments) throws ProtocolException {
    JsonNode data = packet.data();
    JsonNode rebuilt = data == null ? null : replacePlaceholders(data, attachments);
    int type = packet.type() == Packet.BINARY_ACK ? Packet.ACK : Packet.EVENT;
    return new Packet(type, packet.nsp(), packet.id(), rebuilt, 0);
  }

  private static JsonNode replacePlaceholders(JsonNode node, List<byte[]> attachments)
      throws ProtocolException {
    if (node.isArray()) {
      ArrayNode out = Json.MAPPER.createArrayNode();
      for (JsonNode child : node) {
        out.add(replacePlaceholders(child, attachments));
      }
      return out;
    }
    if (node.isObject()) {
      JsonNode flag = node.get("_placeholder");
      if (flag != null && flag.isBoolean() && flag.booleanValue()) {
        JsonNode num = node.get("num");
        if (num == null || !num.isIntegralNumber() || !num.canConvertToInt()
            || num.intValue() < 0 || num.intValue() >= attachments.size()) {
          throw new ProtocolException("illegal attachments");
        }
        return BinaryNode.valueOf(attachments.get(num.intValue()));
      }
      ObjectNode out = Json.MAPPER.createObjectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), replacePlaceholders(e.getValue(), attachments));
      }
      return out;
    }
    return node;
  }

  static boolean hasBinary(JsonNode node) {
    if (node.isBinary()) {
      return true;
    }
    if (node.isContainerNode()) {
      for (JsonNode child : node) {
        if (hasBinary(child)) {
          return true;
        }
      }
    }
    return false;
  }

  private static JsonNode deconstruct(JsonNode node, List<byte[]> out) {
    if (node.isBinary()) {
      ObjectNode placeholder = Json.MAPPER.createObjectNode();
      placeholder.put("_placeholder", true);
      placeholder.put("num", out.size());
      out.add(((BinaryNode) node).binaryValue());
      return placeholder;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      for (JsonNode child : node) {
        copy.add(deconstruct(child, out));
      }
      return copy;
    }
    if (node.isObject()) {
      ObjectNode copy = Json.MAPPER.createObjectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        copy.set(e.getKey(), deconstruct(e.getValue(), out));
      }
      return copy;
    }
    return node;
  }

  private static boolean digits(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String printable(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format(Locale.ROOT, "U+%04X", (int) c);
  }
}
