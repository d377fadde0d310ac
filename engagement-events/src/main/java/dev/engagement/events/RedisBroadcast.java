package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import dev.engagement.events.internal.redis.RedisSettings;
import dev.engagement.events.internal.redis.RedissonBroadcast;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BroadcastAdapter} over Redis pub/sub, as Flask-SocketIO's {@code message_queue}: the
 * servers of every instance publish their broadcasts on one Redis channel and deliver what the
 * others publish.
 *
 * <pre>{@code
 * SocketIoServer server =
 *     SocketIoServer.builder()
 *         .broadcast(RedisBroadcast.connect("redis://:password@redis.internal:6379"))
 *         .build();
 * }</pre>
 *
 * <p>It needs the Redisson client, an optional dependency of this module: add {@code
 * org.redisson:redisson} (the version this module was tested with is in the message of the {@link
 * BroadcastConfigurationException} thrown without it). Each instance keeps one Redis connection
 * for publishing and one subscription. Publishing never blocks an emitting thread: messages wait
 * in a queue bounded in bytes ({@link Builder#maxQueuedBytes}) for one publishing thread, which
 * sends them in order, several to a Redis message; while Redis cannot be reached, what does not fit
 * is dropped and logged, and each instance's own clients still get every event.
 *
 * <p>Redis pub/sub channels do not belong to a database: deployments that share one Redis keep
 * apart by their {@linkplain Builder#channel channel}. Anyone who can publish on the channel can
 * send events to every browser: keep the Redis private (a password, a private network, TLS with
 * {@code rediss://}).
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class RedisBroadcast implements BroadcastAdapter {
  /** The channel used unless another is set. */
  public static final String DEFAULT_CHANNEL = "engagement-events";

  /** The default bound of the messages waiting to be published: 16 MiB. */
  public static final long DEFAULT_MAX_QUEUED_BYTES = 16L * 1024 * 1024;

  /** The default time to connect to Redis: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final String REDISSON_PROBE = "org.redisson.Redisson";

  private final BroadcastAdapter delegate;
  private final String description;

  private RedisBroadcast(BroadcastAdapter delegate, String description) {
    this.delegate = delegate;
    this.description = description;
  }

  /**
   * Connects to Redis with the default channel and bounds.
   *
   * @param url {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for
   *     TLS
   * @return the adapter, connected
   * @throws BroadcastConfigurationException if Redisson is not on the class path, the URL is not
   *     one of those, or Redis cannot be reached
   */
  public static RedisBroadcast connect(String url) {
    return builder(url).build();
  }

  /**
   * Returns a builder for an adapter to the Redis at {@code url}.
   *
   * @param url {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for
   *     TLS
   * @return the builder
   */
  public static Builder builder(String url) {
    return new Builder(url);
  }

  @Override
  public void start(Consumer<byte[]> receiver) {
    delegate.start(receiver);
  }

  @Override
  public void publish(byte[] message) {
    delegate.publish(message);
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** Returns the Redis address and channel (never the password). */
  @Override
  public String toString() {
    return "RedisBroadcast[" + description + "]";
  }

  /** Builds a {@link RedisBroadcast}. Not thread-safe. */
  public static final class Builder {
    private final String url;
    private String channel = DEFAULT_CHANNEL;
    private long maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    private Builder(String url) {
      this.url = requireNonNull(url, "url");
    }

    /**
     * Sets the Redis channel the instances share ({@value #DEFAULT_CHANNEL} by default).
     *
     * @param channel the channel name, not empty
     * @return this builder
     * @throws IllegalArgumentException if the name is empty
     */
    public Builder channel(String channel) {
      requireNonNull(channel, "channel");
      if (channel.isEmpty()) {
        throw new IllegalArgumentException("channel must not be empty");
      }
      this.channel = channel;
      return this;
    }

    /**
     * Sets how many bytes of messages may wait to be published; what does not fit is dropped.
     *
     * @param maxQueuedBytes the bound ({@link #DEFAULT_MAX_QUEUED_BYTES} by default)
     * @return this builder
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder maxQueuedBytes(long maxQueuedBytes) {
      if (maxQueuedBytes < 1) {
        throw new IllegalArgumentException("maxQueuedBytes must be > 0 but was " + maxQueuedBytes);
      }
      this.maxQueuedBytes = maxQueuedBytes;
      return this;
    }

    /**
     * Sets how long connecting to Redis may take.
     *
     * @param connectTimeout the timeout ({@link #DEFAULT_CONNECT_TIMEOUT} by default), from 1 ms
     *     to 10 minutes
     * @return this builder
     * @throws IllegalArgumentException if it is out of that range
     */
    public Builder connectTimeout(Duration connectTimeout) {
      requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.toMillis() < 1 || connectTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException(
            "connectTimeout must be between 1 ms and 10 minutes but was " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Connects to Redis.
     *
     * @return the adapter, connected; give it to {@link SocketIoServer.Builder#broadcast}
     * @throws BroadcastConfigurationException if Redisson is not on the class path, the URL is not
     *     a Redis URL, or Redis cannot be reached
     */
    public RedisBroadcast build() {
      RedisSettings settings = parse(url, channel, maxQueuedBytes, connectTimeout);
      requireRedisson();
      try {
        return new RedisBroadcast(new RedissonBroadcast(settings), settings.toString());
      } catch (RuntimeException e) {
        throw new BroadcastConfigurationException(
            "Cannot connect to Redis at " + settings.address() + " for the Socket.IO broadcast: " + e.getMessage(), e);
      }
    }
  }

  private static void requireRedisson() {
    try {
      Class.forName(REDISSON_PROBE, false, RedisBroadcast.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      String version = redissonVersion();
      throw new BroadcastConfigurationException(
          "RedisBroadcast needs the optional dependency org.redisson:redisson"
              + (version == null ? "" : ":" + version)
              + ", which is not on the class path (class " + REDISSON_PROBE + " not found). Add it:"
              + " <dependency><groupId>org.redisson</groupId><artifactId>redisson</artifactId>"
              + (version == null ? "" : "<version>" + version + "</version>")
              + "</dependency>",
          e);
    }
  }

  /** Returns the Redisson version this module was built and tested with, if the build said. */
  static @Nullable String redissonVersion() {
    try (InputStream in = RedisBroadcast.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("redisson");
      return v == null || v.isEmpty() || v.startsWith("${") ? null : v;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Reads a Redis URL.
   *
   * @throws BroadcastConfigurationException if it is not {@code redis://} or {@code rediss://}
   *     with a host, an optional port, user information and database, and nothing else
   */
  static RedisSettings parse(String url, String channel, long maxQueuedBytes, Duration connectTimeout) {
    URI u;
    try {
      u = new URI(url);
    } catch (URISyntaxException e) {
      throw new BroadcastConfigurationException("The Redis URL is not a URL: " + redact(url), e);
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw new BroadcastConfigurationException(
          "The Redis URL must start with redis:// or rediss:// but was " + redact(url));
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new BroadcastConfigurationException("The Redis URL has no host: " + redact(url));
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new BroadcastConfigurationException(
          "The Redis URL takes no query or fragment: " + redact(url));
    }
    int port = u.getPort() < 0 ? 6379 : u.getPort();
    String user = null;
    String password = null;
    if (u.getUserInfo() != null) {
      String info = u.getUserInfo();
      int colon = info.indexOf(':');
      if (colon < 0) {
        password = info.isEmpty() ? null : info;
      } else {
        user = colon == 0 ? null : info.substring(0, colon);
        password = info.substring(colon + 1);
      }
    }
    int database = 0;
    String path = u.getPath();
    if (path != null && !path.isEmpty() && !path.equals("/")) {
      try {
        database = Integer.parseInt(path.substring(1));
      } catch (NumberFormatException e) {
        throw new BroadcastConfigurationException(
            "The Redis URL's path must be a database number: " + redact(url), e);
      }
      if (database < 0) {
        throw new BroadcastConfigurationException("The Redis URL's database must be >= 0: " + redact(url));
      }
    }
    String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
    return new RedisSettings(
        scheme + "://" + host + ":" + port, user, password, database, channel, maxQueuedBytes, connectTimeout);
  }

  /** Returns a URL without its password, for messages. */
  private static String redact(String url) {
    return url.replaceFirst("(?<=://)[^@/]*@", "***@");
  }
}
