package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import dev.engagement.events.internal.ClientLog;
import dev.engagement.events.internal.JakartaSocketIoServer;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An Engine.IO v4 / Socket.IO v5 server over WebSocket only, as a Jakarta WebSocket endpoint at
 * {@value #PATH}: a stock {@code socket.io-client} 3.x or 4.x with {@code transports:
 * ['websocket']} connects to it. Register it in any Jakarta WebSocket container (Tomcat, Jetty,
 * Undertow, GlassFish...):
 *
 * <pre>{@code
 * SocketIoServer server = SocketIoServer.builder().build();
 * server.register(serverContainer);   // e.g. from a ServletContextListener, before the first request
 * Batch batch = Batch.builder().listener(SocketIoProcessListener.to(server)).build();
 * }</pre>
 *
 * <p>The endpoint's path is relative to the web application: under a context path {@code /ctx},
 * the browser passes {@code path: '/ctx/socket.io/'}. HTTP long-polling is not offered; a client
 * must ask for the {@code websocket} transport. Old clients ({@code EIO=3}, socket.io-client 2.x)
 * and URLs without {@code EIO=4&transport=websocket} are refused: the connection is closed with
 * 1002 and a reason that says why, before any packet. A servlet filter can answer them with HTTP
 * 400 before the upgrade instead, with {@link #handshakeError}.
 *
 * <p>The server itself broadcasts to every client of the main namespace ({@link #emit}); {@link
 * #to} and {@link #of} reach a room or another namespace. With a {@link BroadcastAdapter} (e.g.
 * {@link RedisBroadcast}), these broadcasts reach the clients of every instance.
 *
 * <p>Thread-safe. {@link #close} closes every connection and stops the server's threads.
 *
 * @since 0.1
 */
public interface SocketIoServer extends Emitter, AutoCloseable {
  /** The endpoint's path, with the trailing slash every client sends. */
  String PATH = "/socket.io/";

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * Checks the query of a request to {@value #PATH}, as the server does on each WebSocket
   * handshake; a servlet filter can use it to answer a bad request with HTTP 400 before the
   * upgrade.
   *
   * @param eio the {@code EIO} parameter, or null if absent
   * @param transport the {@code transport} parameter, or null if absent
   * @param sid the {@code sid} parameter, or null if absent
   * @return why the request is refused, or empty if it may go on
   */
  static Optional<String> handshakeError(
      @Nullable String eio, @Nullable String transport, @Nullable String sid) {
    if (!"4".equals(eio)) {
      if ("3".equals(eio) || "2".equals(eio)) {
        return Optional.of(
            "Unsupported protocol version EIO=" + eio + ": use socket.io-client 3 or 4");
      }
      return Optional.of("Unsupported protocol version");
    }
    if (!"websocket".equals(transport)) {
      return Optional.of("Transport unknown: only websocket is offered");
    }
    if (sid != null) {
      return Optional.of("Session ID unknown");
    }
    return Optional.empty();
  }

  /**
   * Returns the configuration.
   *
   * @return the configuration
   */
  SocketIoConfig config();

  /**
   * Returns the endpoint's configuration, at {@value #PATH}, for {@link
   * ServerContainer#addEndpoint(ServerEndpointConfig)}, or for Spring's {@code
   * ServerEndpointExporter} as a {@code ServerEndpointConfig} bean. It makes one endpoint instance
   * per connection itself.
   *
   * @return the endpoint's configuration
   */
  ServerEndpointConfig endpointConfig();

  /**
   * Adds the endpoint to a container: the one-line way to deploy the server. Call it before the
   * container serves its first WebSocket request (some containers refuse endpoints later).
   *
   * @param container the container, e.g. from the servlet context's attribute {@code
   *     jakarta.websocket.server.ServerContainer}
   * @throws IllegalStateException if the container refuses the endpoint
   */
  void register(ServerContainer container);

  /**
   * Returns an emitter to the clients of the main namespace that are in a room, on every instance
   * when the server has a {@link BroadcastAdapter}.
   *
   * @param room the room (a socket's id is the room of that socket)
   * @return the emitter
   */
  Emitter to(String room);

  /**
   * Returns an emitter to every client of a namespace, on every instance when the server has a
   * {@link BroadcastAdapter}.
   *
   * @param namespace the namespace, e.g. {@code /custom}
   * @return the emitter
   * @throws IllegalArgumentException if the server has no such namespace
   */
  Emitter of(String namespace);

  /**
   * Returns a socket connected to this server by its id, in any namespace.
   *
   * @param id the socket id
   * @return the socket, or empty if no socket of this server has that id
   */
  Optional<SocketIoSocket> socket(String id);

  /**
   * Returns the number of open connections to this server.
   *
   * @return the number of connections
   */
  int connectionCount();

  /** Closes every connection (1001, going away) and stops the server's threads. */
  @Override
  void close();

  /** Builds a {@link SocketIoServer}. Not thread-safe. */
  final class Builder {
    private SocketIoConfig config = SocketIoConfig.ofDefaults();
    private final Map<String, SocketIoHandler> namespaces = new LinkedHashMap<>();
    private ClientLog clientLog = ClientLog.SLF4J;
    private BroadcastAdapter broadcast = BroadcastAdapter.NONE;

    private Builder() {
      namespaces.put("/", SocketIoHandler.NONE);
    }

    /**
     * Sets the configuration.
     *
     * @param config the configuration ({@link SocketIoConfig#ofDefaults()} by default)
     * @return this builder
     */
    public Builder config(SocketIoConfig config) {
      this.config = requireNonNull(config, "config");
      return this;
    }

    /**
     * Sets the handler of the main namespace, {@code /}.
     *
     * @param handler the handler ({@link SocketIoHandler#NONE} by default)
     * @return this builder
     */
    public Builder handler(SocketIoHandler handler) {
      return namespace("/", handler);
    }

    /**
     * Adds a namespace (or replaces the handler of one). A client that asks for a namespace the
     * server does not have gets {@code 44<nsp>,{"message":"Invalid namespace"}}.
     *
     * @param name the namespace, starting with {@code /}
     * @param handler its handler
     * @return this builder
     * @throws IllegalArgumentException if the name does not start with {@code /} or holds a comma
     */
    public Builder namespace(String name, SocketIoHandler handler) {
      requireNonNull(name, "name");
      requireNonNull(handler, "handler");
      if (!name.startsWith("/") || name.indexOf(',') >= 0) {
        throw new IllegalArgumentException(
            "a namespace starts with '/' and has no ',' but was '" + name + "'");
      }
      namespaces.put(name, handler);
      return this;
    }

    /**
     * Sets how broadcasts reach the clients of other instances ({@link BroadcastAdapter#NONE}, this
     * process only, by default). The server starts the adapter when it is built and closes it when
     * it closes.
     *
     * @param broadcast the adapter, e.g. {@link RedisBroadcast#connect(String)}
     * @return this builder
     */
    public Builder broadcast(BroadcastAdapter broadcast) {
      this.broadcast = requireNonNull(broadcast, "broadcast");
      return this;
    }

    /** Sets where client {@code log} events go (tests record them). */
    Builder clientLog(ClientLog clientLog) {
      this.clientLog = requireNonNull(clientLog, "clientLog");
      return this;
    }

    /**
     * Returns the server; its timer and writer threads start now, and so does its broadcast
     * adapter.
     *
     * @return the server
     * @throws BroadcastConfigurationException if the broadcast adapter cannot start
     */
    public SocketIoServer build() {
      return new JakartaSocketIoServer(config, namespaces, clientLog, broadcast);
    }
  }
}
