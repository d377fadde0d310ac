package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11: a client that stops reading while the server broadcasts large messages, in a JVM of
 * 128 MB (the surefire execution {@code small-heap}). The server sends more than the whole heap
 * (1,600 messages of 100,000 characters, 160 MB) at the pace of a client that reads; the stalled
 * client holds its share until it is dropped, so without a bound in bytes the heap runs out (the
 * old bound of 16,384 frames let one stalled client keep them all). It is dropped, the server
 * goes on, and the reading client gets every message in order.
 */
final class SlowClientHeapTest {
  static final int MESSAGES = 1_600;
  static final int SIZE = 100_000;
  /** How far the emitter may run ahead of the reading client. */
  static final int WINDOW = 8;

  @TempDir Path temp;

  @BeforeAll
  static void needsTheSmallHeap() {
    long max = Runtime.getRuntime().maxMemory();
    // run by itself (-Dtest=...) in the default execution's 768 MB heap it would prove nothing
    Assumptions.assumeTrue(
        max < (long) MESSAGES * SIZE,
        "runs in the small-heap execution (-Xmx128m); this JVM's heap is " + (max >> 20) + " MiB");
  }

  static Stream<TestContainer> containers() {
    return TestContainer.all().stream();
  }

  @ParameterizedTest
  @MethodSource("containers")
  void dropsTheStalledClientAndTheHeapHoldsWhileAReadingClientGetsEverything(TestContainer container)
      throws Exception {
    RecordingHandler handler = new RecordingHandler();
    SocketIoServer server = SocketIoServer.builder().handler(handler).build();
    assertThat(server.config().maxQueuedBytes()).isEqualTo(SocketIoConfig.DEFAULT_MAX_QUEUED_BYTES);
    try (Deployed d = Deployed.start(container, server, temp);
        FrameClient reading = d.joined();
        FrameClient stalled = d.joined()) {
      SocketIoSocket readingSocket = handler.socket();
      SocketIoSocket stalledSocket = handler.socket();
      stalled.pause();
      String payload = "x".repeat(SIZE);
      for (int i = 0; i < MESSAGES + WINDOW; i++) {
        if (i < MESSAGES) {
          server.emit("message", i, payload);
        }
        if (i >= WINDOW) {
          int n = i - WINDOW;
          String m = reading.nextMessage();
          String head = "42[\"message\"," + n + ",\"";
          assertThat(m).as("message %s", n).startsWith(head).hasSize(head.length() + SIZE + 2);
        }
      }
      assertThat(handler.next()).startsWith("connect");
      assertThat(handler.next()).startsWith("connect");
      assertThat(handler.next()).isEqualTo("disconnect slow client");
      assertThat(stalledSocket.connected()).isFalse();
      assertThat(readingSocket.connected()).isTrue();
      assertThat(reading.isClosed()).isFalse();
      assertThat(server.connectionCount()).isEqualTo(1);
      // more went out than the heap could ever hold at once
      assertThat((long) MESSAGES * SIZE).isGreaterThan(Runtime.getRuntime().maxMemory());
    }
  }
}
