package dev.engagement.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The parser vectors of {@code ../shared/notes/socketio-protocol.md} (Appendix B, taken from the
 * real {@code socket.io-parser} 4.2.7), plus the protocol document's stricter rules.
 */
final class PacketCodecTest {
  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  /** The decoded packet as the reference prints it: {type, nsp, id?, data?}. */
  private static String show(Packet p) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", p.type());
    o.put("nsp", p.nsp());
    if (p.id() != null) {
      o.put("id", p.id());
    }
    if (p.data() != null) {
      o.set("data", p.data());
    }
    return o.toString();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "0|{\"type\":0,\"nsp\":\"/\"}",
        "0{\"token\":\"123\"}|{\"type\":0,\"nsp\":\"/\",\"data\":{\"token\":\"123\"}}",
        "0/admin,|{\"type\":0,\"nsp\":\"/admin\"}",
        "0/admin|{\"type\":0,\"nsp\":\"/admin\"}",
        "0/admin,{\"token\":\"abc\"}|{\"type\":0,\"nsp\":\"/admin\",\"data\":{\"token\":\"abc\"}}",
        "1|{\"type\":1,\"nsp\":\"/\"}",
        "1/admin,|{\"type\":1,\"nsp\":\"/admin\"}",
        "2[\"message\",{\"type\":\"progress\",\"detail\":{\"step\":1}}]"
            + "|{\"type\":2,\"nsp\":\"/\",\"data\":[\"message\",{\"type\":\"progress\",\"detail\":{\"step\":1}}]}",
        "2/admin,[\"bar\"]|{\"type\":2,\"nsp\":\"/admin\",\"data\":[\"bar\"]}",
        "212[\"foo\"]|{\"type\":2,\"nsp\":\"/\",\"id\":12,\"data\":[\"foo\"]}",
        "2/admin,7[\"foo\"]|{\"type\":2,\"nsp\":\"/admin\",\"id\":7,\"data\":[\"foo\"]}",
        "2[1,\"a\"]|{\"type\":2,\"nsp\":\"/\",\"data\":[1,\"a\"]}",
        "3[]|{\"type\":3,\"nsp\":\"/\",\"data\":[]}",
        "312[\"bar\"]|{\"type\":3,\"nsp\":\"/\",\"id\":12,\"data\":[\"bar\"]}",
        "3/admin,13[\"bar\"]|{\"type\":3,\"nsp\":\"/admin\",\"id\":13,\"data\":[\"bar\"]}",
        "4{\"message\":\"Not authorized\"}|{\"type\":4,\"nsp\":\"/\",\"data\":{\"message\":\"Not authorized\"}}",
        "4\"legacy string\"|{\"type\":4,\"nsp\":\"/\",\"data\":\"legacy string\"}",
        "4/random,{\"message\":\"Invalid namespace\"}"
            + "|{\"type\":4,\"nsp\":\"/random\",\"data\":{\"message\":\"Invalid namespace\"}}",
      })
  void decodesAsTheReferenceParser(String input, String expected) throws Exception {
    assertThat(show(PacketCodec.decode(input))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // errors of the reference parser
        "0[]",
        "0\"x\"",
        "1{\"a\":1}",
        "2[\"foo\"",
        "2{}",
        "2[]",
        "2[\"connect\"]",
        "2[\"disconnect\"]",
        "2abc[\"log\"]",
        "3{\"a\":1}",
        "5x-[\"a\"]",
        "7",
        "abc",
        // stricter than the reference, as the protocol document: payloads are mandatory, and
        // the empty string is no packet
        "2",
        "3",
        "",
        "4",
        // more invalid input: reserved names, trailing garbage, a huge ack id
        "2[\"connect_error\"]",
        "2[\"newListener\",1]",
        "2[\"a\"]x",
        "2[\"a\"] [1]",
        "21234567890123456[\"a\"]",
        "2[true]",
        "2[null]",
        "5-[\"a\"]",
        "51[\"a\"]",
        "51001-[\"a\"]",
      })
  void refusesWhatTheReferenceRefusesAndMore(String input) {
    assertThatThrownBy(() -> PacketCodec.decode(input)).isInstanceOf(ProtocolException.class);
  }

  @Test
  void decodesBinaryHeadersAndRebuildsThePayload() throws Exception {
    Packet header = PacketCodec.decode("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(header.type()).isEqualTo(Packet.BINARY_EVENT);
    assertThat(header.attachments()).isEqualTo(1);

    Packet two =
        PacketCodec.decode(
            "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    assertThat(two.nsp()).isEqualTo("/admin");
    assertThat(two.attachments()).isEqualTo(2);
    Packet rebuilt = PacketCodec.reconstruct(two, List.of(new byte[] {1, 2}, new byte[] {3}));
    assertThat(rebuilt.type()).isEqualTo(Packet.EVENT);
    JsonNode data = rebuilt.data();
    assertThat(data).isNotNull();
    assertThat(data.get(1).binaryValue()).containsExactly(1, 2);
    assertThat(data.get(2).binaryValue()).containsExactly(3);

    Packet ack = PacketCodec.decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(ack.type()).isEqualTo(Packet.BINARY_ACK);
    assertThat(ack.id()).isEqualTo(15L);
    assertThat(PacketCodec.reconstruct(ack, List.of(new byte[] {9})).type()).isEqualTo(Packet.ACK);
  }

  @Test
  void refusesPlaceholdersOutOfRange() throws Exception {
    Packet header = PacketCodec.decode("51-[\"baz\",{\"_placeholder\":true,\"num\":1}]");
    assertThatThrownBy(() -> PacketCodec.reconstruct(header, List.of(new byte[] {1})))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("illegal attachments");
    Packet negative = PacketCodec.decode("51-[\"baz\",{\"_placeholder\":true,\"num\":-1}]");
    assertThatThrownBy(() -> PacketCodec.reconstruct(negative, List.of(new byte[] {1})))
        .isInstanceOf(ProtocolException.class);
  }

  private static String encode(int type, String nsp, @Nullable Long id, @Nullable String data)
      throws Exception {
    PacketCodec.Encoded e = PacketCodec.encode(Packet.of(type, nsp, id, data == null ? null : json(data)));
    assertThat(e.attachments()).isEmpty();
    return e.text();
  }

  @Test
  void encodesAsTheReferenceEncoder() throws Exception {
    assertThat(encode(0, "/", null, "{\"sid\":\"abc\"}")).isEqualTo("0{\"sid\":\"abc\"}");
    assertThat(encode(0, "/custom", null, "{\"sid\":\"abc\"}")).isEqualTo("0/custom,{\"sid\":\"abc\"}");
    assertThat(encode(4, "/", null, "{\"message\":\"not authorized\",\"data\":{\"reason\":\"x\"}}"))
        .isEqualTo("4{\"message\":\"not authorized\",\"data\":{\"reason\":\"x\"}}");
    assertThat(encode(2, "/", null,
            "[\"message\",{\"type\":\"progress\",\"detail\":{\"pct\":33.3,\"text\":\"h\u00e9llo \u20ac\"}}]"))
        .isEqualTo("2[\"message\",{\"type\":\"progress\",\"detail\":{\"pct\":33.3,\"text\":\"h\u00e9llo \u20ac\"}}]");
    assertThat(encode(2, "/", 0L, "[\"question\",1]")).isEqualTo("20[\"question\",1]");
    assertThat(encode(3, "/", 5L, "[]")).isEqualTo("35[]");
    assertThat(encode(1, "/", null, null)).isEqualTo("1");
    assertThat(encode(1, "/custom", null, null)).isEqualTo("1/custom,");
    assertThat(encode(4, "/random", null, "{\"message\":\"Invalid namespace\"}"))
        .isEqualTo("4/random,{\"message\":\"Invalid namespace\"}");
  }

  @Test
  void encodesBinaryAsPlaceholdersFollowedByTheAttachments() throws Exception {
    ArrayNode data = Json.MAPPER.createArrayNode();
    data.add("blob");
    data.add(BinaryNode.valueOf(new byte[] {1, 2}));
    PacketCodec.Encoded e = PacketCodec.encode(Packet.of(Packet.EVENT, "/", null, data));
    assertThat(e.text()).isEqualTo("51-[\"blob\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(e.attachments()).hasSize(1);
    assertThat(e.attachments().get(0)).containsExactly(1, 2);

    // nested, in a depth-first walk, with an ack id: a binary ack
    ObjectNode nested = Json.MAPPER.createObjectNode();
    nested.set("a", BinaryNode.valueOf(new byte[] {3}));
    nested.putArray("b").add(BinaryNode.valueOf(new byte[] {4}));
    ArrayNode ack = Json.MAPPER.createArrayNode().add(nested);
    PacketCodec.Encoded a = PacketCodec.encode(Packet.of(Packet.ACK, "/x", 7L, ack));
    assertThat(a.text())
        .isEqualTo("62-/x,7[{\"a\":{\"_placeholder\":true,\"num\":0},\"b\":[{\"_placeholder\":true,\"num\":1}]}]");
    assertThat(a.attachments().get(0)).containsExactly(3);
    assertThat(a.attachments().get(1)).containsExactly(4);
  }

  @Test
  void roundTripsJsonByteForByte() throws Exception {
    String in = "2[\"message\",1,\"2\",{\"3\":[true]},12345678901234567890,-0.5,null,\"\\u0000\"]";
    assertThat(PacketCodec.encode(PacketCodec.decode(in)).text()).isEqualTo(in);
  }

  @Test
  void convertsApplicationValuesWithJackson() {
    assertThat(Json.tree(Map.of("k", 1)).toString()).isEqualTo("{\"k\":1}");
    assertThat(Json.tree(new byte[] {5}).isBinary()).isTrue();
    assertThat(Json.tree(java.nio.ByteBuffer.wrap(new byte[] {6})).isBinary()).isTrue();
    assertThat(Json.tree(null).isNull()).isTrue();
  }
}
