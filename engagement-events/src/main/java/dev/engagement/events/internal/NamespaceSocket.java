package dev.engagement.events.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.engagement.events.Ack;
import dev.engagement.events.EventDeliveryException;
import dev.engagement.events.Handshake;
import dev.engagement.events.SocketIoHandler;
import dev.engagement.events.SocketIoSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client in one namespace, over one {@link EngineConnection}. Thread-safe. */
final class NamespaceSocket implements SocketIoSocket {
  private static final Logger logger = LoggerFactory.getLogger(NamespaceSocket.class);

  private final String id;
  private final Namespace namespace;
  private final EngineConnection connection;
  private final Handshake handshake;
  private final Set<String> rooms = ConcurrentHashMap.newKeySet();
  private final AtomicLong nextAckId = new AtomicLong();
  private final Map<Long, PendingAck> acks = new ConcurrentHashMap<>();
  private final AtomicBoolean detached = new AtomicBoolean();
  private volatile boolean connected;

  // onConnect happens before onDisconnect, whichever thread detaches: a detach that comes while
  // the handler has not heard of the socket yet leaves its reason here for attach() to deliver
  private final Object handlerOrder = new Object();
  private boolean attached;
  private @Nullable String disconnectAfterAttach;

  private record PendingAck(CompletableFuture<List<JsonNode>> future, ScheduledFuture<?> timeout) {}

  NamespaceSocket(String id, Namespace namespace, EngineConnection connection, Handshake handshake) {
    this.id = id;
    this.namespace = namespace;
    this.connection = connection;
    this.handshake = handshake;
  }

  EngineConnection connection() {
    return connection;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String namespace() {
    return namespace.name();
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public void emit(String event, Object... args) {
    Packet packet = Namespace.event(namespace.name(), null, event, args);
    if (connected) {
      connection.send(packet);
    }
  }

  @Override
  public CompletableFuture<List<JsonNode>> emitWithAck(
      Duration timeout, String event, Object... args) {
    requireNonNull(timeout, "timeout");
    long ackId = nextAckId.getAndIncrement();
    Packet packet = Namespace.event(namespace.name(), ackId, event, args);
    CompletableFuture<List<JsonNode>> future = new CompletableFuture<>();
    if (!connected) {
      future.completeExceptionally(new EventDeliveryException("socket " + id + " is disconnected"));
      return future;
    }
    ScheduledFuture<?> timer =
        namespace.server().schedule(
            () -> {
              PendingAck p = acks.remove(ackId);
              if (p != null) {
                // the future's dependents run where it completes: not on the timer thread
                namespace.server().later(() ->
                    p.future().completeExceptionally(
                        new EventDeliveryException(
                            "no ack from socket " + id + " for '" + event + "' within " + timeout)));
              }
            },
            Math.max(1, timeout.toMillis()));
    acks.put(ackId, new PendingAck(future, timer));
    if (!connection.send(packet) || !connected) {
      failAck(ackId, "socket " + id + " is disconnected");
    }
    return future;
  }

  private void failAck(long ackId, String why) {
    PendingAck p = acks.remove(ackId);
    if (p != null) {
      p.timeout().cancel(false);
      p.future().completeExceptionally(new EventDeliveryException(why));
    }
  }

  @Override
  public void join(String room) {
    requireNonNull(room, "room");
    if (connected && rooms.add(room)) {
      namespace.join(room, this);
    }
  }

  @Override
  public void leave(String room) {
    requireNonNull(room, "room");
    if (!room.equals(id) && rooms.remove(room)) {
      namespace.leave(room, this);
    }
  }

  @Override
  public Set<String> rooms() {
    return Set.copyOf(rooms);
  }

  @Override
  public void disconnect() {
    if (connection.forget(this)) {
      connection.send(Packet.of(Packet.DISCONNECT, namespace.name(), null, null));
      detach("server namespace disconnect");
    }
  }

  @Override
  public void closeConnection() {
    connection.close(EngineConnection.NORMAL, "closed by the server", "forced close");
  }

  // ---- called by the connection

  /**
   * Joins the namespace and the room of its id; called under the connection's lock, with the
   * {@code 40} reply queued in the same step.
   */
  void joinNamespace() {
    connected = true;
    rooms.add(id);
    namespace.add(this);
    namespace.join(id, this);
    namespace.server().registered(this);
  }

  /** The {@code 40} reply is queued: the handler hears of the socket. */
  void attach() {
    String reason;
    synchronized (handlerOrder) {
      try {
        namespace.handler().onConnect(this);
      } catch (RuntimeException e) {
        namespace.server().handlerFailed(namespace.handler(), "onConnect", e);
      }
      attached = true;
      reason = disconnectAfterAttach;
    }
    if (reason != null) {
      disconnected(reason);
    }
  }

  /** The socket left (or its connection closed): out of every room, pending acks failed. */
  void detach(String reason) {
    if (!detached.compareAndSet(false, true)) {
      return;
    }
    boolean wasConnected = connected;
    connected = false;
    namespace.remove(this);
    for (String room : rooms) {
      namespace.leave(room, this);
    }
    rooms.clear();
    namespace.server().unregistered(this);
    for (Long ackId : new ArrayList<>(acks.keySet())) {
      failAck(ackId, "socket " + id + " disconnected (" + reason + ")");
    }
    if (wasConnected) {
      synchronized (handlerOrder) {
        if (!attached) {
          // onConnect has not run yet (or runs on this thread right now): it goes first
          disconnectAfterAttach = reason;
          return;
        }
      }
      disconnected(reason);
    }
  }

  private void disconnected(String reason) {
    try {
      namespace.handler().onDisconnect(this, reason);
    } catch (RuntimeException e) {
      namespace.server().handlerFailed(namespace.handler(), "onDisconnect", e);
    }
  }

  /** An event from the client. */
  void onEvent(Packet packet) {
    JsonNode data = requireNonNull(packet.data());
    String event = data.get(0).asText();
    List<JsonNode> args = new ArrayList<>(data.size() - 1);
    for (int i = 1; i < data.size(); i++) {
      args.add(data.get(i));
    }
    List<JsonNode> argList = List.copyOf(args);
    ClientAck ack = new ClientAck(packet.id());
    SocketIoHandler handler = namespace.handler();
    boolean taken = false;
    try {
      taken = handler.onEvent(this, event, argList, ack);
    } catch (RuntimeException e) {
      namespace.server().handlerFailed(handler, "onEvent", e);
      taken = true;
    }
    if (!taken) {
      if ("log".equals(event)) {
        connection.clientLog(id, argList);
      } else {
        namespace.server().unknownEvents().log(
            "Ignored unknown event '{}' from Socket.IO client {} in namespace {}",
            ClientLog.clean(event), id, namespace.name());
      }
    }
    ack.send();
  }

  /** A reply to one of our events. */
  void onAck(long ackId, @Nullable JsonNode data) {
    PendingAck p = acks.remove(ackId);
    if (p == null) {
      logger.debug("Socket.IO client {} answered unknown or expired ack {}", id, ackId);
      return;
    }
    p.timeout().cancel(false);
    List<JsonNode> args = new ArrayList<>();
    if (data != null) {
      data.forEach(args::add);
    }
    p.future().complete(List.copyOf(args));
  }

  /** The reply to one client event. */
  private final class ClientAck implements Ack {
    private final @Nullable Long ackId;
    private final AtomicBoolean sent = new AtomicBoolean();

    ClientAck(@Nullable Long ackId) {
      this.ackId = ackId;
    }

    @Override
    public boolean requested() {
      return ackId != null;
    }

    @Override
    public void send(Object... args) {
      if (ackId == null || !sent.compareAndSet(false, true)) {
        return;
      }
      ArrayNode data = Json.MAPPER.createArrayNode();
      for (Object a : args) {
        data.add(Json.tree(a));
      }
      connection.send(Packet.of(Packet.ACK, namespace.name(), ackId, data));
    }
  }

  @Override
  public String toString() {
    return "SocketIoSocket[" + id + " in " + namespace.name() + "]";
  }
}
