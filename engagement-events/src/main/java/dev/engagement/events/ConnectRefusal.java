package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * Why a client may not join a namespace: sent as {@code 44{"message":...,"data":...}}, which the
 * client reports as a {@code connect_error} whose {@code err.data} is {@link #data}. The client
 * does not retry by itself after a refusal: use it for definite refusals only.
 *
 * <p>Immutable and thread-safe as long as {@code data} is not changed after the refusal is made
 * (a Jackson {@code ObjectNode} can be).
 *
 * @param message the error message
 * @param data more details for the client, or null
 * @since 0.1
 */
public record ConnectRefusal(String message, @Nullable JsonNode data) {
  /**
   * Checks the fields.
   *
   * @param message the error message
   * @param data more details for the client, or null
   */
  public ConnectRefusal {
    requireNonNull(message, "message");
  }

  /**
   * Returns a refusal with a message only.
   *
   * @param message the error message
   * @return the refusal
   */
  public static ConnectRefusal of(String message) {
    return new ConnectRefusal(message, null);
  }
}
