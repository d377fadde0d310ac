package dev.engagement.events.internal;

import static java.util.Objects.requireNonNull;

import dev.engagement.events.BroadcastAdapter;
import dev.engagement.events.Emitter;
import dev.engagement.events.SocketIoConfig;
import dev.engagement.events.SocketIoHandler;
import dev.engagement.events.SocketIoServer;
import dev.engagement.events.SocketIoSocket;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SocketIoServer} over Jakarta WebSocket: the namespaces, the open connections, one
 * timer thread for the heartbeats, a small pool of writer threads that start each connection's
 * writes, and a small pool that closes connections (a close may block on a stalled client).
 *
 * <p>Thread-safe.
 */
public final class JakartaSocketIoServer implements SocketIoServer {
  private static final Logger logger = LoggerFactory.getLogger(JakartaSocketIoServer.class);
  private static final AtomicInteger SERVER_IDS = new AtomicInteger();

  private final SocketIoConfig config;
  private final Map<String, Namespace> namespaces;
  private final Namespace main;
  private final ClientLog clientLog;
  private final Set<EngineConnection> connections = ConcurrentHashMap.newKeySet();
  private final Map<String, NamespaceSocket> socketsById = new ConcurrentHashMap<>();
  private final ScheduledThreadPoolExecutor timers;
  private final ExecutorService writers;
  private final ThreadPoolExecutor closers;
  private final ServerEndpointConfig endpointConfig;
  private final BroadcastAdapter broadcast;
  private final byte[] origin = Ids.bytes(BroadcastMessage.ORIGIN_BYTES);
  private volatile boolean closed;

  private final WarnOnce protocolErrors = new WarnOnce(logger);
  private final WarnOnce slowClients = new WarnOnce(logger);
  private final WarnOnce unknownEvents = new WarnOnce(logger);
  private final WarnOnce refusedHandshakes = new WarnOnce(logger);
  private final WarnOnce handlerFailures = new WarnOnce(logger);
  private final WarnOnce badBroadcasts = new WarnOnce(logger);

  /**
   * Creates the server; its threads start now, and so does the broadcast adapter.
   *
   * @param config the configuration
   * @param handlers the namespaces and their handlers, {@code /} among them
   * @param clientLog where client log events go
   * @param broadcast the adapter to the other instances; the server closes it
   */
  public JakartaSocketIoServer(
      SocketIoConfig config,
      Map<String, SocketIoHandler> handlers,
      ClientLog clientLog,
      BroadcastAdapter broadcast) {
    this.config = requireNonNull(config, "config");
    this.clientLog = requireNonNull(clientLog, "clientLog");
    this.broadcast = requireNonNull(broadcast, "broadcast");
    Map<String, Namespace> ns = new LinkedHashMap<>();
    handlers.forEach((name, handler) -> ns.put(name, new Namespace(name, handler, this)));
    this.namespaces = Map.copyOf(ns);
    this.main = requireNonNull(namespaces.get("/"));
    int id = SERVER_IDS.incrementAndGet();
    this.timers = new ScheduledThreadPoolExecutor(1, threads("engagement-socketio-" + id + "-timer"));
    this.timers.setRemoveOnCancelPolicy(true);
    int writerThreads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    this.writers =
        Executors.newFixedThreadPool(writerThreads, threads("engagement-socketio-" + id + "-writer"));
    this.closers =
        new ThreadPoolExecutor(
            4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
            threads("engagement-socketio-" + id + "-close"));
    this.closers.allowCoreThreadTimeOut(true);
    this.endpointConfig =
        ServerEndpointConfig.Builder.create(SocketIoEndpoint.class, PATH)
            .configurator(new EndpointConfigurator(this))
            .build();
    try {
      broadcast.start(this::received);
    } catch (RuntimeException | Error e) {
      timers.shutdownNow();
      writers.shutdownNow();
      closers.shutdownNow();
      throw e;
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      // not the context class loader of whichever web application made the first connection
      t.setContextClassLoader(JakartaSocketIoServer.class.getClassLoader());
      return t;
    };
  }

  // ---- API

  @Override
  public SocketIoConfig config() {
    return config;
  }

  @Override
  public ServerEndpointConfig endpointConfig() {
    return endpointConfig;
  }

  @Override
  public void register(ServerContainer container) {
    requireNonNull(container, "container");
    try {
      container.addEndpoint(endpointConfig);
    } catch (DeploymentException e) {
      throw new IllegalStateException(
          "The WebSocket container refused the Socket.IO endpoint at " + PATH + ": " + e.getMessage(), e);
    }
    logger.info("Socket.IO endpoint registered at {} (namespaces {})", PATH, namespaces.keySet());
  }

  @Override
  public void emit(String event, Object... args) {
    main.broadcast(null, event, args);
  }

  @Override
  public Emitter to(String room) {
    requireNonNull(room, "room");
    return main.emitter(room);
  }

  @Override
  public Emitter of(String namespace) {
    Namespace ns = namespaces.get(requireNonNull(namespace, "namespace"));
    if (ns == null) {
      throw new IllegalArgumentException(
          "no namespace '" + namespace + "'; the server has " + namespaces.keySet());
    }
    return ns.emitter(null);
  }

  @Override
  public Optional<SocketIoSocket> socket(String id) {
    return Optional.ofNullable(socketsById.get(id));
  }

  @Override
  public int connectionCount() {
    return connections.size();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (EngineConnection c : List.copyOf(connections)) {
      c.shutdown();
    }
    try {
      broadcast.close();
    } catch (RuntimeException e) {
      logger.warn("Closing the broadcast adapter {} failed", broadcast, e);
    }
    timers.shutdownNow();
    writers.shutdownNow();
    closers.shutdown(); // the closes queued above still run
    try {
      if (!closers.awaitTermination(10, TimeUnit.SECONDS)) {
        logger.warn("Some Socket.IO connections did not close within 10 s; giving up on them");
        closers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- across instances

  /** Publishes a broadcast that this server has delivered to its own clients. */
  void publish(String namespace, @Nullable String room, EngineConnection.Frames frames) {
    if (broadcast == BroadcastAdapter.NONE || closed) {
      return;
    }
    try {
      broadcast.publish(new BroadcastMessage(origin, namespace, room, frames.frames()).encode());
    } catch (RuntimeException e) {
      badBroadcasts.log("The broadcast adapter {} failed to publish; other instances miss an event", broadcast, e);
    }
  }

  /** A message from the broadcast adapter: another instance's broadcast, for this one's clients. */
  private void received(byte[] message) {
    try {
      BroadcastMessage m = BroadcastMessage.decode(message);
      if (Arrays.equals(m.origin(), origin)) {
        return; // this server's own, delivered already
      }
      Namespace ns = namespaces.get(m.namespace());
      if (ns == null) {
        badBroadcasts.log(
            "A broadcast from another instance is for namespace {}, which this server does not have",
            ClientLog.clean(m.namespace(), 200));
        return;
      }
      ns.deliver(m.room(), new EngineConnection.Frames(m.frames()));
    } catch (RuntimeException e) {
      badBroadcasts.log("Ignored a broadcast message that is not one ({} bytes): {}", message.length, e.getMessage());
    }
  }

  // ---- for the connections

  boolean isClosed() {
    return closed;
  }

  @Nullable Namespace namespace(String name) {
    return namespaces.get(name);
  }

  ClientLog clientLog() {
    return clientLog;
  }

  WarnOnce protocolErrors() {
    return protocolErrors;
  }

  WarnOnce slowClients() {
    return slowClients;
  }

  WarnOnce unknownEvents() {
    return unknownEvents;
  }

  WarnOnce refusedHandshakes() {
    return refusedHandshakes;
  }

  void handlerFailed(SocketIoHandler handler, String method, RuntimeException e) {
    handlerFailures.log(
        "Socket.IO handler {} threw from {}; the connection goes on", handler.getClass().getName(), method, e);
  }

  /** Opens a connection for a WebSocket that passed the handshake checks. */
  EngineConnection open(Transport transport, Map<String, List<String>> query) {
    EngineConnection c = new EngineConnection(this, transport, query);
    connections.add(c);
    if (closed) {
      c.shutdown();
    }
    return c;
  }

  void remove(EngineConnection c) {
    connections.remove(c);
  }

  void registered(NamespaceSocket s) {
    socketsById.put(s.id(), s);
  }

  void unregistered(NamespaceSocket s) {
    socketsById.remove(s.id(), s);
  }

  /** Runs a task after a delay on the timer thread; a no-op future once the server is closed. */
  ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
    try {
      return timers.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return CANCELLED;
    }
  }

  /** Starts a connection's writer. */
  void write(Runnable pump) {
    try {
      writers.execute(pump);
    } catch (RejectedExecutionException e) {
      logger.debug("Server closed; a write was not started");
    }
  }

  /** Runs a task that may block (a close) off the caller's thread. */
  void later(Runnable task) {
    try {
      closers.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private static final ScheduledFuture<?> CANCELLED = cancelledFuture();

  private static ScheduledFuture<?> cancelledFuture() {
    ScheduledThreadPoolExecutor once = new ScheduledThreadPoolExecutor(1);
    try {
      ScheduledFuture<?> f = once.schedule(() -> {}, 1, TimeUnit.DAYS);
      f.cancel(false);
      return f;
    } finally {
      once.shutdownNow();
    }
  }

  /** Gives the container a new endpoint per connection and checks the origin. */
  private static final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    private final JakartaSocketIoServer server;

    EndpointConfigurator(JakartaSocketIoServer server) {
      this.server = server;
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
      return endpointClass.cast(new SocketIoEndpoint(server));
    }

    @Override
    public boolean checkOrigin(@Nullable String originHeaderValue) {
      boolean ok = server.config.allowsOrigin(originHeaderValue);
      if (!ok) {
        server.refusedHandshakes.log(
            "Refused a WebSocket handshake from origin {} (allowed: {})",
            originHeaderValue, server.config.allowedOrigins());
      }
      return ok;
    }
  }
}
