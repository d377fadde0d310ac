package dev.engagement.events.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.engagement.events.Emitter;
import dev.engagement.events.SocketIoHandler;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** A namespace: its handler, its sockets and its rooms. Thread-safe. */
final class Namespace {
  private final String name;
  private final SocketIoHandler handler;
  private final JakartaSocketIoServer server;
  private final Set<NamespaceSocket> sockets = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<NamespaceSocket>> rooms = new ConcurrentHashMap<>();

  Namespace(String name, SocketIoHandler handler, JakartaSocketIoServer server) {
    this.name = name;
    this.handler = handler;
    this.server = server;
  }

  String name() {
    return name;
  }

  SocketIoHandler handler() {
    return handler;
  }

  JakartaSocketIoServer server() {
    return server;
  }

  void add(NamespaceSocket socket) {
    sockets.add(socket);
  }

  void remove(NamespaceSocket socket) {
    sockets.remove(socket);
  }

  int size() {
    return sockets.size();
  }

  void join(String room, NamespaceSocket socket) {
    rooms.compute(
        room,
        (k, set) -> {
          Set<NamespaceSocket> s = set != null ? set : ConcurrentHashMap.newKeySet();
          s.add(socket);
          return s;
        });
  }

  void leave(String room, NamespaceSocket socket) {
    rooms.computeIfPresent(
        room,
        (k, set) -> {
          set.remove(socket);
          return set.isEmpty() ? null : set;
        });
  }

  /**
   * Sends an event, encoded once, to every socket of the namespace or of one room: this server's
   * at once, and the other instances' through the server's broadcast adapter.
   */
  void broadcast(@Nullable String room, String event, Object[] args) {
    EngineConnection.Frames frames =
        new EngineConnection.Frames(EngineConnection.frames(PacketCodec.encode(event(name, null, event, args))));
    deliver(room, frames);
    server.publish(name, room, frames);
  }

  /** Queues frames for every socket of this server in the namespace or in one room. */
  void deliver(@Nullable String room, EngineConnection.Frames frames) {
    Collection<NamespaceSocket> targets = room == null ? sockets : rooms.get(room);
    if (targets == null) {
      return;
    }
    for (NamespaceSocket s : targets) {
      if (s.connected()) {
        s.connection().enqueue(frames);
      }
    }
  }

  /** Returns an emitter to every socket of the namespace (room null) or of one room. */
  Emitter emitter(@Nullable String room) {
    return (event, args) -> broadcast(room, event, args);
  }

  /**
   * Returns an EVENT packet.
   *
   * @throws IllegalArgumentException if the name is empty or reserved, or an argument cannot be
   *     written as JSON
   */
  static Packet event(String nsp, @Nullable Long ackId, String event, Object[] args) {
    requireNonNull(event, "event");
    requireNonNull(args, "args");
    if (event.isEmpty() || PacketCodec.RESERVED_EVENTS.contains(event)) {
      throw new IllegalArgumentException("'" + event + "' is not an event name a client can receive");
    }
    ArrayNode data = Json.MAPPER.createArrayNode();
    data.add(event);
    for (Object a : args) {
      data.add(Json.tree(a));
    }
    return Packet.of(Packet.EVENT, nsp, ackId, data);
  }
}
