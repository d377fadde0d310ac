package dev.engagement.events;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The stalled-client benchmark of issue 11 (not a test): one client stops reading while the
 * server broadcasts large messages to it and to clients that read; prints, every second, what was
 * emitted and received and the heap, so the heap's bound (or its growth to an {@code
 * OutOfMemoryError}) can be seen.
 *
 * <pre>
 * mvn -q -pl engagement-events -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -Xmx512m -cp engagement-events/target/test-classes:engagement-events/target/classes:$(cat engagement-events/target/test.classpath) \
 *     dev.engagement.events.SlowClientBench [--container tomcat|jetty] [--size 100000] [--rate 200] \
 *     [--seconds 60] [--good 1] [--stalled 1]
 * </pre>
 *
 * <p>Each message is {@code 42["message",<n>,"xxx..."]} with {@code --size} characters, emitted
 * at {@code --rate} per second from one thread (steadily: after a pause it does not catch up in a
 * burst). "heap" is the used heap at that moment; "after
 * GC" is the used heap after a full collection (every 5 s). The clients run in the same JVM, on
 * the same cores.
 */
public final class SlowClientBench {
  private SlowClientBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args the options above
   * @throws Exception if the container does not start
   */
  public static void main(String[] args) throws Exception {
    String containerName = "tomcat";
    int size = 100_000;
    int rate = 200;
    int seconds = 60;
    int goodClients = 1;
    int stalledClients = 1;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--container" -> containerName = args[++i];
        case "--size" -> size = Integer.parseInt(args[++i]);
        case "--rate" -> rate = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--good" -> goodClients = Integer.parseInt(args[++i]);
        case "--stalled" -> stalledClients = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    TestContainer container =
        containerName.equals("jetty") ? new JettyContainer() : new TomcatContainer();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    out.printf(
        Locale.ROOT,
        "%s, max heap %d MiB, %d-character messages at %d/s for %d s, %d reading and %d stalled clients%n",
        container.name(), Runtime.getRuntime().maxMemory() >> 20, size, rate, seconds,
        goodClients, stalledClients);

    RecordingHandler handler = new RecordingHandler();
    SocketIoServer server = SocketIoServer.builder().handler(handler).build();
    out.println("config: " + server.config());
    Path work = Files.createTempDirectory("engagement-slow-client-bench");
    List<FrameClient> clients = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    AtomicInteger emitted = new AtomicInteger();
    AtomicLong minReceived = new AtomicLong();
    AtomicReference<String> goodFailure = new AtomicReference<>();
    try (Deployed d = Deployed.start(container, server, work)) {
      List<AtomicInteger> received = new ArrayList<>();
      for (int i = 0; i < goodClients; i++) {
        FrameClient c = d.joined();
        clients.add(c);
        AtomicInteger count = new AtomicInteger();
        received.add(count);
        Thread reader =
            new Thread(
                () -> {
                  try {
                    for (;;) {
                      String m = c.nextMessage();
                      String head = "42[\"message\",";
                      int n = Integer.parseInt(m.substring(head.length(), m.indexOf(',', head.length())));
                      if (n != count.get()) {
                        goodFailure.compareAndSet(null, "expected message " + count.get() + " but got " + n);
                      }
                      count.incrementAndGet();
                    }
                  } catch (InterruptedException | AssertionError e) {
                    // the end of the run, or the client was closed
                  } catch (RuntimeException e) {
                    goodFailure.compareAndSet(null, "unexpected message: " + e);
                  }
                },
                "reader-" + i);
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
      }
      for (int i = 0; i < stalledClients; i++) {
        FrameClient c = d.joined();
        c.pause();
        clients.add(c);
      }
      String payload = "x".repeat(size);
      long start = System.nanoTime();
      long nextReport = start + 1_000_000_000L;
      long periodNanos = 1_000_000_000L / rate;
      long peakHeap = 0;
      long peakAfterGc = 0;
      int second = 0;
      String oom = null;
      long nextEmit = start;
      while (second < seconds) {
        long now = System.nanoTime();
        if (now >= nextEmit) {
          try {
            server.emit("message", emitted.get(), payload);
            emitted.incrementAndGet();
          } catch (OutOfMemoryError e) {
            oom = "OutOfMemoryError after " + (now - start) / 1_000_000 + " ms";
            break;
          }
          // a steady rate: an emitter that fell behind (a pause) does not catch up in a burst
          nextEmit = Math.max(nextEmit + periodNanos, now - periodNanos);
        }
        if (now >= nextReport) {
          second++;
          nextReport += 1_000_000_000L;
          long heap = memory.getHeapMemoryUsage().getUsed();
          peakHeap = Math.max(peakHeap, heap);
          String afterGc = "";
          if (second % 5 == 0) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            peakAfterGc = Math.max(peakAfterGc, used);
            afterGc = String.format(Locale.ROOT, ", after GC %d MiB", used >> 20);
          }
          long min = received.stream().mapToLong(AtomicInteger::get).min().orElse(0);
          minReceived.set(min);
          out.printf(
              Locale.ROOT,
              "t=%2ds emitted %6d, slowest reading client %6d, connections %d, heap %d MiB%s%n",
              second, emitted.get(), min, server.connectionCount(), heap >> 20, afterGc);
        }
        long wait = Math.min(nextEmit, nextReport) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
      }
      // let the reading clients catch up
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline
          && received.stream().anyMatch(c -> c.get() < emitted.get())) {
        Thread.sleep(50);
      }
      List<String> calls = new ArrayList<>();
      String call;
      while ((call = handler.poll(Duration.ZERO)) != null) {
        if (call.startsWith("disconnect")) {
          calls.add(call);
        }
      }
      out.printf(
          Locale.ROOT,
          "%s: emitted %d; reading clients received %s; disconnects %s; peak heap %d MiB,"
              + " peak after GC %d MiB%s%s%n",
          container.name(), emitted.get(), received, calls, peakHeap >> 20, peakAfterGc >> 20,
          oom == null ? "" : "; " + oom,
          goodFailure.get() == null ? "" : "; ORDER " + goodFailure.get());
    } finally {
      clients.forEach(FrameClient::close);
      readers.forEach(Thread::interrupt);
    }
  }
}
