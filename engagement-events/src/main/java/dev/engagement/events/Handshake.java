package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a client sent to join a namespace: the namespace, its {@code auth} payload (the client's
 * {@code auth} option, an empty object when there is none) and the query of its WebSocket URL.
 *
 * <p>Immutable.
 *
 * @param namespace the namespace, {@code /} for the main one
 * @param auth the CONNECT payload, always a JSON object
 * @param query the query parameters of the WebSocket URL ({@code EIO}, {@code transport}, the
 *     client's {@code query} option...)
 * @since 0.1
 */
public record Handshake(String namespace, JsonNode auth, Map<String, List<String>> query) {
  /**
   * Checks the fields and copies the query.
   *
   * @param namespace the namespace, {@code /} for the main one
   * @param auth the CONNECT payload, always a JSON object
   * @param query the query parameters of the WebSocket URL
   */
  public Handshake {
    requireNonNull(namespace, "namespace");
    requireNonNull(auth, "auth");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    requireNonNull(query, "query").forEach((k, v) -> copy.put(k, List.copyOf(v)));
    query = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the first value of a query parameter.
   *
   * @param name the parameter's name
   * @return its first value, or empty if the URL does not have it
   */
  public Optional<String> queryParameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
