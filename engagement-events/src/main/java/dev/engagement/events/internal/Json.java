package dev.engagement.events.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.BinaryNode;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The one configured {@link ObjectMapper} of the module: compact output, keys in insertion order,
 * integers kept as integers, no trailing tokens after a JSON value.
 *
 * <p>Thread-safe once configured.
 */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private Json() {}

  /**
   * Returns a value as a JSON tree: a {@link JsonNode} as it is, a {@code byte[]} or {@link
   * ByteBuffer} as a binary attachment, anything else through Jackson.
   *
   * @throws IllegalArgumentException if Jackson cannot convert the value
   */
  public static JsonNode tree(@Nullable Object value) {
    if (value == null) {
      return MAPPER.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof byte[] bytes) {
      return BinaryNode.valueOf(bytes.clone());
    }
    if (value instanceof ByteBuffer buffer) {
      ByteBuffer b = buffer.duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      return BinaryNode.valueOf(bytes);
    }
    return MAPPER.valueToTree(value);
  }
}
