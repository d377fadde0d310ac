package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.ProcessError;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.spi.ProcessListener;
import dev.engagement.events.internal.Json;
import dev.engagement.events.internal.PacketCodec;
import dev.engagement.events.internal.WarnOnce;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProcessListener} that sends every call of a batch to Socket.IO clients in the original
 * app's shape: {@code 42["message",{"type":"progress","detail":{"process":...,"value":...}}]},
 * and likewise {@code process-start}, {@code processing}, {@code process-result}, {@code
 * process-error} and {@code complete} (the shapes of {@link ProcessEvent}).
 *
 * <pre>{@code
 * Batch.builder().listener(SocketIoProcessListener.to(server))          // every client
 * Batch.builder().listener(SocketIoProcessListener.to(server.to(room))) // the clients of one batch
 * }</pre>
 *
 * <p>The original page listened for {@code process-results} (plural) where the core says {@code
 * process-result}; {@link Builder#originalPageTypes()} sends the plural for that page.
 *
 * <p>Thread-safe. It never blocks the batch: each call encodes one packet and queues it for each
 * client; a client that cannot keep up is dropped. It does not throw: a failure is logged.
 *
 * @since 0.1
 */
public final class SocketIoProcessListener implements ProcessListener {
  private static final Logger logger = LoggerFactory.getLogger(SocketIoProcessListener.class);

  /** The Socket.IO event the original app sent everything as. */
  public static final String DEFAULT_EVENT = "message";

  private final Emitter emitter;
  private final String eventName;
  private final Map<String, String> typeNames;
  private final ProcessListener delegate;
  private final WarnOnce failures = new WarnOnce(logger);

  private SocketIoProcessListener(Builder b) {
    this.emitter = b.emitter;
    this.eventName = b.eventName;
    this.typeNames = Map.copyOf(b.typeNames);
    this.delegate = ProcessEvent.listener(this::send);
  }

  /**
   * Returns a listener that sends to an emitter as the event {@code message}.
   *
   * @param emitter where the events go: a server (every client), {@code server.to(room)}, a socket
   * @return the listener
   */
  public static SocketIoProcessListener to(Emitter emitter) {
    return builder(emitter).build();
  }

  /**
   * Returns a builder for a listener that sends to an emitter.
   *
   * @param emitter where the events go: a server (every client), {@code server.to(room)}, a socket
   * @return the builder
   */
  public static Builder builder(Emitter emitter) {
    return new Builder(emitter);
  }

  /**
   * Returns the message of an event, {@code {"type": ..., "detail": ...}}, as a JSON object.
   *
   * @param event the event
   * @return the message the listener sends for it (before any {@link Builder#renameType})
   */
  public static ObjectNode message(ProcessEvent event) {
    return message(event.type(), event.detail());
  }

  static ObjectNode message(String type, Object detail) {
    ObjectNode o = Json.MAPPER.createObjectNode();
    o.put("type", type);
    o.set("detail", Json.tree(detail));
    return o;
  }

  private void send(ProcessEvent event) {
    try {
      emitter.emit(eventName, message(typeNames.getOrDefault(event.type(), event.type()), event.detail()));
    } catch (RuntimeException e) {
      failures.log("Could not send a {} event to Socket.IO clients", event.type(), e);
    }
  }

  @Override
  public void processStart(BatchContext batch, String message) {
    delegate.processStart(batch, message);
  }

  @Override
  public void processing(BatchContext batch, String message) {
    delegate.processing(batch, message);
  }

  @Override
  public void result(BatchContext batch, FileResult result) {
    delegate.result(batch, result);
  }

  @Override
  public void progress(BatchContext batch, double value) {
    delegate.progress(batch, value);
  }

  @Override
  public void error(BatchContext batch, ProcessError error) {
    delegate.error(batch, error);
  }

  @Override
  public void complete(BatchContext batch, String message) {
    delegate.complete(batch, message);
  }

  /** Builds a {@link SocketIoProcessListener}. Not thread-safe. */
  public static final class Builder {
    private final Emitter emitter;
    private String eventName = DEFAULT_EVENT;
    private final Map<String, String> typeNames = new LinkedHashMap<>();

    private Builder(Emitter emitter) {
      this.emitter = requireNonNull(emitter, "emitter");
    }

    /**
     * Sets the Socket.IO event name.
     *
     * @param eventName the name ({@value #DEFAULT_EVENT} by default, as the original)
     * @return this builder
     * @throws IllegalArgumentException if the name is empty or one Socket.IO reserves
     */
    public Builder eventName(String eventName) {
      requireNonNull(eventName, "eventName");
      if (eventName.isEmpty() || PacketCodec.RESERVED_EVENTS.contains(eventName)) {
        throw new IllegalArgumentException("'" + eventName + "' is not a usable event name");
      }
      this.eventName = eventName;
      return this;
    }

    /**
     * Sends events of type {@code from} with the type {@code to} instead.
     *
     * @param from the core's type, e.g. {@code process-result}
     * @param to the type sent
     * @return this builder
     */
    public Builder renameType(String from, String to) {
      typeNames.put(requireNonNull(from, "from"), requireNonNull(to, "to"));
      return this;
    }

    /**
     * Uses the type names the original page listens for: {@code process-results} (plural) for
     * each file's result.
     *
     * @return this builder
     */
    public Builder originalPageTypes() {
      return renameType(ProcessEvent.PROCESS_RESULT, "process-results");
    }

    /**
     * Returns the listener.
     *
     * @return the listener
     */
    public SocketIoProcessListener build() {
      return new SocketIoProcessListener(this);
    }
  }
}
