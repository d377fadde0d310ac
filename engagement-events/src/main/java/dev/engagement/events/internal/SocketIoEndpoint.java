package dev.engagement.events.internal;

import dev.engagement.events.SocketIoConfig;
import dev.engagement.events.SocketIoServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Jakarta WebSocket endpoint: one instance per connection, made by the server's
 * configurator. Checks the handshake's query, sets the inbound limits and hands the messages to
 * an {@link EngineConnection}.
 *
 * <p>Not API: public only because some containers (Jetty) refuse an endpoint class that is not;
 * it has no public constructor, and only the server's configurator makes instances. Thread-safe
 * as the container uses it (one instance per connection).
 */
public final class SocketIoEndpoint extends Endpoint {
  private final JakartaSocketIoServer server;
  private volatile @Nullable EngineConnection connection;

  SocketIoEndpoint(JakartaSocketIoServer server) {
    this.server = server;
  }

  @Override
  public void onOpen(Session session, EndpointConfig endpointConfig) {
    Map<String, List<String>> query = session.getRequestParameterMap();
    Optional<String> error =
        SocketIoServer.handshakeError(first(query, "EIO"), first(query, "transport"), first(query, "sid"));
    JakartaTransport transport = new JakartaTransport(session);
    if (error.isPresent()) {
      server.refusedHandshakes().log(
          "Refused a Socket.IO client (query '{}'): {}", session.getQueryString(), error.get());
      transport.close(EngineConnection.PROTOCOL_ERROR, error.get());
      return;
    }
    if (server.isClosed()) {
      transport.close(EngineConnection.GOING_AWAY, "server shutting down");
      return;
    }
    SocketIoConfig config = server.config();
    // the heartbeat keeps a healthy connection busy; a container's idle timeout only has to
    // outlast it
    session.setMaxIdleTimeout(
        2 * (config.pingInterval().toMillis() + config.pingTimeout().toMillis()) + 1000);
    EngineConnection c = server.open(transport, query);
    connection = c;
    // parts, put together up to maxPayload by us: the container's buffers stay small
    InboundMessages inbound = new InboundMessages(c, config.maxPayload());
    session.addMessageHandler(String.class, inbound.textHandler());
    session.addMessageHandler(ByteBuffer.class, inbound.binaryHandler());
    c.start();
  }

  @Override
  public void onClose(Session session, CloseReason closeReason) {
    EngineConnection c = connection;
    if (c != null) {
      c.onTransportClosed(closeReason.getCloseCode().getCode());
    }
  }

  @Override
  public void onError(Session session, Throwable thr) {
    EngineConnection c = connection;
    if (c != null) {
      c.onTransportError(thr);
    }
  }

  private static @Nullable String first(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
