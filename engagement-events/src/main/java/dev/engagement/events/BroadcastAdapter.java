package dev.engagement.events;

import java.util.function.Consumer;

/**
 * Carries a {@link SocketIoServer}'s broadcasts to the servers of other processes, so that several
 * instances behind one load balancer act as one (as Flask-SocketIO's {@code message_queue}): an
 * event emitted on instance A to everyone, to a room or to a namespace reaches the matching clients
 * of every instance.
 *
 * <pre>{@code
 * SocketIoServer server =
 *     SocketIoServer.builder().broadcast(RedisBroadcast.connect("redis://127.0.0.1:6379")).build();
 * }</pre>
 *
 * <p>The server delivers each broadcast to its own clients at once and {@linkplain #publish
 * publishes} it; the adapter hands what the other instances publish to the {@linkplain #start
 * receiver}, and the server delivers that to its own clients. Emits to one socket ({@link
 * SocketIoSocket#emit}) stay on the instance that holds the socket; reach a socket on another
 * instance through the room of its id, {@code server.to(socketId)}.
 *
 * <p>The messages are opaque bytes that the servers write and read. An adapter must:
 *
 * <ul>
 *   <li>never block {@link #publish} for long (an emitting thread, a batch's, calls it): queue and
 *       send elsewhere, and drop (with a warning) what cannot be sent;
 *   <li>deliver the messages of one instance to each other instance in the order that instance
 *       published them (events emitted from one thread arrive in order everywhere);
 *   <li>call the receiver from one thread at a time; it may also hand an instance its own
 *       messages, which the server ignores.
 * </ul>
 *
 * <p>{@link #NONE} (this process only) is the default; {@link RedisBroadcast} goes through Redis
 * pub/sub. Implementations are thread-safe. The server that an adapter is given to starts it once
 * and closes it when the server closes.
 *
 * @since 0.1
 */
public interface BroadcastAdapter extends AutoCloseable {
  /** Broadcasts reach the clients of this process only: nothing is published or received. */
  BroadcastAdapter NONE =
      new BroadcastAdapter() {
        @Override
        public void start(Consumer<byte[]> receiver) {}

        @Override
        public void publish(byte[] message) {}

        @Override
        public void close() {}

        @Override
        public String toString() {
          return "BroadcastAdapter.NONE";
        }
      };

  /**
   * Starts receiving: from now on, every message another instance publishes goes to {@code
   * receiver}, one at a time. Called once, by the server, before its first {@link #publish}.
   *
   * @param receiver what to hand each message to; it is fast, and it does not throw
   * @throws BroadcastConfigurationException if the adapter cannot start receiving
   */
  void start(Consumer<byte[]> receiver);

  /**
   * Sends a message to the other instances, in order after the ones published before it. Never
   * blocks for long; a message that cannot be sent is dropped and logged.
   *
   * @param message the message (the adapter must not change it)
   */
  void publish(byte[] message);

  /** Stops publishing and receiving and releases the adapter's connections and threads. */
  @Override
  void close();
}
