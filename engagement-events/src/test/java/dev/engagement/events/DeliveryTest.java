package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engagement.events.internal.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delivery under load on real containers: many threads broadcasting at once (one writer per
 * connection, so no "TEXT_FULL_WRITING"), and a client that stops reading, which is dropped
 * while the others get everything.
 */
final class DeliveryTest {
  @TempDir Path temp;

  final RecordingHandler main = new RecordingHandler();

  static Stream<TestContainer> containers() {
    return TestContainer.all().stream();
  }

  Deployed deploy(TestContainer container, SocketIoConfig config) throws Exception {
    return Deployed.start(
        container, SocketIoServer.builder().config(config).handler(main).build(), temp);
  }

  @ParameterizedTest
  @MethodSource("containers")
  void manyThreadsBroadcastAtOnce(TestContainer container) throws Exception {
    int threads = 8;
    int each = 250;
    int clients = 4;
    try (Deployed d = deploy(container, SocketIoConfig.ofDefaults())) {
      List<FrameClient> cs = new ArrayList<>();
      try {
        for (int i = 0; i < clients; i++) {
          cs.add(d.joined());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                      d.server.emit("message", Map.of("t", thread, "i", i));
                    }
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (FrameClient c : cs) {
          int[] next = new int[threads];
          for (int n = 0; n < threads * each; n++) {
            String text = c.nextText();
            assertThat(text).startsWith("42[\"message\",");
            JsonNode m = Json.MAPPER.readTree(text.substring(2)).get(1);
            int t = m.get("t").asInt();
            assertThat(m.get("i").asInt()).as("thread %s in order", t).isEqualTo(next[t]);
            next[t]++;
          }
          assertThat(c.isClosed()).isFalse();
        }
      } finally {
        cs.forEach(FrameClient::close);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("containers")
  void dropsAClientThatStopsReadingAndServesTheOthers(TestContainer container) throws Exception {
    // bounded by bytes: 1 MiB is 16 of these messages
    SocketIoConfig config = SocketIoConfig.builder().maxQueuedBytes(1024 * 1024).build();
    int events = 400;
    String chunk = "z".repeat(64 * 1024);
    try (Deployed d = deploy(container, config);
        FrameClient fast = d.joined();
        FrameClient slow = d.joined()) {
      main.socket();
      SocketIoSocket slowSocket = main.socket();
      slow.pause();
      // at the pace of the client that reads: the other one's queue fills once its network
      // buffers are full
      for (int i = 0; i < events; i++) {
        d.server.emit("message", i, chunk);
        assertThat(fast.nextText()).startsWith("42[\"message\"," + i + ",");
      }
      assertThat(main.next()).startsWith("connect");
      assertThat(main.next()).startsWith("connect");
      assertThat(main.next()).isEqualTo("disconnect slow client");
      assertThat(slowSocket.connected()).isFalse();
      assertThat(fast.isClosed()).isFalse();
      assertThat(main.poll(Duration.ofMillis(100))).isNull();
      if (container instanceof JettyContainer) {
        // once it reads again, the client reads what the network held, then the close: 1013,
        // try again later. (Tomcat cannot send a close frame after a message it could only
        // partly write: it ends the TCP connection, which the client sees as 1006 once it has
        // read what came before.)
        slow.resume();
        FrameClient.Frame last;
        do {
          last = slow.next(Duration.ofSeconds(30));
        } while (!last.isClose());
        assertThat(last.closeCode()).isEqualTo(1013);
      }
    }
  }
}
