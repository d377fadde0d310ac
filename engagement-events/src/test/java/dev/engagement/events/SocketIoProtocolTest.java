package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.events.internal.ClientLog;
import dev.engagement.events.internal.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire protocol, frame by frame, with the JDK's WebSocket client against embedded Tomcat 11
 * and Jetty 12: the same assertions on both (the cases of {@code socketio-protocol.md} §7).
 */
final class SocketIoProtocolTest {
  /** The timings of the official suite's fixture. */
  static final SocketIoConfig FAST =
      SocketIoConfig.builder()
          .pingInterval(Duration.ofMillis(300))
          .pingTimeout(Duration.ofMillis(200))
          .connectTimeout(Duration.ofMillis(1000))
          .build();

  /** Timings that leave a test alone (no pings while it runs). */
  static final SocketIoConfig QUIET = SocketIoConfig.ofDefaults();

  static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  @TempDir Path temp;

  final RecordingHandler main = new RecordingHandler();
  final RecordingHandler custom = new RecordingHandler();
  final RecordingClientLog clientLog = new RecordingClientLog();

  static Stream<TestContainer> containers() {
    return TestContainer.all().stream();
  }

  Deployed deploy(TestContainer container, SocketIoConfig config) throws Exception {
    SocketIoServer server =
        SocketIoServer.builder()
            .config(config)
            .handler(main)
            .namespace("/custom", custom)
            .clientLog(clientLog)
            .build();
    return Deployed.start(container, server, temp);
  }

  // ---- handshake

  @ParameterizedTest
  @MethodSource("containers")
  void sendsTheOpenPacketFirst(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, FAST);
        FrameClient c = d.connect()) {
      String open = c.nextText();
      assertThat(open).startsWith("0");
      JsonNode o = Json.MAPPER.readTree(open.substring(1));
      assertThat(o.properties()).extracting(Map.Entry::getKey)
          .containsExactly("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
      assertThat(o.get("sid").asText()).hasSize(20);
      assertThat(o.get("upgrades").toString()).isEqualTo("[]");
      assertThat(o.get("pingInterval").asInt()).isEqualTo(300);
      assertThat(o.get("pingTimeout").asInt()).isEqualTo(200);
      assertThat(o.get("maxPayload").asInt()).isEqualTo(1_000_000);
    }
  }

  static Stream<Arguments> badQueries() {
    return containers()
        .flatMap(
            c ->
                Stream.of(
                        "?transport=websocket",
                        "?EIO=abc&transport=websocket",
                        "?EIO=3&transport=websocket",
                        "?EIO=4",
                        "?EIO=4&transport=abc",
                        "?EIO=4&transport=polling",
                        "?EIO=4&transport=websocket&sid=abc")
                    .map(q -> Arguments.of(c, q)));
  }

  @ParameterizedTest
  @MethodSource("badQueries")
  void closesBadHandshakesBeforeAnyPacket(TestContainer container, String query) throws Exception {
    try (Deployed d = deploy(container, FAST);
        FrameClient c = FrameClient.connect(d.ws(query))) {
      FrameClient.Frame first = c.next(CLOSE_WAIT);
      assertThat(first.isClose()).as("first frame %s", first).isTrue();
      assertThat(first.closeCode()).isEqualTo(1002);
      assertThat(d.server.connectionCount()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void checksTheOriginWhenOriginsAreSet(TestContainer container) throws Exception {
    SocketIoConfig config =
        FAST.toBuilder().allowedOrigins(java.util.Set.of("http://localhost:5000")).build();
    try (Deployed d = deploy(container, config)) {
      assertThat(FrameClient.handshakeStatus(d.ws(), Map.of("Origin", "http://localhost:5000")))
          .isEqualTo(101);
      assertThat(FrameClient.handshakeStatus(d.ws(), Map.of("Origin", "https://evil.example")))
          .isEqualTo(403);
      assertThat(FrameClient.handshakeStatus(d.ws(), Map.of())).isEqualTo(101);
    }
  }

  // ---- namespaces

  @ParameterizedTest
  @MethodSource("containers")
  void joinsTheMainNamespace(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.connect()) {
      String engineSid = Json.MAPPER.readTree(c.nextText().substring(1)).get("sid").asText();
      c.send("40");
      String reply = c.nextMessage();
      assertThat(reply).startsWith("40{");
      JsonNode o = Json.MAPPER.readTree(reply.substring(2));
      assertThat(o.properties()).extracting(Map.Entry::getKey).containsExactly("sid");
      assertThat(o.get("sid").asText()).hasSize(20).isNotEqualTo(engineSid);
      assertThat(main.next()).isEqualTo("connect / {}");
      SocketIoSocket s = main.socket();
      assertThat(s.id()).isEqualTo(o.get("sid").asText());
      assertThat(s.rooms()).containsExactly(s.id());
      assertThat(d.server.socket(s.id())).containsSame(s);
      assertThat(s.handshake().queryParameter("EIO")).contains("4");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void joinsACustomNamespaceWithAuth(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.connect()) {
      c.nextText();
      c.send("40/custom,{\"token\":\"abc\"}");
      assertThat(c.nextMessage()).matches("40/custom,\\{\"sid\":\"[A-Za-z0-9_-]{20}\"}");
      assertThat(custom.next()).isEqualTo("connect /custom {\"token\":\"abc\"}");
      c.send("40/custom");
      assertThat(c.awaitClose(CLOSE_WAIT)).as("a second CONNECT to a joined namespace").isEqualTo(1002);
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void refusesAnUnknownNamespaceAndStaysOpen(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.connect()) {
      c.nextText();
      c.send("40/random");
      assertThat(c.nextMessage()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
      c.send("40");
      assertThat(c.nextMessage()).startsWith("40{\"sid\":");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void refusesWhatTheHandlerRefuses(TestContainer container) throws Exception {
    ObjectNode data = Json.MAPPER.createObjectNode().put("reason", "bad token");
    main.authorizer =
        h -> h.auth().path("token").asText().equals("good")
            ? Optional.empty()
            : Optional.of(new ConnectRefusal("not authorized", data));
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.connect()) {
      c.nextText();
      c.send("40{\"token\":\"bad\"}");
      assertThat(c.nextMessage())
          .isEqualTo("44{\"message\":\"not authorized\",\"data\":{\"reason\":\"bad token\"}}");
      c.send("40{\"token\":\"good\"}");
      assertThat(c.nextMessage()).startsWith("40{\"sid\":");
    }
  }

  // ---- events

  @ParameterizedTest
  @MethodSource("containers")
  void broadcastsToNamespacesAndRooms(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient a = d.joined();
        FrameClient b = d.joined()) {
      SocketIoSocket sa = main.socket();
      main.socket();
      d.server.emit("message", Map.of("type", "progress"));
      assertThat(a.nextText()).isEqualTo("42[\"message\",{\"type\":\"progress\"}]");
      assertThat(b.nextText()).isEqualTo("42[\"message\",{\"type\":\"progress\"}]");

      sa.join("batch-1");
      d.server.to("batch-1").emit("message", "only a");
      d.server.to(sa.id()).emit("message", "a again");
      d.server.emit("message", "all");
      assertThat(a.nextText()).isEqualTo("42[\"message\",\"only a\"]");
      assertThat(a.nextText()).isEqualTo("42[\"message\",\"a again\"]");
      assertThat(a.nextText()).isEqualTo("42[\"message\",\"all\"]");
      assertThat(b.nextText()).isEqualTo("42[\"message\",\"all\"]");

      b.send("40/custom,");
      assertThat(b.nextText()).startsWith("40/custom,{\"sid\":");
      d.server.of("/custom").emit("message", 1, "2", Map.of("3", List.of(true)));
      assertThat(b.nextText()).isEqualTo("42/custom,[\"message\",1,\"2\",{\"3\":[true]}]");
      assertThat(a.poll(Duration.ofMillis(200))).isNull();

      assertThatThrownBy(() -> d.server.emit("disconnect")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> d.server.of("/nope")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void writesLogEventsToTheClientLogAtTheirLevel(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      c.send("42[\"log\",{\"level\":\"info\",\"message\":\"Client successfully connected to server.\"}]");
      c.send("42[\"log\",{\"level\":\"warning\",\"message\":\"two\\nlines\"}]");
      c.send("42[\"log\",{\"level\":\"error\",\"message\":\"boom\"}]");
      c.send("42[\"log\",{\"level\":\"loud\",\"message\":\"odd level\"}]");
      assertThat(clientLog.next()).isEqualTo("INFO Client successfully connected to server.");
      assertThat(clientLog.next()).isEqualTo("WARN two\\nlines");
      assertThat(clientLog.next()).isEqualTo("ERROR boom");
      assertThat(clientLog.next()).isEqualTo("INFO (level loud) odd level");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void cleansLogEventsOfControlAndBidiCharacters(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      c.send("42[\"log\",{\"level\":\"error\",\"message\":"
          + "\"\\u202egnp.exe\\u2028[INFO] forged\\u0085line\\u001b[2J\\u2066x\\u2069\"}]");
      assertThat(clientLog.next()).isEqualTo("ERROR gnp.exe[INFO] forgedline[2Jx");
      c.send("42[\"log\",{\"level\":\"\\u202ewarn\\n\",\"message\":\"m\"}]");
      assertThat(clientLog.next()).isEqualTo("INFO (level warn\\n) m");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void limitsTheLogEventsOfEachClientAndCountsWhatItDrops(TestContainer container) throws Exception {
    SocketIoConfig config = QUIET.toBuilder().clientLogsPerSecond(2).build(); // a burst of 10
    int flood = 500;
    long start = System.nanoTime();
    try (Deployed d = deploy(container, config);
        FrameClient c = d.joined()) {
      for (int i = 0; i < flood; i++) {
        c.send("421[\"log\",{\"level\":\"error\",\"message\":\"flood " + i + "\"}]");
      }
      for (int i = 0; i < flood; i++) {
        assertThat(c.nextMessage()).as("ack %s", i).isEqualTo("431[]"); // every one answered
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> lines = new ArrayList<>();
    String line;
    while ((line = clientLog.lines.poll(2, TimeUnit.SECONDS)) != null) {
      lines.add(line);
    }
    List<String> written = lines.stream().filter(l -> l.startsWith("ERROR flood ")).toList();
    assertThat(written.subList(0, 10))
        .containsExactly(IntStream.range(0, 10).mapToObj(i -> "ERROR flood " + i).toArray(String[]::new));
    assertThat(written.size()).as("lines in %.1f s", seconds).isLessThanOrEqualTo(10 + (int) Math.ceil(2 * seconds) + 1);
    assertThat(lines.get(10))
        .isEqualTo("WARN (this client sends more than 2 log events per second: the excess is dropped and counted)");
    long reported = 0;
    for (String l : lines) {
      Matcher m =
          Pattern.compile("WARN \\((\\d+) log events of this client were dropped: more than 2 per second\\)")
              .matcher(l);
      if (m.matches()) {
        reported += Long.parseLong(m.group(1));
      }
    }
    assertThat(reported + written.size()).as("%s", lines).isEqualTo(flood);
    // the notices aside, nothing else was written
    assertThat(lines).hasSizeLessThanOrEqualTo(written.size() + 1 + (int) Math.ceil(seconds) + 1);
  }

  @ParameterizedTest
  @MethodSource("containers")
  void answersEveryAckOnce(TestContainer container) throws Exception {
    main.onEvent =
        (socket, event, args, ack) -> {
          if (event.equals("question")) {
            ack.send(1, "2", Map.of("3", List.of(false)));
            ack.send("ignored: one reply only");
            return true;
          }
          return false;
        };
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      c.send("421[\"log\",{\"level\":\"info\",\"message\":\"with a callback\"}]");
      assertThat(c.nextMessage()).isEqualTo("431[]");
      c.send("425[\"never-heard-of\",1]");
      assertThat(c.nextMessage()).isEqualTo("435[]");
      c.send("42456[\"question\",1]");
      assertThat(c.nextMessage()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
      assertThat(clientLog.next()).isEqualTo("INFO with a callback");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void waitsForTheClientsAck(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      SocketIoSocket s = main.socket();
      CompletableFuture<List<JsonNode>> reply =
          s.emitWithAck(Duration.ofSeconds(10), "question", Map.of("q", "status?"));
      assertThat(c.nextText()).isEqualTo("420[\"question\",{\"q\":\"status?\"}]");
      c.send("430[{\"ok\":true}]");
      assertThat(reply.get(10, TimeUnit.SECONDS).toString()).isEqualTo("[{\"ok\":true}]");

      CompletableFuture<List<JsonNode>> none = s.emitWithAck(Duration.ofMillis(100), "question");
      assertThat(c.nextText()).isEqualTo("421[\"question\"]");
      assertThatThrownBy(() -> none.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(EventDeliveryException.class);

      CompletableFuture<List<JsonNode>> pending = s.emitWithAck(Duration.ofSeconds(30), "question");
      c.send("41");
      assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(EventDeliveryException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void carriesBinaryAttachmentsBothWays(TestContainer container) throws Exception {
    main.onEvent =
        (socket, event, args, ack) -> {
          socket.emit("echo", args.toArray());
          ack.send(args.toArray());
          return true;
        };
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      c.send("452-7[\"bin\",{\"_placeholder\":true,\"num\":0},{\"a\":{\"_placeholder\":true,\"num\":1}}]");
      c.sendBinary(new byte[] {1, 2, 3});
      c.sendBinary(new byte[] {4, 5, 6});
      assertThat(c.nextMessage())
          .isEqualTo("452-[\"echo\",{\"_placeholder\":true,\"num\":0},{\"a\":{\"_placeholder\":true,\"num\":1}}]");
      assertThat(c.next().binary()).containsExactly(1, 2, 3);
      assertThat(c.next().binary()).containsExactly(4, 5, 6);
      assertThat(c.nextMessage())
          .isEqualTo("462-7[{\"_placeholder\":true,\"num\":0},{\"a\":{\"_placeholder\":true,\"num\":1}}]");
      assertThat(c.next().binary()).containsExactly(1, 2, 3);
      assertThat(c.next().binary()).containsExactly(4, 5, 6);

      d.server.emit("blob", (Object) new byte[] {9, 8});
      assertThat(c.nextMessage()).isEqualTo("451-[\"blob\",{\"_placeholder\":true,\"num\":0}]");
      assertThat(c.next().binary()).containsExactly(9, 8);
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void takesA100KbMessageAndClosesOnOneOverMaxPayload(TestContainer container) throws Exception {
    SocketIoConfig config = QUIET.toBuilder().maxPayload(150_000).build();
    try (Deployed d = deploy(container, config);
        FrameClient c = d.joined()) {
      String big = "x".repeat(100_000);
      c.send("421[\"log\",{\"level\":\"info\",\"message\":\"" + big + "\"}]");
      assertThat(c.nextText()).isEqualTo("431[]");
      assertThat(clientLog.next()).startsWith("INFO xxxx").hasSize(5 + ClientLog.MAX_MESSAGE + 3);

      try {
        c.send("42[\"log\",{\"level\":\"info\",\"message\":\"" + "y".repeat(200_000) + "\"}]");
      } catch (CompletionException e) {
        // the server closed while the client was still sending the message's last parts
      }
      assertThat(c.awaitClose(CLOSE_WAIT)).isEqualTo(1009);
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void takesMessagesUpToTheDefaultMaxPayload(TestContainer container) throws Exception {
    main.onEvent =
        (socket, event, args, ack) -> {
          JsonNode a = args.get(0);
          ack.send(a.isBinary() ? ((com.fasterxml.jackson.databind.node.BinaryNode) a).binaryValue().length : a.asText().length());
          return true;
        };
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      c.send("421[\"big\",\"" + "\\u00e9".repeat(10) + "x".repeat(990_000) + "\"]");
      assertThat(c.nextText()).isEqualTo("431[990010]");
      c.send("451-2[\"big\",{\"_placeholder\":true,\"num\":0}]");
      c.sendBinary(new byte[999_000]);
      assertThat(c.nextText()).isEqualTo("432[999000]");
      c.send("42[\"big\",\"" + "\u00e9".repeat(500_001) + "\"]");
      assertThat(c.awaitClose(CLOSE_WAIT)).as("1,000,000 bytes of UTF-8 and more").isEqualTo(1009);
    }
  }

  // ---- heartbeat, timeouts, disconnects

  @ParameterizedTest
  @MethodSource("containers")
  void pingsAndTakesPongs(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, FAST);
        FrameClient c = d.joined()) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.nextText()).isEqualTo("2");
        c.send("3");
      }
      assertThat(c.isClosed()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void closesWithoutAPong(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, FAST);
        FrameClient c = d.joined()) {
      assertThat(c.nextText()).isEqualTo("2");
      assertThat(c.awaitClose(CLOSE_WAIT)).isEqualTo(1000);
      assertThat(main.next()).startsWith("connect");
      assertThat(main.next()).isEqualTo("disconnect ping timeout");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void closesWhenNoNamespaceIsJoinedInTime(TestContainer container) throws Exception {
    SocketIoConfig config = QUIET.toBuilder().connectTimeout(Duration.ofMillis(300)).build();
    try (Deployed d = deploy(container, config);
        FrameClient c = d.connect()) {
      c.nextText();
      assertThat(c.next(CLOSE_WAIT).isClose()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void keepsTheConnectionWhenTheClientLeavesTheNamespace(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, FAST);
        FrameClient c = d.joined()) {
      c.send("41");
      assertThat(c.nextText()).isEqualTo("2");
      assertThat(c.isClosed()).isFalse();
      assertThat(main.next()).startsWith("connect");
      assertThat(main.next()).isEqualTo("disconnect client namespace disconnect");
      c.send("3");
      c.send("40/custom");
      assertThat(c.nextMessage()).startsWith("40/custom,{\"sid\":");
      c.send("41/custom");
      c.send("40");
      assertThat(c.nextMessage()).startsWith("40{\"sid\":");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void kicksAClientFromANamespace(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      SocketIoSocket s = main.socket();
      s.disconnect();
      assertThat(c.nextText()).isEqualTo("41");
      assertThat(s.connected()).isFalse();
      assertThat(d.server.socket(s.id())).isEmpty();
      d.server.emit("message", "not for a kicked client");
      assertThat(c.poll(Duration.ofMillis(200))).isNull();
      assertThat(c.isClosed()).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void closesOnTheEngineClosePacket(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, FAST);
        FrameClient c = d.connect()) {
      c.nextText();
      c.send("1");
      assertThat(c.awaitClose(CLOSE_WAIT)).isEqualTo(1000);
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void closesEveryConnectionWhenTheServerCloses(TestContainer container) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = d.joined()) {
      d.server.close();
      assertThat(c.awaitClose(CLOSE_WAIT)).isEqualTo(1001);
      assertThat(main.next()).startsWith("connect");
      assertThat(main.next()).isEqualTo("disconnect server shutting down");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void hearsOfAClosingServerOnlyAfterOnConnectReturned(TestContainer container) throws Exception {
    CountDownLatch inOnConnect = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    SocketIoHandler slow =
        new SocketIoHandler() {
          @Override
          public void onConnect(SocketIoSocket socket) {
            inOnConnect.countDown();
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            calls.add("connect");
          }

          @Override
          public void onDisconnect(SocketIoSocket socket, String reason) {
            calls.add("disconnect " + reason);
          }
        };
    SocketIoServer server = SocketIoServer.builder().config(QUIET).handler(slow).build();
    try (Deployed d = Deployed.start(container, server, temp);
        FrameClient c = d.joined()) {
      assertThat(inOnConnect.await(10, TimeUnit.SECONDS)).isTrue();
      // the server closes on another thread while onConnect still runs
      Thread closer = new Thread(server::close, "closer");
      closer.start();
      // without the ordering the closer's onDisconnect lands in this window
      assertThat(calls.poll(300, TimeUnit.MILLISECONDS)).isNull();
      release.countDown();
      closer.join(10_000);
      assertThat(closer.isAlive()).isFalse();
      assertThat(c.awaitClose(CLOSE_WAIT)).isEqualTo(1001);
      assertThat(List.copyOf(calls)).containsExactly("connect", "disconnect server shutting down");
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void aSocketDisconnectedInOnConnectHearsOfItAfterOnConnect(TestContainer container) throws Exception {
    BlockingQueue<String> calls = new LinkedBlockingQueue<>();
    SocketIoHandler kicking =
        new SocketIoHandler() {
          @Override
          public void onConnect(SocketIoSocket socket) {
            calls.add("connect");
            socket.disconnect();
            calls.add("onConnect returns");
          }

          @Override
          public void onDisconnect(SocketIoSocket socket, String reason) {
            calls.add("disconnect " + reason);
          }
        };
    SocketIoServer server = SocketIoServer.builder().config(QUIET).handler(kicking).build();
    try (Deployed d = Deployed.start(container, server, temp);
        FrameClient c = d.joined()) {
      assertThat(c.nextText()).isEqualTo("41");
      assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("connect");
      assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("onConnect returns");
      assertThat(calls.poll(10, TimeUnit.SECONDS)).isEqualTo("disconnect server namespace disconnect");
    }
  }

  /** Every invalid input of the note's §3.1 (G1-G7) and more: the connection is closed. */
  static Stream<Arguments> invalidInputs() {
    List<String[]> inputs =
        List.of(
            new String[] {"before", "4abc"},
            new String[] {"before", "42[\"log\",{}]"},
            new String[] {"before", "41"},
            new String[] {"after", "4abc"},
            new String[] {"after", "42{}"},
            new String[] {"after", "42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"},
            new String[] {"after", "42[\"disconnect\"]"},
            new String[] {"after", "42"},
            new String[] {"after", "2"},
            new String[] {"after", "5"},
            new String[] {"after", "6"},
            new String[] {"after", "abc"},
            new String[] {"after", ""},
            new String[] {"after", "40"},
            new String[] {"after", "42/custom,[\"x\"]"},
            new String[] {"after", "43[]"},
            new String[] {"after", "44{\"message\":\"x\"}"},
            new String[] {"after", "3x"},
            new String[] {"after", "binary"},
            new String[] {"after", "451-[\"a\",{\"_placeholder\":true,\"num\":0}]+text"},
            new String[] {"after", "451-[\"a\",{\"_placeholder\":true,\"num\":3}]+binary"});
    return containers().flatMap(c -> inputs.stream().map(i -> Arguments.of(c, i[0], i[1])));
  }

  @ParameterizedTest
  @MethodSource("invalidInputs")
  void closesOnInvalidInput(TestContainer container, String when, String input) throws Exception {
    try (Deployed d = deploy(container, QUIET);
        FrameClient c = when.equals("after") ? d.joined() : d.connect()) {
      if (when.equals("before")) {
        c.nextText();
      }
      if (input.equals("binary")) {
        c.sendBinary(new byte[] {1});
      } else if (input.endsWith("+text")) {
        c.send(input.substring(0, input.length() - 5));
        c.send("42[\"log\",{}]");
      } else if (input.endsWith("+binary")) {
        c.send(input.substring(0, input.length() - 7));
        c.sendBinary(new byte[] {1});
      } else {
        c.send(input);
      }
      FrameClient.Frame f = c.next(CLOSE_WAIT);
      assertThat(f.isClose()).as("after %s: %s", input, f).isTrue();
      assertThat(f.closeCode()).isEqualTo(1002);
    }
  }
}
