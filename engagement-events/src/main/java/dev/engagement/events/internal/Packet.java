package dev.engagement.events.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * A Socket.IO v5 packet: the payload of an Engine.IO message. Binary attachments, when there are
 * any, are {@link com.fasterxml.jackson.databind.node.BinaryNode}s inside {@link #data}.
 *
 * @param type {@link #CONNECT} to {@link #BINARY_ACK}
 * @param nsp the namespace, {@code /} for the main one
 * @param id the ack id, or null
 * @param data the payload, or null when there is none
 * @param attachments for a decoded binary packet: the number of binary frames that follow
 */
record Packet(int type, String nsp, @Nullable Long id, @Nullable JsonNode data, int attachments) {
  static final int CONNECT = 0;
  static final int DISCONNECT = 1;
  static final int EVENT = 2;
  static final int ACK = 3;
  static final int CONNECT_ERROR = 4;
  static final int BINARY_EVENT = 5;
  static final int BINARY_ACK = 6;

  Packet {
    requireNonNull(nsp, "nsp");
    if (type < CONNECT || type > BINARY_ACK) {
      throw new IllegalArgumentException("type must be 0..6 but was " + type);
    }
  }

  static Packet of(int type, String nsp, @Nullable Long id, @Nullable JsonNode data) {
    return new Packet(type, nsp, id, data, 0);
  }
}
