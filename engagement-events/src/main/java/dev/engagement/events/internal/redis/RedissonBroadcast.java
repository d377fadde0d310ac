package dev.engagement.events.internal.redis;

import dev.engagement.events.BroadcastAdapter;
import dev.engagement.events.internal.WarnOnce;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.redisson.Redisson;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis pub/sub under {@link dev.engagement.events.RedisBroadcast}, through Redisson: one
 * publishing thread takes the queued messages in order and publishes them, up to {@value
 * #BATCH_MESSAGES} (or {@value #BATCH_BYTES} bytes) in one Redis message; Redisson hands the
 * channel's messages to the receiver in the order they arrive (its {@code keepPubSubOrder}).
 *
 * <p>A Redis message is a count, then each message as a length and its bytes (4-byte big-endian
 * integers). Thread-safe.
 */
public final class RedissonBroadcast implements BroadcastAdapter {
  private static final Logger logger = LoggerFactory.getLogger(RedissonBroadcast.class);
  static final int BATCH_MESSAGES = 256;
  static final int BATCH_BYTES = 512 * 1024;
  private static final int MAX_PARTS = 100_000;

  private final RedisSettings settings;
  private final RedissonClient client;
  private final RTopic topic;
  private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Thread publisher;
  private final WarnOnce full = new WarnOnce(logger);
  private final WarnOnce failed = new WarnOnce(logger);
  private final WarnOnce malformed = new WarnOnce(logger);
  private final AtomicLong dropped = new AtomicLong();
  private volatile @Nullable Consumer<byte[]> receiver;
  private volatile boolean closed;

  /**
   * Connects to Redis.
   *
   * @param settings where and how
   * @throws RuntimeException (Redisson's) if Redis cannot be reached
   */
  public RedissonBroadcast(RedisSettings settings) {
    this.settings = settings;
    Config config = new Config();
    // a pub/sub for one server needs few threads and connections; Redisson's defaults are larger
    config.setThreads(2);
    config.setNettyThreads(4);
    config.setKeepPubSubOrder(true);
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    SingleServerConfig s = config.useSingleServer();
    s.setAddress(settings.address());
    s.setDatabase(settings.database());
    s.setConnectionMinimumIdleSize(1);
    s.setConnectionPoolSize(2);
    s.setSubscriptionConnectionMinimumIdleSize(1);
    s.setSubscriptionConnectionPoolSize(1);
    s.setConnectTimeout((int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()));
    s.setTimeout(3000);
    s.setRetryAttempts(2);
    s.setClientName("engagement-events");
    this.client = Redisson.create(config);
    this.topic = client.getTopic(settings.channel(), ByteArrayCodec.INSTANCE);
    this.publisher = new Thread(this::publishLoop, "engagement-socketio-redis-publisher");
    publisher.setDaemon(true);
    logger.info("Socket.IO broadcasts go through Redis at {}", settings);
  }

  @Override
  public void start(Consumer<byte[]> receiver) {
    if (this.receiver != null) {
      throw new IllegalStateException("started already");
    }
    this.receiver = receiver;
    topic.addListener(byte[].class, (channel, message) -> received(message));
    publisher.start();
  }

  @Override
  public void publish(byte[] message) {
    if (closed) {
      return;
    }
    long before = queuedBytes.getAndAdd(message.length);
    if (before > 0 && before + message.length > settings.maxQueuedBytes()) {
      queuedBytes.addAndGet(-message.length);
      long n = dropped.incrementAndGet();
      full.log(
          "Redis at {} does not take the broadcasts fast enough ({} bytes wait): other instances miss"
              + " this one's events ({} dropped so far)",
          settings.address(), before, n);
      return;
    }
    queue.offer(message);
    LockSupport.unpark(publisher);
  }

  private void publishLoop() {
    List<byte[]> batch = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      byte[] m = queue.poll();
      if (m == null) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
        continue;
      }
      batch.clear();
      int bytes = 0;
      do {
        batch.add(m);
        bytes += m.length;
      } while (batch.size() < BATCH_MESSAGES && bytes < BATCH_BYTES && (m = queue.poll()) != null);
      queuedBytes.addAndGet(-bytes);
      try {
        topic.publish(frame(batch, bytes));
      } catch (RuntimeException e) {
        long n = dropped.addAndGet(batch.size());
        failed.log(
            "Could not publish {} broadcasts to Redis at {} ({} dropped so far): {}",
            batch.size(), settings.address(), n, e.toString());
      }
    }
  }

  /** Returns messages as one Redis message: a count, then each with its length. */
  static byte[] frame(List<byte[]> messages, int bytes) {
    ByteBuffer out = ByteBuffer.allocate(4 + 4 * messages.size() + bytes);
    out.putInt(messages.size());
    for (byte[] m : messages) {
      out.putInt(m.length).put(m);
    }
    return out.array();
  }

  /**
   * Returns the messages of one Redis message.
   *
   * @throws IllegalArgumentException if it is not a count and that many length-prefixed messages
   */
  static List<byte[]> unframe(byte[] frame) {
    ByteBuffer in = ByteBuffer.wrap(frame);
    try {
      int count = in.getInt();
      if (count < 1 || count > MAX_PARTS) {
        throw new IllegalArgumentException("message count " + count);
      }
      List<byte[]> messages = new ArrayList<>(Math.min(count, 1024));
      for (int i = 0; i < count; i++) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
          throw new IllegalArgumentException("length " + n + " with " + in.remaining() + " bytes left");
        }
        byte[] m = new byte[n];
        in.get(m);
        messages.add(m);
      }
      if (in.hasRemaining()) {
        throw new IllegalArgumentException(in.remaining() + " bytes after the last message");
      }
      return messages;
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated", e);
    }
  }

  private void received(byte[] frame) {
    Consumer<byte[]> r = receiver;
    if (r == null || closed) {
      return;
    }
    List<byte[]> messages;
    try {
      messages = unframe(frame);
    } catch (IllegalArgumentException e) {
      malformed.log(
          "Ignored a message on Redis channel {} that no instance sent ({} bytes): {}",
          settings.channel(), frame.length, e.getMessage());
      return;
    }
    for (byte[] m : messages) {
      try {
        r.accept(m);
      } catch (RuntimeException e) {
        malformed.log("The Socket.IO server failed to take a broadcast from Redis", e);
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(publisher);
    try {
      if (publisher.isAlive()) {
        publisher.join(TimeUnit.SECONDS.toMillis(5)); // what is queued goes out first
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      topic.removeAllListeners();
    } catch (RuntimeException e) {
      logger.debug("Unsubscribing from Redis channel {} failed", settings.channel(), e);
    }
    client.shutdown(0, 5, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedissonBroadcast[" + settings + "]";
  }
}
