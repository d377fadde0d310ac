package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engagement.core.Batch;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Rollover;
import dev.engagement.core.testing.LocalRedis;
import dev.engagement.events.internal.Json;
import dev.engagement.events.internal.redis.RedisSettings;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instances act as one through a real {@code redis-server} (issue 12): two {@link
 * SocketIoServer}s on two containers (Tomcat and Jetty; two Tomcats in the Tomcat 10.1 run), each
 * with a {@link RedisBroadcast}; what is emitted on A, to a room and to all, reaches the clients on
 * B in order, once.
 */
final class RedisBroadcastTest {
  @TempDir Path temp;

  /** A handler whose clients join a room by sending {@code join} with its name. */
  static RecordingHandler roomsHandler() {
    RecordingHandler h = new RecordingHandler();
    h.onEvent =
        (socket, event, args, ack) -> {
          if (event.equals("join")) {
            socket.join(args.get(0).asText());
            ack.send();
            return true;
          }
          return false;
        };
    return h;
  }

  static FrameClient joinedRoom(Deployed d, String room) throws InterruptedException {
    FrameClient c = d.joined();
    c.send("421[\"join\",\"" + room + "\"]");
    assertThat(c.nextMessage()).isEqualTo("431[]");
    return c;
  }

  /** Reads frames up to and including {@code 42["done"]}, answering pings; binary as text. */
  static List<String> readUntilDone(FrameClient c) throws InterruptedException {
    return readUntil(c, "42[\"done\"]");
  }

  /** Reads frames up to and including {@code last}, answering pings; binary as text. */
  static List<String> readUntil(FrameClient c, String last) throws InterruptedException {
    List<String> frames = new ArrayList<>();
    for (;;) {
      FrameClient.Frame f = c.next(Duration.ofSeconds(30));
      if (f.isClose()) {
        throw new AssertionError("closed (" + f.closeCode() + ") after " + frames);
      }
      String s = f.text() != null ? f.text() : "<binary " + Arrays.toString(f.binary()) + ">";
      if (s.equals("2")) {
        c.send("3");
        continue;
      }
      frames.add(s);
      if (s.equals(last)) {
        return frames;
      }
    }
  }

  @Test
  void aClientOnOneInstanceGetsEveryEventEmittedOnAnotherInOrderToARoomAndToAll() throws Exception {
    try (LocalRedis redis = LocalRedis.start(temp.resolve("redis"))) {
      RecordingHandler handlerA = roomsHandler();
      RecordingHandler handlerB = roomsHandler();
      SocketIoServer a =
          SocketIoServer.builder().handler(handlerA).broadcast(RedisBroadcast.connect(redis.url())).build();
      SocketIoServer b =
          SocketIoServer.builder().handler(handlerB).broadcast(RedisBroadcast.connect(redis.url())).build();
      List<TestContainer> first = TestContainer.all();
      List<TestContainer> second = TestContainer.all();
      try (Deployed onA = Deployed.start(first.get(0), a, temp.resolve("a"));
          Deployed onB = Deployed.start(second.get(second.size() - 1), b, temp.resolve("b"));
          FrameClient inRoomOnB = joinedRoom(onB, "batch-1");
          FrameClient elsewhereOnB = onB.joined();
          FrameClient inRoomOnA = joinedRoom(onA, "batch-1")) {
        handlerB.socket();
        SocketIoSocket elsewhere = handlerB.socket();

        List<String> room = new ArrayList<>();
        List<String> all = new ArrayList<>();
        // a batch on A, to the room of its browser
        List<ProcessEvent> events = new ArrayList<>();
        Batch.builder()
            .listener(ProcessEvent.listener(events::add))
            .listener(SocketIoProcessListener.to(a.to("batch-1")))
            .build()
            .run(Rollover.ofDefaults(), List.of(Letters.mixed(temp.resolve("in"))), temp.resolve("out"));
        for (ProcessEvent e : events) {
          room.add("42[\"message\"," + Json.MAPPER.writeValueAsString(SocketIoProcessListener.message(e)) + "]");
        }
        // then broadcasts to all and to the room, interleaved, binary attachments among them
        for (int i = 0; i < 300; i++) {
          a.emit("tick", i);
          room.add("42[\"tick\"," + i + "]");
          all.add("42[\"tick\"," + i + "]");
          a.to("batch-1").emit("room-tick", i);
          room.add("42[\"room-tick\"," + i + "]");
          if (i % 50 == 0) {
            a.to("batch-1").emit("blob", i, new byte[] {1, 2, (byte) i});
            room.add("451-[\"blob\"," + i + ",{\"_placeholder\":true,\"num\":0}]");
            room.add("<binary " + Arrays.toString(new byte[] {1, 2, (byte) i}) + ">");
          }
        }
        // to one socket of B, through the room of its id
        a.to(elsewhere.id()).emit("direct", "only you");
        all.add("42[\"direct\",\"only you\"]");
        a.emit("done");
        room.add("42[\"done\"]");
        all.add("42[\"done\"]");

        assertThat(events).extracting(ProcessEvent::type).contains("process-start", "process-result", "complete");
        assertThat(readUntilDone(inRoomOnB)).containsExactlyElementsOf(room);
        assertThat(readUntilDone(elsewhereOnB)).containsExactlyElementsOf(all);
        // the instance that emitted delivers its own once (Redis hands it back; it is ignored)
        assertThat(readUntilDone(inRoomOnA)).containsExactlyElementsOf(room);
        assertThat(inRoomOnA.poll(Duration.ofMillis(300))).isNull();
      }
    }
  }

  @Test
  void eventsEmittedOnEitherInstanceReachTheOther() throws Exception {
    try (LocalRedis redis = LocalRedis.start(temp.resolve("redis"))) {
      SocketIoServer a = SocketIoServer.builder().namespace("/custom", SocketIoHandler.NONE)
          .broadcast(RedisBroadcast.builder(redis.url()).channel("two-way").build()).build();
      SocketIoServer b = SocketIoServer.builder().namespace("/custom", SocketIoHandler.NONE)
          .broadcast(RedisBroadcast.builder(redis.url()).channel("two-way").build()).build();
      // a third instance on another channel hears nothing
      SocketIoServer c = SocketIoServer.builder().broadcast(RedisBroadcast.connect(redis.url())).build();
      List<TestContainer> first = TestContainer.all();
      List<TestContainer> second = TestContainer.all();
      List<TestContainer> third = TestContainer.all();
      try (Deployed onA = Deployed.start(first.get(0), a, temp.resolve("a"));
          Deployed onB = Deployed.start(second.get(second.size() - 1), b, temp.resolve("b"));
          Deployed onC = Deployed.start(third.get(0), c, temp.resolve("c"));
          FrameClient clientA = onA.connect();
          FrameClient clientB = onB.connect();
          FrameClient clientC = onC.joined()) {
        for (FrameClient client : List.of(clientA, clientB)) {
          client.nextText();
          client.send("40/custom,");
          assertThat(client.nextMessage()).startsWith("40/custom,{\"sid\":");
        }
        b.of("/custom").emit("from", "B");
        a.of("/custom").emit("from", "A");
        b.of("/custom").emit("done");
        // each emitter's events in its order, each once: A's own at once, B's through Redis
        List<String> atA = readUntil(clientA, "42/custom,[\"done\"]");
        assertThat(atA).containsExactlyInAnyOrder(
            "42/custom,[\"from\",\"B\"]", "42/custom,[\"from\",\"A\"]", "42/custom,[\"done\"]");
        assertThat(atA.get(2)).isEqualTo("42/custom,[\"done\"]");
        List<String> atB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          atB.add(clientB.nextMessage());
        }
        assertThat(atB).containsExactlyInAnyOrder(
            "42/custom,[\"from\",\"B\"]", "42/custom,[\"from\",\"A\"]", "42/custom,[\"done\"]");
        assertThat(atB.indexOf("42/custom,[\"from\",\"B\"]")).isLessThan(atB.indexOf("42/custom,[\"done\"]"));
        assertThat(clientA.poll(Duration.ofMillis(300))).isNull();
        assertThat(clientB.poll(Duration.ofMillis(300))).isNull();
        assertThat(clientC.poll(Duration.ofMillis(500))).isNull();
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a hang, not a measure
  void emittingNeverWaitsForAFrozenRedisAndTheLocalClientsGetEverything() throws Exception {
    try (LocalRedis redis = LocalRedis.start(temp.resolve("redis"))) {
      SocketIoServer a =
          SocketIoServer.builder()
              .broadcast(RedisBroadcast.builder(redis.url()).maxQueuedBytes(512 * 1024).build())
              .build();
      SocketIoServer b = SocketIoServer.builder().broadcast(RedisBroadcast.connect(redis.url())).build();
      List<TestContainer> first = TestContainer.all();
      List<TestContainer> second = TestContainer.all();
      try (Deployed onA = Deployed.start(first.get(0), a, temp.resolve("a"));
          Deployed onB = Deployed.start(second.get(second.size() - 1), b, temp.resolve("b"));
          FrameClient clientA = onA.joined();
          FrameClient clientB = onB.joined()) {
        redis.signal("STOP");
        // 100 events of 50 KB while Redis answers nothing: 5 MB, ten times the queue's bound
        String payload = "p".repeat(50_000);
        for (int i = 0; i < 100; i++) {
          a.emit("message", i, payload);
          String m = clientA.nextMessage();
          assertThat(m).startsWith("42[\"message\"," + i + ",");
        }
        redis.signal("CONT");
        a.emit("done");
        assertThat(clientA.nextMessage()).isEqualTo("42[\"done\"]");
        // B gets what the queue held when Redis came back, in order, then the rest
        List<String> atB = readUntilDone(clientB);
        List<Integer> numbers = new ArrayList<>();
        for (String m : atB.subList(0, atB.size() - 1)) {
          numbers.add(Integer.parseInt(m.substring("42[\"message\",".length(), m.indexOf(',', 13))));
        }
        assertThat(numbers).isSorted().doesNotHaveDuplicates().hasSizeLessThan(100);
      }
    }
  }

  @Test
  void saysClearlyWhenRedisCannotBeReached() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    String url = "redis://:secret-password@127.0.0.1:" + port;
    assertThatThrownBy(() -> RedisBroadcast.builder(url).connectTimeout(Duration.ofSeconds(2)).build())
        .isInstanceOf(BroadcastConfigurationException.class)
        .hasMessageStartingWith("Cannot connect to Redis at redis://127.0.0.1:" + port + " for the Socket.IO broadcast")
        .hasMessageNotContaining("secret-password");
  }

  @Test
  void readsRedisUrls() {
    RedisSettings s = RedisBroadcast.parse("redis://user:pw@redis.internal:6380/3", "ch", 10, Duration.ofSeconds(1));
    assertThat(s.address()).isEqualTo("redis://redis.internal:6380");
    assertThat(s.username()).isEqualTo("user");
    assertThat(s.password()).isEqualTo("pw");
    assertThat(s.database()).isEqualTo(3);
    assertThat(s.toString()).isEqualTo("redis://redis.internal:6380/3, channel ch").doesNotContain("pw");
    s = RedisBroadcast.parse("rediss://:only-password@host", "ch", 10, Duration.ofSeconds(1));
    assertThat(s.address()).isEqualTo("rediss://host:6379");
    assertThat(s.username()).isNull();
    assertThat(s.password()).isEqualTo("only-password");
    assertThat(RedisBroadcast.parse("redis://[::1]:7000", "ch", 10, Duration.ofSeconds(1)).address())
        .isEqualTo("redis://[::1]:7000");
    for (String bad :
        List.of("http://host:6379", "host:6379", "unix:///tmp/redis.sock", "redis://", "redis://host/x",
            "redis://host:6379?timeout=1", "redis://:pw@host/-1", "not a url at all")) {
      assertThatThrownBy(() -> RedisBroadcast.parse(bad, "ch", 10, Duration.ofSeconds(1)))
          .as(bad)
          .isInstanceOf(BroadcastConfigurationException.class)
          .hasMessageContaining("Redis URL")
          .hasMessageNotContaining(":pw@");
    }
  }

  @Test
  void namesTheTestedRedissonVersion() {
    assertThat(RedisBroadcast.redissonVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
  }
}
