package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link SocketIoServer}: the Engine.IO heartbeat, the largest message a client
 * may send, how long a client may take to join a namespace, the bound of each connection's
 * outbound queue, and the origins browsers may connect from.
 *
 * <pre>{@code
 * SocketIoConfig config = SocketIoConfig.builder().pingInterval(Duration.ofSeconds(10)).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pingInterval how often the server pings each client (sent as {@code pingInterval})
 * @param pingTimeout how long the server waits for the pong before it closes the connection
 * @param maxPayload the largest inbound message in bytes, text or binary (sent as {@code
 *     maxPayload}); a larger one closes the connection with 1009
 * @param connectTimeout how long a client may take to join a namespace before it is closed
 * @param maxQueuedFrames how many frames may wait to be written to one client; a client that
 *     falls this far behind is dropped
 * @param allowedOrigins the {@code Origin} header values a WebSocket handshake may carry (e.g.
 *     {@code http://localhost:5000}); empty allows any origin. A handshake without the header (not
 *     from a browser) is always allowed.
 * @since 0.1
 */
public record SocketIoConfig(
    Duration pingInterval,
    Duration pingTimeout,
    int maxPayload,
    Duration connectTimeout,
    int maxQueuedFrames,
    Set<String> allowedOrigins) {

  /** The default ping interval, 25 seconds (as the reference server). */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(25);

  /** The default ping timeout, 20 seconds (as the reference server). */
  public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(20);

  /** The default largest inbound message, 1,000,000 bytes (as the reference server). */
  public static final int DEFAULT_MAX_PAYLOAD = 1_000_000;

  /** The default connect timeout, 45 seconds (as the reference server). */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(45);

  /** The default bound of each connection's outbound queue, in frames. */
  public static final int DEFAULT_MAX_QUEUED_FRAMES = 16_384;

  /** Checks the values. */
  public SocketIoConfig {
    requireNonNull(pingInterval, "pingInterval");
    requireNonNull(pingTimeout, "pingTimeout");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(allowedOrigins, "allowedOrigins");
    positiveMillis("pingInterval", pingInterval);
    positiveMillis("pingTimeout", pingTimeout);
    positiveMillis("connectTimeout", connectTimeout);
    if (maxPayload < 1) {
      throw new IllegalArgumentException("maxPayload must be > 0 but was " + maxPayload);
    }
    if (maxQueuedFrames < 1) {
      throw new IllegalArgumentException("maxQueuedFrames must be > 0 but was " + maxQueuedFrames);
    }
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  private static void positiveMillis(String name, Duration d) {
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms but was " + d);
    }
  }

  /** Returns the defaults of the reference server (25 s, 20 s, 1,000,000 bytes, 45 s). */
  public static SocketIoConfig ofDefaults() {
    return builder().build();
  }

  /** Returns a new builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder()
        .pingInterval(pingInterval)
        .pingTimeout(pingTimeout)
        .maxPayload(maxPayload)
        .connectTimeout(connectTimeout)
        .maxQueuedFrames(maxQueuedFrames)
        .allowedOrigins(allowedOrigins);
  }

  /** Returns whether a handshake with this {@code Origin} header (or none) may connect. */
  public boolean allowsOrigin(@Nullable String origin) {
    return origin == null || allowedOrigins.isEmpty() || allowedOrigins.contains(origin);
  }

  /** Builds a {@link SocketIoConfig}. Not thread-safe. */
  public static final class Builder {
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
    private int maxPayload = DEFAULT_MAX_PAYLOAD;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private int maxQueuedFrames = DEFAULT_MAX_QUEUED_FRAMES;
    private Set<String> allowedOrigins = new LinkedHashSet<>();

    private Builder() {}

    /** Sets how often the server pings each client. */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = requireNonNull(pingInterval, "pingInterval");
      return this;
    }

    /** Sets how long the server waits for a pong. */
    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = requireNonNull(pingTimeout, "pingTimeout");
      return this;
    }

    /** Sets the largest inbound message, in bytes. */
    public Builder maxPayload(int maxPayload) {
      this.maxPayload = maxPayload;
      return this;
    }

    /** Sets how long a client may take to join a namespace. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Sets how many frames may wait to be written to one client before it is dropped. */
    public Builder maxQueuedFrames(int maxQueuedFrames) {
      this.maxQueuedFrames = maxQueuedFrames;
      return this;
    }

    /** Sets the origins browsers may connect from (empty: any). */
    public Builder allowedOrigins(Set<String> allowedOrigins) {
      this.allowedOrigins = new LinkedHashSet<>(requireNonNull(allowedOrigins, "allowedOrigins"));
      return this;
    }

    /** Returns the configuration. */
    public SocketIoConfig build() {
      return new SocketIoConfig(
          pingInterval, pingTimeout, maxPayload, connectTimeout, maxQueuedFrames, allowedOrigins);
    }
  }
}
