package dev.engagement.events.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.events.ConnectRefusal;
import dev.engagement.events.Handshake;
import dev.engagement.events.SocketIoConfig;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One Engine.IO v4 session over one WebSocket: the open packet, the server's pings and the pong
 * timeout, the connect timeout, the Socket.IO packets of each joined namespace, and one ordered,
 * bounded outbound queue drained by a single writer.
 *
 * <p>Thread-safe. Inbound messages come from the container one at a time. Emitting threads only
 * add to a lock-free queue (and start the writer when it is idle); timers and the namespace state
 * share one lock, which is never held while calling the transport, a handler or another
 * connection.
 */
final class EngineConnection {
  private static final Logger logger = LoggerFactory.getLogger(EngineConnection.class);

  /** Close codes (RFC 6455). */
  static final int NORMAL = 1000;
  static final int GOING_AWAY = 1001;
  static final int PROTOCOL_ERROR = 1002;
  static final int MESSAGE_TOO_BIG = 1009;
  static final int INTERNAL_ERROR = 1011;
  static final int TRY_AGAIN_LATER = 1013;

  private final JakartaSocketIoServer server;
  private final Transport transport;
  private final String sid;
  private final Map<String, List<String>> query;
  private final SocketIoConfig config;

  // the outbound queue takes no lock: an emitting thread (the batch's) never waits for a writer
  private final ConcurrentLinkedQueue<Frames> outbound = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedFrames = new AtomicInteger();
  // every frame queued and not yet written, the group being written included, in bytes
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicBoolean writing = new AtomicBoolean();
  private final AtomicBoolean dropping = new AtomicBoolean();
  // owned by the one writer (the thread that set "writing")
  private @Nullable Frames current;
  private int currentIndex;

  private final Object lock = new Object();
  // written under lock, read anywhere
  private volatile boolean closed;
  // guarded by lock
  private @Nullable ScheduledFuture<?> pingTimer;
  private @Nullable ScheduledFuture<?> pongTimer;
  private @Nullable ScheduledFuture<?> connectTimer;
  private final Map<String, NamespaceSocket> sockets = new HashMap<>();

  private final LogRateLimiter logLimiter;

  // inbound state, touched only by the thread delivering this connection's messages
  private @Nullable Packet pendingBinary;
  private final List<byte[]> pendingAttachments = new ArrayList<>();
  private long pendingBytes;

  EngineConnection(
      JakartaSocketIoServer server, Transport transport, Map<String, List<String>> query) {
    this.server = server;
    this.transport = transport;
    this.config = server.config();
    this.query = query;
    this.sid = Ids.next();
    this.logLimiter =
        new LogRateLimiter(config.clientLogsPerSecond(), config.clientLogBurst(), System::nanoTime);
  }

  String sid() {
    return sid;
  }

  /** Sends the open packet and arms the ping and connect timers. */
  void start() {
    ObjectNode open = Json.MAPPER.createObjectNode();
    open.put("sid", sid);
    open.putArray("upgrades");
    open.put("pingInterval", config.pingInterval().toMillis());
    open.put("pingTimeout", config.pingTimeout().toMillis());
    open.put("maxPayload", config.maxPayload());
    // written on this thread (the container's, in onOpen): some containers do not take frames
    // from other threads until the endpoint's onOpen has returned
    if (queue(new Frames(new Object[] {"0" + open}, false))) {
      pump();
    }
    synchronized (lock) {
      if (closed) {
        return;
      }
      pingTimer = server.schedule(this::ping, config.pingInterval().toMillis());
      connectTimer = server.schedule(this::connectTimedOut, config.connectTimeout().toMillis());
    }
    logger.debug("Engine.IO session {} opened", sid);
  }

  // ---- heartbeat and timeouts

  private void ping() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      pingTimer = null;
      pongTimer = server.schedule(this::pongTimedOut, config.pingTimeout().toMillis());
    }
    enqueue(PING);
  }

  private void pong() {
    synchronized (lock) {
      if (closed || pongTimer == null) {
        return; // a pong nobody asked for: ignored, as the reference does
      }
      pongTimer.cancel(false);
      pongTimer = null;
      pingTimer = server.schedule(this::ping, config.pingInterval().toMillis());
    }
  }

  // the timer thread only decides; closing (and the handlers' onDisconnect) runs elsewhere, so
  // that a slow handler never delays the pings of other connections

  private void pongTimedOut() {
    logger.debug("Engine.IO session {}: no pong within {}", sid, config.pingTimeout());
    server.later(() -> close(NORMAL, "ping timeout", "ping timeout"));
  }

  private void connectTimedOut() {
    synchronized (lock) {
      if (closed || !sockets.isEmpty()) {
        return;
      }
    }
    logger.debug("Engine.IO session {}: no namespace joined within {}", sid, config.connectTimeout());
    server.later(() -> close(NORMAL, "connect timeout", "transport close"));
  }

  // ---- inbound

  /** A text frame from the client. */
  void onText(String text) {
    try {
      readText(text);
    } catch (ProtocolException e) {
      protocolError(e);
    }
  }

  /** A binary frame from the client. */
  void onBinary(ByteBuffer data) {
    try {
      readBinary(data);
    } catch (ProtocolException e) {
      protocolError(e);
    }
  }

  /** The client sent a message larger than maxPayload. */
  void tooBig() {
    server.protocolErrors().log(
        "Closing Socket.IO connection {}: a message larger than maxPayload ({} bytes)", sid, config.maxPayload());
    close(MESSAGE_TOO_BIG, "message too big", "transport error");
  }

  private void protocolError(ProtocolException e) {
    server.protocolErrors().log(
        "Closing Socket.IO connection {}: {}", sid, e.getMessage());
    close(PROTOCOL_ERROR, e.getMessage() == null ? "protocol error" : e.getMessage(), "parse error");
  }

  private boolean isClosed() {
    return closed;
  }

  private void readText(String text) throws ProtocolException {
    if (isClosed()) {
      return;
    }
    if (pendingBinary != null) {
      throw new ProtocolException("text frame while binary attachments were expected");
    }
    if (text.isEmpty()) {
      throw new ProtocolException("empty frame");
    }
    char type = text.charAt(0);
    switch (type) {
      case '1' -> close(NORMAL, "closed by the client", "transport close");
      case '3' -> {
        if (text.length() != 1) {
          throw new ProtocolException("invalid pong");
        }
        pong();
      }
      case '4' -> readPacket(PacketCodec.decode(text.substring(1)));
      case '2' -> throw new ProtocolException("invalid heartbeat direction: a v4 client never pings");
      default -> throw new ProtocolException("unexpected Engine.IO packet type");
    }
  }

  private void readBinary(ByteBuffer data) throws ProtocolException {
    if (isClosed()) {
      return;
    }
    Packet header = pendingBinary;
    if (header == null) {
      throw new ProtocolException("binary frame without a binary packet");
    }
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    pendingBytes += bytes.length;
    if (pendingBytes > config.maxPayload()) {
      throw new ProtocolException("binary attachments larger than maxPayload");
    }
    pendingAttachments.add(bytes);
    if (pendingAttachments.size() == header.attachments()) {
      Packet packet = PacketCodec.reconstruct(header, pendingAttachments);
      pendingBinary = null;
      pendingAttachments.clear();
      pendingBytes = 0;
      dispatch(packet);
    }
  }

  private void readPacket(Packet packet) throws ProtocolException {
    if (packet.type() == Packet.BINARY_EVENT || packet.type() == Packet.BINARY_ACK) {
      if (packet.attachments() > 0) {
        pendingBinary = packet;
        return;
      }
      packet = PacketCodec.reconstruct(packet, List.of());
    }
    dispatch(packet);
  }

  private void dispatch(Packet packet) throws ProtocolException {
    switch (packet.type()) {
      case Packet.CONNECT -> connect(packet);
      case Packet.DISCONNECT -> {
        NamespaceSocket s;
        synchronized (lock) {
          s = sockets.remove(packet.nsp());
        }
        if (s == null) {
          throw new ProtocolException("disconnect from a namespace not joined: " + packet.nsp());
        }
        s.detach("client namespace disconnect");
      }
      case Packet.EVENT -> joined(packet.nsp()).onEvent(packet);
      case Packet.ACK -> {
        if (packet.id() == null) {
          throw new ProtocolException("ack without an id");
        }
        joined(packet.nsp()).onAck(packet.id(), packet.data());
      }
      default -> throw new ProtocolException("a client never sends packet type " + packet.type());
    }
  }

  private NamespaceSocket joined(String nsp) throws ProtocolException {
    synchronized (lock) {
      NamespaceSocket s = sockets.get(nsp);
      if (s == null) {
        throw new ProtocolException("packet for a namespace not joined: " + nsp);
      }
      return s;
    }
  }

  private void connect(Packet packet) throws ProtocolException {
    String nsp = packet.nsp();
    synchronized (lock) {
      if (sockets.containsKey(nsp)) {
        throw new ProtocolException("namespace already joined: " + nsp);
      }
    }
    Namespace ns = server.namespace(nsp);
    if (ns == null) {
      ObjectNode error = Json.MAPPER.createObjectNode().put("message", "Invalid namespace");
      send(Packet.of(Packet.CONNECT_ERROR, nsp, null, error));
      return;
    }
    JsonNode auth = packet.data() != null ? packet.data() : Json.MAPPER.createObjectNode();
    Handshake handshake = new Handshake(nsp, auth, query);
    Optional<ConnectRefusal> refusal;
    try {
      refusal = ns.handler().authorize(handshake);
    } catch (RuntimeException e) {
      logger.warn("Handler {} threw from authorize; closing the connection",
          ns.handler().getClass().getName(), e);
      close(INTERNAL_ERROR, "server error", "server error");
      return;
    }
    if (refusal.isPresent()) {
      ObjectNode error = Json.MAPPER.createObjectNode().put("message", refusal.get().message());
      if (refusal.get().data() != null) {
        error.set("data", refusal.get().data());
      }
      send(Packet.of(Packet.CONNECT_ERROR, nsp, null, error));
      return;
    }
    NamespaceSocket socket = new NamespaceSocket(Ids.next(), ns, this, handshake);
    Frames reply =
        new Frames(
            frames(PacketCodec.encode(Packet.of(
                Packet.CONNECT, nsp, null, Json.MAPPER.createObjectNode().put("sid", socket.id())))),
            true);
    boolean kick;
    synchronized (lock) {
      if (closed) {
        return;
      }
      sockets.put(nsp, socket);
      if (connectTimer != null) {
        connectTimer.cancel(false);
        connectTimer = null;
      }
      // the reply is queued before the socket joins the namespace, so a broadcast that finds
      // the socket queues after the reply; and the reply is a barrier that the writer passes
      // only once this lock is released, so once the client has it, every broadcast finds the
      // socket
      kick = queue(reply);
      socket.joinNamespace();
    }
    if (kick) {
      server.write(this::pump);
    }
    socket.attach();
  }

  /** Forgets a namespace socket that the server disconnected; returns whether it was joined. */
  boolean forget(NamespaceSocket socket) {
    synchronized (lock) {
      return sockets.remove(socket.namespace(), socket);
    }
  }

  /**
   * Writes a client's {@code log} event to the server's client log, within this connection's rate
   * limit; the lines dropped are counted and reported.
   */
  void clientLog(String socketId, List<JsonNode> args) {
    if (config.clientLogsPerSecond() == 0) {
      return;
    }
    ClientLog sink = server.clientLog();
    switch (logLimiter.acquire()) {
      case WRITE -> {}
      case WRITE_AFTER_DROPS -> reportDroppedLogs(sink, socketId, logLimiter.takeDropped());
      case DROP_FIRST -> {
        sink.log(
            Level.WARN,
            socketId,
            "(this client sends more than " + config.clientLogsPerSecond()
                + " log events per second: the excess is dropped and counted)");
        return;
      }
      case DROP -> {
        return;
      }
    }
    if (!ClientLog.handle(sink, socketId, args)) {
      logger.debug("Ignored a malformed log event from Socket.IO client {}", socketId);
    }
  }

  private void reportDroppedLogs(ClientLog sink, String socketId, long dropped) {
    if (dropped > 0) {
      sink.log(
          Level.WARN,
          socketId,
          "(" + dropped + " log events of this client were dropped: more than "
              + config.clientLogsPerSecond() + " per second)");
    }
  }

  // ---- outbound

  /** Encodes and queues one packet for this client. */
  boolean send(Packet packet) {
    return enqueue(new Frames(frames(PacketCodec.encode(packet)), false));
  }

  /** Returns the frames of an encoded packet: the Engine.IO message, then the attachments. */
  static Object[] frames(PacketCodec.Encoded encoded) {
    Object[] frames = new Object[1 + encoded.attachments().size()];
    frames[0] = "4" + encoded.text();
    for (int i = 0; i < encoded.attachments().size(); i++) {
      frames[i + 1] = encoded.attachments().get(i);
    }
    return frames;
  }

  /**
   * Frames written together, in order, nothing between them: a {@code String} is a text frame,
   * a {@code byte[]} a binary one. Immutable: one instance is queued for every client of a
   * broadcast.
   *
   * @param frames the frames
   * @param barrier whether the writer must wait for the connection's lock first (a CONNECT
   *     reply, queued under that lock)
   */
  record Frames(Object[] frames, boolean barrier, long bytes) {
    Frames(Object[] frames, boolean barrier) {
      this(frames, barrier, size(frames));
    }

    Frames(Object[] frames) {
      this(frames, false);
    }

    /** Returns the size of frames on the wire: text in UTF-8, binary as it is. */
    static long size(Object[] frames) {
      long n = 0;
      for (Object f : frames) {
        n += f instanceof String text ? InboundMessages.utf8Length(text) : ((byte[]) f).length;
      }
      return n;
    }
  }

  private static final Frames PING = new Frames(new Object[] {"2"});

  /**
   * Queues frames to be written together. Never blocks and takes no lock; a client whose unsent
   * frames or bytes would go over the bounds is dropped (one message larger than the byte bound
   * still goes to a client with nothing else unsent).
   *
   * @return false if the frames were not queued (closed or dropped)
   */
  boolean enqueue(Frames frames) {
    if (closed || dropping.get()) {
      return false;
    }
    int n = frames.frames().length;
    int framesBefore = queuedFrames.getAndAdd(n);
    long bytesBefore = queuedBytes.getAndAdd(frames.bytes());
    if (framesBefore + n > config.maxQueuedFrames()
        || (bytesBefore > 0 && bytesBefore + frames.bytes() > config.maxQueuedBytes())) {
      queuedFrames.addAndGet(-n);
      queuedBytes.addAndGet(-frames.bytes());
      drop(framesBefore, bytesBefore);
      return false;
    }
    outbound.offer(frames);
    if (writing.compareAndSet(false, true)) {
      server.write(this::pump);
    }
    return true;
  }

  /**
   * Queues frames the connection itself sends (the open packet, a CONNECT reply) whatever the
   * bounds, but counted: a client already over them is dropped. Returns true if the caller must
   * start the writer.
   */
  private boolean queue(Frames frames) {
    int framesNow = queuedFrames.addAndGet(frames.frames().length);
    long bytesNow = queuedBytes.addAndGet(frames.bytes());
    outbound.offer(frames);
    if (framesNow > config.maxQueuedFrames()
        || (bytesNow > frames.bytes() && bytesNow > config.maxQueuedBytes())) {
      drop(framesNow, bytesNow);
    }
    return writing.compareAndSet(false, true);
  }

  /** Drops a client that cannot keep up: logged once per client, closed with 1013 elsewhere. */
  private void drop(int frames, long bytes) {
    if (dropping.compareAndSet(false, true)) {
      server.slowClients().log(
          "Dropping Socket.IO client {}: it does not read fast enough ({} frames, {} bytes unsent;"
              + " the bounds are {} frames, {} bytes)",
          sid, frames, bytes, config.maxQueuedFrames(), config.maxQueuedBytes());
      server.later(() -> close(TRY_AGAIN_LATER, "slow client: outbound queue full", "slow client"));
    }
  }

  /** A group of frames is written (or will not be): it no longer counts as unsent. */
  private void release(Frames group) {
    queuedFrames.addAndGet(-group.frames().length);
    queuedBytes.addAndGet(-group.bytes());
  }

  /** Returns the next frame to write, or null when the queue is empty (or the connection closed). */
  private @Nullable Object nextFrame() {
    Frames group = current;
    if (group != null && currentIndex == group.frames().length) {
      release(group); // every frame of it is written
      current = null;
      group = null;
    }
    if (group == null) {
      group = outbound.poll();
      if (group == null) {
        return null;
      }
      current = group;
      currentIndex = 0;
      if (group.barrier()) {
        synchronized (lock) {
          // nothing: the CONNECT reply was queued under this lock, with its socket's join
        }
      }
    }
    return closed ? null : group.frames()[currentIndex++];
  }

  /** Writes the queue, one frame at a time; only the thread that set "writing" runs it. */
  private void pump() {
    for (;;) {
      Object frame = nextFrame();
      if (frame == null) {
        writing.set(false);
        // frames queued after the poll and before the set would wait for ever: look again
        if (closed || outbound.isEmpty() || !writing.compareAndSet(false, true)) {
          return;
        }
        continue;
      }
      AtomicInteger state = new AtomicInteger(); // 0 sending, 1 sender returned, 2 done inline
      Consumer<@Nullable Throwable> done =
          failure -> {
            if (failure != null) {
              writeFailed(failure);
            } else if (!state.compareAndSet(0, 2)) {
              pump(); // the sender returned already: this thread goes on with the queue
            }
          };
      if (frame instanceof String text) {
        transport.sendText(text, done);
      } else {
        transport.sendBinary(ByteBuffer.wrap((byte[]) frame), done);
      }
      if (state.compareAndSet(0, 1)) {
        return; // the send goes on asynchronously; its completion resumes the pump
      }
    }
  }

  private void writeFailed(Throwable failure) {
    logger.debug("Engine.IO session {}: write failed", sid, failure);
    close(INTERNAL_ERROR, "write failed", "transport error");
  }

  /** Returns the number of frames waiting to be written, the group being written included. */
  int queued() {
    return Math.max(0, queuedFrames.get());
  }

  /** Returns the number of bytes waiting to be written, the group being written included. */
  long queuedBytes() {
    return Math.max(0, queuedBytes.get());
  }

  // ---- closing

  /** The container says the WebSocket is closed (by the peer, or after our close). */
  void onTransportClosed(int code) {
    closeInternal(code, "", "transport close", CloseMode.ALREADY_CLOSED);
  }

  /** The container reports an error on the WebSocket; it closes it next. */
  void onTransportError(Throwable t) {
    logger.debug("Engine.IO session {}: transport error", sid, t);
    closeInternal(INTERNAL_ERROR, "transport error", "transport error", CloseMode.LATER);
  }

  /**
   * Closes the connection: no more frames are written, the timers stop, every namespace socket is
   * told why, and the WebSocket is closed with {@code code} on another thread.
   */
  void close(int code, String closeReason, String disconnectReason) {
    closeInternal(code, closeReason, disconnectReason, CloseMode.LATER);
  }

  /** Closes for a server that shuts down; the WebSocket is closed on another thread. */
  void shutdown() {
    closeInternal(GOING_AWAY, "server shutting down", "server shutting down", CloseMode.LATER);
  }

  private enum CloseMode {
    ALREADY_CLOSED,
    LATER
  }

  private void closeInternal(
      int code, String closeReason, String disconnectReason, CloseMode mode) {
    List<NamespaceSocket> gone;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      cancel(pingTimer);
      cancel(pongTimer);
      cancel(connectTimer);
      pingTimer = null;
      pongTimer = null;
      connectTimer = null;
      outbound.clear();
      queuedFrames.set(0);
      queuedBytes.set(0);
      gone = new ArrayList<>(sockets.values());
      sockets.clear();
    }
    logger.debug("Engine.IO session {} closed ({}, {})", sid, code, disconnectReason);
    if (!gone.isEmpty()) {
      reportDroppedLogs(server.clientLog(), gone.get(0).id(), logLimiter.takeDropped());
    }
    server.remove(this);
    if (mode == CloseMode.LATER) {
      server.later(() -> transport.close(code, closeReason));
    }
    for (NamespaceSocket s : gone) {
      s.detach(disconnectReason);
    }
  }

  private static void cancel(@Nullable ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public String toString() {
    return "EngineConnection[" + sid + "]";
  }
}
