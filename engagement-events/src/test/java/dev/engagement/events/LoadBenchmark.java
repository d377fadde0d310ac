package dev.engagement.events;

import dev.engagement.core.Batch;
import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.Job;
import dev.engagement.core.JobContext;
import dev.engagement.core.JobWording;
import dev.engagement.core.Letter;
import dev.engagement.core.Outcome;
import dev.engagement.core.ProcessError;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Rollover;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ProcessListener;
import dev.engagement.events.internal.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The load check, as a benchmark (not a test): N clients on loopback each receive every event of
 * a batch of L letters, in order; prints delivered/expected and the latency percentiles (from
 * the listener call on the batch's thread to the client's receipt of the whole frame, one clock,
 * one JVM).
 *
 * <pre>
 * mvn -q -pl engagement-events -am package -DskipTests dependency:build-classpath \
 *     -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -Xmx2g -cp engagement-events/target/test-classes:engagement-events/target/classes:$(cat engagement-events/target/test.classpath) \
 *     dev.engagement.events.LoadBenchmark [--clients 200] [--letters 1000] [--container tomcat|jetty|both] [--instant]
 * </pre>
 *
 * <p>{@code --instant} replaces the rollover with a job that returns at once, so that the events
 * come as one burst instead of at the pace of the rollover. It also prints how long the batch's
 * thread spent in the listener, in wall and CPU time; {@code -Dload.sample=true} samples what
 * that thread is doing during the batch. The clients run in the same JVM, on the same cores as
 * the server and the batch.
 */
public final class LoadBenchmark {
  private static final boolean SAMPLE = Boolean.getBoolean("load.sample");

  private LoadBenchmark() {}

  /** One client: the frames it got and when (nanoTime at the last fragment). */
  private static final class Client implements WebSocket.Listener {
    final List<String> frames = new ArrayList<>(4096);
    long[] times = new long[4096];
    final StringBuilder text = new StringBuilder();
    final CompletableFuture<Void> open = new CompletableFuture<>();
    volatile CountDownLatch done = new CountDownLatch(1);
    volatile int expected = Integer.MAX_VALUE;
    volatile boolean closed;

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        long now = System.nanoTime();
        String t = text.toString();
        text.setLength(0);
        if (t.equals("2")) {
          ws.sendText("3", true);
        } else if (t.startsWith("0")) {
          ws.sendText("40", true);
        } else if (t.startsWith("40")) {
          open.complete(null);
        } else {
          synchronized (this) {
            if (frames.size() == times.length) {
              times = Arrays.copyOf(times, times.length * 2);
            }
            times[frames.size()] = now;
            frames.add(t);
          }
          if (frames.size() >= expected) {
            done.countDown();
          }
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed = true;
      done.countDown();
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed = true;
      done.countDown();
    }
  }

  /** Stamps each listener call before handing it on. */
  private static final class Stamping implements ProcessListener {
    final ProcessListener delegate;
    final List<Long> stamps = new ArrayList<>();
    long wallInside;
    long cpuInside;
    final java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    Stamping(ProcessListener delegate) {
      this.delegate = delegate;
    }

    private void stamp() {
      stamps.add(System.nanoTime());
    }

    /** Runs a call, adding its wall and CPU time to the totals. */
    private void timed(Runnable call) {
      long w = System.nanoTime();
      long c = threads.getCurrentThreadCpuTime();
      call.run();
      cpuInside += threads.getCurrentThreadCpuTime() - c;
      wallInside += System.nanoTime() - w;
    }

    @Override
    public void processStart(BatchContext b, String m) {
      stamp();
      timed(() -> delegate.processStart(b, m));
    }

    @Override
    public void processing(BatchContext b, String m) {
      stamp();
      timed(() -> delegate.processing(b, m));
    }

    @Override
    public void result(BatchContext b, FileResult r) {
      stamp();
      timed(() -> delegate.result(b, r));
    }

    @Override
    public void progress(BatchContext b, double v) {
      stamp();
      timed(() -> delegate.progress(b, v));
    }

    @Override
    public void error(BatchContext b, ProcessError e) {
      stamp();
      timed(() -> delegate.error(b, e));
    }

    @Override
    public void complete(BatchContext b, String m) {
      stamp();
      timed(() -> delegate.complete(b, m));
    }
  }

  /** A job that does nothing: every letter succeeds at once. */
  private static final class Instant implements Job {
    private final Rollover rollover = Rollover.ofDefaults();

    @Override
    public String processName() {
      return rollover.processName();
    }

    @Override
    public String reportName() {
      return rollover.reportName();
    }

    @Override
    public JobWording wording() {
      return rollover.wording();
    }

    @Override
    public Optional<String> skipReason(Letter letter) {
      return Optional.empty();
    }

    @Override
    public Outcome process(Letter letter, byte[] content, JobContext context) {
      return Outcome.of(FileResult.builder(processName(), letter, Status.UNCHANGED).build());
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = 200;
    int letters = 1000;
    String containers = "both";
    boolean instant = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--clients" -> clients = Integer.parseInt(args[++i]);
        case "--letters" -> letters = Integer.parseInt(args[++i]);
        case "--container" -> containers = args[++i];
        case "--instant" -> instant = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path work = Files.createTempDirectory("engagement-load");
    try {
      Path in = Letters.many(work.resolve("in"), letters);
      out.printf(Locale.ROOT, "load: %d clients, a batch of %d letters (%s), %d cores, max heap %d MB%n",
          clients, letters, instant ? "instant job" : "rollover", Runtime.getRuntime().availableProcessors(),
          Runtime.getRuntime().maxMemory() >> 20);
      for (TestContainer c : TestContainer.all()) {
        if (containers.equals("both") || c.name().toLowerCase(Locale.ROOT).startsWith(containers)) {
          run(out, c, clients, in, work.resolve("out-" + c.name().replace(' ', '-')), instant);
        }
      }
    } finally {
      try (Stream<Path> s = Files.walk(work)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        out.println("load: could not delete " + work);
      }
    }
  }

  private static void run(PrintStream out, TestContainer container, int n, Path in, Path outDir, boolean instant)
      throws Exception {
    SocketIoServer server = SocketIoServer.builder().build();
    try (Deployed d = Deployed.start(container, server, Files.createDirectories(outDir.resolveSibling(outDir.getFileName() + "-work")))) {
      List<HttpClient> https = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        https.add(HttpClient.newHttpClient());
      }
      List<Client> clients = new ArrayList<>();
      List<WebSocket> sockets = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Client c = new Client();
        sockets.add(https.get(i % https.size()).newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + d.port + SocketIoServer.PATH + "?EIO=4&transport=websocket"), c).join());
        clients.add(c);
      }
      for (Client c : clients) {
        c.open.get(30, TimeUnit.SECONDS);
      }
      System.gc();
      long heapAfterConnect = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();

      List<ProcessEvent> events = new ArrayList<>();
      Stamping stamping = new Stamping(SocketIoProcessListener.to(server));
      Job job = instant ? new Instant() : Rollover.ofDefaults();
      java.util.Map<String, Integer> samples = new java.util.TreeMap<>();
      Thread batchThread = Thread.currentThread();
      java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(SAMPLE);
      Thread sampler = new Thread(() -> {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        while (sampling.get()) {
          java.lang.management.ThreadInfo info = mx.getThreadInfo(batchThread.getId(), 3);
          if (info != null) {
            StackTraceElement[] st = info.getStackTrace();
            String key = info.getThreadState() + (st.length > 0 ? " " + st[0] : "");
            samples.merge(key, 1, Integer::sum);
          }
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      long t0 = System.nanoTime();
      Batch.builder()
          .listener(ProcessEvent.listener(events::add))
          .listener(stamping)
          .build()
          .run(job, List.of(in), outDir);
      long batchNanos = System.nanoTime() - t0;
      sampling.set(false);
      sampler.join();
      if (SAMPLE) {
        samples.entrySet().stream()
            .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(12)
            .forEach(e -> out.println("  sample " + e.getValue() + " " + e.getKey()));
      }
      int expected = events.size();
      for (Client c : clients) {
        c.expected = expected;
        if (c.frames.size() >= expected) {
          c.done.countDown();
        }
      }
      for (Client c : clients) {
        c.done.await(120, TimeUnit.SECONDS);
      }
      long allNanos = System.nanoTime() - t0;

      List<String> wanted = new ArrayList<>();
      for (ProcessEvent e : events) {
        wanted.add("42[\"message\"," + Json.MAPPER.writeValueAsString(SocketIoProcessListener.message(e)) + "]");
      }
      long delivered = 0;
      int inOrder = 0;
      int dropped = 0;
      long[] latencies = new long[n * expected];
      int k = 0;
      for (Client c : clients) {
        synchronized (c) {
          int good = 0;
          while (good < c.frames.size() && good < expected && c.frames.get(good).equals(wanted.get(good))) {
            latencies[k++] = c.times[good] - stamping.stamps.get(good);
            good++;
          }
          delivered += good;
          if (good == expected && c.frames.size() == expected) {
            inOrder++;
          }
          if (c.closed) {
            dropped++;
          }
        }
      }
      long[] lat = Arrays.copyOf(latencies, k);
      Arrays.sort(lat);
      out.printf(Locale.ROOT,
          "%s: delivered %d/%d frames (%d events x %d clients), %d clients got all in order, %d dropped;"
              + " batch %.2f s, last frame %.2f s after the start (%.0f frames/s);"
              + " latency ms p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f; heap after connecting %d MB;"
              + " the batch's thread spent %.2f s in the listener (%.2f s of CPU)%n",
          container.name(), delivered, (long) n * expected, expected, n, inOrder, dropped,
          batchNanos / 1e9, allNanos / 1e9, delivered / (allNanos / 1e9),
          pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 99.9), lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6,
          heapAfterConnect >> 20, stamping.wallInside / 1e9, stamping.cpuInside / 1e9);
      for (WebSocket ws : sockets) {
        ws.abort();
      }
    }
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
