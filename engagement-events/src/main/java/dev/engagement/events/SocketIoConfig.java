package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The settings of a {@link SocketIoServer}: the Engine.IO heartbeat, the largest message a client
 * may send, how long a client may take to join a namespace, the bounds of each connection's
 * outbound queue, the origins browsers may connect from, and how many {@code log} events a client
 * may send.
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
 *     falls this far behind is dropped (closed with 1013, "try again later")
 * @param maxQueuedBytes how many bytes may wait to be written to one client (every frame queued
 *     for it and not yet written, the one being written included, counted in UTF-8); a client
 *     that falls this far behind is dropped (closed with 1013). One message larger than this still
 *     goes to a client that has nothing else waiting.
 * @param allowedOrigins the {@code Origin} header values a WebSocket handshake may carry (e.g.
 *     {@code http://localhost:5000}); empty allows any origin. A handshake without the header (not
 *     from a browser) is always allowed.
 * @param clientLogsPerSecond how many {@code log} events per second one client may have written
 *     to the log, on average; it may send up to {@link #clientLogBurst()} at once. The excess is
 *     dropped and counted in one line. 0 writes no client log events at all.
 * @since 0.1
 */
public record SocketIoConfig(
    Duration pingInterval,
    Duration pingTimeout,
    int maxPayload,
    Duration connectTimeout,
    int maxQueuedFrames,
    long maxQueuedBytes,
    Set<String> allowedOrigins,
    int clientLogsPerSecond) {

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

  /** The default bound of each connection's unsent data: 4 MiB. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 4L * 1024 * 1024;

  /** The default number of client {@code log} events written per second and client: 10. */
  public static final int DEFAULT_CLIENT_LOGS_PER_SECOND = 10;

  /**
   * Checks the values.
   *
   * @param pingInterval how often the server pings each client
   * @param pingTimeout how long the server waits for the pong
   * @param maxPayload the largest inbound message in bytes
   * @param connectTimeout how long a client may take to join a namespace
   * @param maxQueuedFrames how many frames may wait to be written to one client
   * @param maxQueuedBytes how many bytes may wait to be written to one client
   * @param allowedOrigins the {@code Origin} header values a handshake may carry (empty: any)
   * @param clientLogsPerSecond how many {@code log} events per second of one client are written
   * @throws IllegalArgumentException if a duration is not between 1 ms and {@code
   *     Integer.MAX_VALUE} ms, a bound is not positive, or the log rate is out of 0..1,000,000
   */
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
    if (maxQueuedBytes < 1) {
      throw new IllegalArgumentException("maxQueuedBytes must be > 0 but was " + maxQueuedBytes);
    }
    if (clientLogsPerSecond < 0 || clientLogsPerSecond > 1_000_000) {
      throw new IllegalArgumentException(
          "clientLogsPerSecond must be between 0 and 1000000 but was " + clientLogsPerSecond);
    }
    allowedOrigins = Set.copyOf(allowedOrigins);
  }

  private static void positiveMillis(String name, Duration d) {
    if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms but was " + d);
    }
  }

  /**
   * Returns how many client {@code log} events may come at once before the rate limit applies: 5
   * seconds' worth of {@link #clientLogsPerSecond()}.
   *
   * @return the burst, 0 when client log events are not written
   */
  public int clientLogBurst() {
    return (int) Math.min(Integer.MAX_VALUE, 5L * clientLogsPerSecond);
  }

  /**
   * Returns the defaults: those of the reference server (pings every 25 s, 20 s to answer,
   * 1,000,000 bytes per message, 45 s to join), outbound queues of 16,384 frames and 4 MiB, any
   * origin, 10 client log events per second.
   *
   * @return the default configuration
   */
  public static SocketIoConfig ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a new builder holding the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this configuration's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .pingInterval(pingInterval)
        .pingTimeout(pingTimeout)
        .maxPayload(maxPayload)
        .connectTimeout(connectTimeout)
        .maxQueuedFrames(maxQueuedFrames)
        .maxQueuedBytes(maxQueuedBytes)
        .allowedOrigins(allowedOrigins)
        .clientLogsPerSecond(clientLogsPerSecond);
  }

  /**
   * Returns whether a handshake with this {@code Origin} header (or none) may connect.
   *
   * @param origin the header's value, or null when the handshake has none (not a browser)
   * @return true if it may connect
   */
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
    private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private Set<String> allowedOrigins = new LinkedHashSet<>();
    private int clientLogsPerSecond = DEFAULT_CLIENT_LOGS_PER_SECOND;

    private Builder() {}

    /**
     * Sets how often the server pings each client.
     *
     * @param pingInterval the interval ({@link #DEFAULT_PING_INTERVAL} by default)
     * @return this builder
     */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = requireNonNull(pingInterval, "pingInterval");
      return this;
    }

    /**
     * Sets how long the server waits for a pong.
     *
     * @param pingTimeout the timeout ({@link #DEFAULT_PING_TIMEOUT} by default)
     * @return this builder
     */
    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = requireNonNull(pingTimeout, "pingTimeout");
      return this;
    }

    /**
     * Sets the largest inbound message, in bytes.
     *
     * @param maxPayload the limit ({@link #DEFAULT_MAX_PAYLOAD} by default)
     * @return this builder
     */
    public Builder maxPayload(int maxPayload) {
      this.maxPayload = maxPayload;
      return this;
    }

    /**
     * Sets how long a client may take to join a namespace.
     *
     * @param connectTimeout the timeout ({@link #DEFAULT_CONNECT_TIMEOUT} by default)
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Sets how many frames may wait to be written to one client before it is dropped.
     *
     * @param maxQueuedFrames the bound ({@link #DEFAULT_MAX_QUEUED_FRAMES} by default)
     * @return this builder
     */
    public Builder maxQueuedFrames(int maxQueuedFrames) {
      this.maxQueuedFrames = maxQueuedFrames;
      return this;
    }

    /**
     * Sets how many bytes may wait to be written to one client before it is dropped.
     *
     * @param maxQueuedBytes the bound, in bytes ({@link #DEFAULT_MAX_QUEUED_BYTES} by default)
     * @return this builder
     */
    public Builder maxQueuedBytes(long maxQueuedBytes) {
      this.maxQueuedBytes = maxQueuedBytes;
      return this;
    }

    /**
     * Sets how many {@code log} events per second one client may have written to the log.
     *
     * @param clientLogsPerSecond the rate ({@link #DEFAULT_CLIENT_LOGS_PER_SECOND} by default); 0
     *     writes none
     * @return this builder
     */
    public Builder clientLogsPerSecond(int clientLogsPerSecond) {
      this.clientLogsPerSecond = clientLogsPerSecond;
      return this;
    }

    /**
     * Sets the origins browsers may connect from.
     *
     * @param allowedOrigins the {@code Origin} values, e.g. {@code http://localhost:5000} (empty,
     *     the default: any)
     * @return this builder
     */
    public Builder allowedOrigins(Set<String> allowedOrigins) {
      this.allowedOrigins = new LinkedHashSet<>(requireNonNull(allowedOrigins, "allowedOrigins"));
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is out of range (see {@link SocketIoConfig})
     */
    public SocketIoConfig build() {
      return new SocketIoConfig(
          pingInterval,
          pingTimeout,
          maxPayload,
          connectTimeout,
          maxQueuedFrames,
          maxQueuedBytes,
          allowedOrigins,
          clientLogsPerSecond);
    }
  }
}
