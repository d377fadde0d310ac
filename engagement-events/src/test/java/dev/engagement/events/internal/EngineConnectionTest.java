package dev.engagement.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.events.SocketIoConfig;
import dev.engagement.events.SocketIoServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The outbound queue and its single writer, over a fake transport. */
final class EngineConnectionTest {
  /** How the fake completes sends. */
  enum Completion {
    INLINE,
    OTHER_THREAD,
    NEVER
  }

  /** A transport that records frames and checks that sends never overlap. */
  static final class FakeTransport implements Transport {
    final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    final List<String> closes = Collections.synchronizedList(new ArrayList<>());
    final AtomicBoolean inFlight = new AtomicBoolean();
    final ExecutorService completer = Executors.newFixedThreadPool(3);
    volatile boolean overlapped;
    volatile Completion completion;

    FakeTransport(Completion completion) {
      this.completion = completion;
    }

    @Override
    public void sendText(String text, Consumer<@Nullable Throwable> done) {
      if (!inFlight.compareAndSet(false, true)) {
        overlapped = true;
      }
      sent.add(text);
      Runnable finish =
          () -> {
            inFlight.set(false);
            done.accept(null);
          };
      switch (completion) {
        case INLINE -> finish.run();
        case OTHER_THREAD -> completer.execute(finish);
        case NEVER -> {}
      }
    }

    @Override
    public void sendBinary(ByteBuffer data, Consumer<@Nullable Throwable> done) {
      sendText("<binary " + data.remaining() + ">", done);
    }

    @Override
    public void close(int code, String reason) {
      closes.add(code + " " + reason);
    }
  }

  final List<SocketIoServer> servers = new ArrayList<>();

  static EngineConnection.Frames frames(Object... frames) {
    return new EngineConnection.Frames(frames);
  }

  @AfterEach
  void closeServers() {
    servers.forEach(SocketIoServer::close);
  }

  EngineConnection open(FakeTransport transport, int maxQueuedFrames) {
    return open(transport, SocketIoConfig.builder().maxQueuedFrames(maxQueuedFrames).build());
  }

  EngineConnection open(FakeTransport transport, SocketIoConfig config) {
    JakartaSocketIoServer server =
        (JakartaSocketIoServer) SocketIoServer.builder().config(config).build();
    servers.add(server);
    EngineConnection c = server.open(transport, Map.of());
    c.start();
    return c;
  }

  static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void writesEveryThreadsFramesInOrderOneAtATime() throws Exception {
    for (Completion completion : List.of(Completion.INLINE, Completion.OTHER_THREAD)) {
      FakeTransport t = new FakeTransport(completion);
      EngineConnection c = open(t, 100_000);
      int threads = 4;
      int each = 2_000;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      for (int n = 0; n < threads; n++) {
        int thread = n;
        pool.execute(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              for (int i = 0; i < each; i++) {
                c.enqueue(frames(thread + ":" + i));
              }
            });
      }
      go.countDown();
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      await("all frames", () -> t.sent.size() == 1 + threads * each);
      assertThat(t.overlapped).as("overlapping sends with %s completion", completion).isFalse();
      int[] next = new int[threads];
      for (String f : t.sent.subList(1, t.sent.size())) {
        int thread = Integer.parseInt(f.substring(0, f.indexOf(':')));
        assertThat(Integer.parseInt(f.substring(f.indexOf(':') + 1))).isEqualTo(next[thread]++);
      }
      t.completer.shutdown();
    }
  }

  @Test
  void keepsAttachmentsRightBehindTheirHeader() throws Exception {
    FakeTransport t = new FakeTransport(Completion.OTHER_THREAD);
    EngineConnection c = open(t, 1000);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    for (int i = 0; i < 200; i++) {
      pool.execute(() -> c.enqueue(frames("451-[...]", new byte[] {1, 2}, new byte[] {3})));
      pool.execute(() -> c.enqueue(frames("42[\"plain\"]")));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    await("all frames", () -> t.sent.size() == 1 + 200 * 4);
    List<String> frames = t.sent.subList(1, t.sent.size());
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).equals("451-[...]")) {
        assertThat(frames.subList(i + 1, i + 3)).containsExactly("<binary 2>", "<binary 1>");
      }
    }
    t.completer.shutdown();
  }

  @Test
  void dropsAClientWhoseQueueOverflowsWithoutBlockingTheSender() throws Exception {
    FakeTransport t = new FakeTransport(Completion.NEVER);
    EngineConnection c = open(t, 10);
    // the open packet, being written, counts: 9 more fit
    for (int i = 0; i < 9; i++) {
      assertThat(c.enqueue(frames("42[" + i + "]"))).isTrue();
    }
    assertThat(c.queued()).isEqualTo(10);
    assertThat(c.enqueue(frames("42[\"one too many\"]"))).isFalse();
    for (int i = 0; i < 1000; i++) {
      assertThat(c.enqueue(frames("42[\"more\"]"))).isFalse();
    }
    await("the close", () -> !t.closes.isEmpty());
    assertThat(t.closes).containsExactly("1013 slow client: outbound queue full");
    assertThat(c.queued()).isZero();
    assertThat(t.sent).hasSize(1); // the open packet, still "in flight"
  }

  @Test
  void dropsAClientWhoseUnsentBytesGoOverTheBoundCountingWhatIsBeingWritten() throws Exception {
    FakeTransport t = new FakeTransport(Completion.NEVER);
    EngineConnection c = open(t, SocketIoConfig.builder().maxQueuedBytes(10_000).build());
    long open = c.queuedBytes(); // the open packet, sent and never completed
    assertThat(open).isEqualTo(t.sent.get(0).length()).isPositive();
    String kb = "42[\"" + "é".repeat(497) + "\"]"; // 6 + 994 bytes of UTF-8: 1,000
    assertThat(EngineConnection.Frames.size(new Object[] {kb})).isEqualTo(1000);
    int fit = (int) ((10_000 - open) / 1000);
    for (int i = 0; i < fit; i++) {
      assertThat(c.enqueue(frames(kb))).as("message %s", i).isTrue();
    }
    assertThat(c.queuedBytes()).isEqualTo(open + fit * 1000L);
    assertThat(c.enqueue(frames(kb))).isFalse();
    assertThat(c.enqueue(frames("2"))).isFalse();
    await("the close", () -> !t.closes.isEmpty());
    assertThat(t.closes).containsExactly("1013 slow client: outbound queue full");
    assertThat(c.queuedBytes()).isZero();
  }

  @Test
  void countsBinaryAttachmentsAndFramesQueuedByTheConnectionItself() throws Exception {
    FakeTransport t = new FakeTransport(Completion.NEVER);
    EngineConnection c = open(t, SocketIoConfig.builder().maxQueuedBytes(5_000).build());
    long open = c.queuedBytes();
    assertThat(c.enqueue(frames("451-[...]", new byte[4_000]))).isTrue();
    assertThat(c.queuedBytes()).isEqualTo(open + 9 + 4_000);
    assertThat(c.enqueue(frames("451-[...]", new byte[2_000]))).isFalse();
    await("the close", () -> !t.closes.isEmpty());
    assertThat(t.closes).containsExactly("1013 slow client: outbound queue full");
  }

  @Test
  void releasesWhatIsWrittenSoAClientThatReadsIsNeverDropped() throws Exception {
    for (Completion completion : List.of(Completion.INLINE, Completion.OTHER_THREAD)) {
      FakeTransport t = new FakeTransport(completion);
      EngineConnection c = open(t, SocketIoConfig.builder().maxQueuedBytes(3_000).build());
      String kb = "42[\"" + "x".repeat(994) + "\"]";
      for (int i = 0; i < 1_000; i++) {
        // at most two messages unsent at a time: within the bound whatever the writer's pace
        await("room for message " + i, () -> c.queuedBytes() <= 1_000);
        assertThat(c.enqueue(frames(kb))).as("message %s with %s completion", i, completion).isTrue();
      }
      await("all frames", () -> t.sent.size() == 1_001);
      await("nothing unsent", () -> c.queuedBytes() == 0 && c.queued() == 0);
      assertThat(t.closes).isEmpty();
      t.completer.shutdown();
    }
  }

  @Test
  void sendsOneMessageLargerThanTheBoundToAClientWithNothingElseUnsent() throws Exception {
    FakeTransport t = new FakeTransport(Completion.INLINE);
    EngineConnection c = open(t, SocketIoConfig.builder().maxQueuedBytes(1_000).build());
    await("the open packet written", () -> c.queuedBytes() == 0);
    assertThat(c.enqueue(frames("42[\"" + "x".repeat(50_000) + "\"]"))).isTrue();
    await("written", () -> t.sent.size() == 2);
    assertThat(t.closes).isEmpty();
  }
}
