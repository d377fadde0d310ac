package dev.engagement.cache;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;

import dev.engagement.core.Batch;
import dev.engagement.core.FileResult;
import dev.engagement.core.Rollover;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.testing.Docx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import org.slf4j.event.Level;

/**
 * Measures a rollover batch whose RedisCache goes away in the middle, with {@code
 * CACHE_IGNORE_ERRORS} true and otherwise default settings: once with no cache at all, once with
 * the Redis server stopped ({@code SIGSTOP}) and once with it killed ({@code SIGKILL}) after a
 * number of letters have been stored. Prints, for each, the wall time, the letters done and the
 * log lines (warnings and errors, those with a stack trace, those of Redisson). Not a test: run it
 * by hand (README, Benchmarks); a run that has not finished after the cap is reported as such.
 *
 * <p>With {@code outageSeconds} above 0, it then also keeps a result cache busy (20 reads and
 * writes a second) for that long with its server stopped, then killed, and prints the log lines
 * of that long outage.
 *
 * <p>{@code RedisDownBench [letters=120] [threads=2] [stopAfter=10] [capSeconds=150] [outageSeconds=0]}
 */
public final class RedisDownBench {
  private RedisDownBench() {}

  public static void main(String[] args) throws Exception {
    int letters = args.length > 0 ? Integer.parseInt(args[0]) : 120;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int stopAfter = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int cap = args.length > 3 ? Integer.parseInt(args[3]) : 150;
    int outage = args.length > 4 ? Integer.parseInt(args[4]) : 0;
    Path target = Files.createDirectories(Path.of("engagement-cache", "target").toAbsolutePath());
    Path work = Files.createTempDirectory(target, "redis-down-bench-");
    Path in = work.resolve("in");
    for (int i = 0; i < letters; i++) {
      Docx.builder()
          .body(p(r("Tax year 2024, letter " + i + ".")) + p(r("Fees for 2024 and 2025.")))
          .write(in.resolve(String.format(Locale.ROOT, "Client %04d 2024 Engagement Letter.docx", i)));
    }
    System.out.printf(Locale.ROOT, "%d letters, %d thread(s), Redis goes away after %d letters are stored, cap %d s%n",
        letters, threads, stopAfter, cap);
    Batch batch = Batch.builder().threads(threads).build();
    // warm-up, then the uncached reference
    batch.run(Rollover.builder().build(), List.of(in), work.resolve("warm-up"), x -> {});
    run("no cache", batch, Rollover.builder().build(), in, work.resolve("uncached"), letters, cap);
    for (String how : List.of("STOP", "KILL")) {
      try (LocalServers.Group redis = LocalServers.redis(work.resolve("redis-" + how))) {
        LocalServers.Server server = redis.servers.get(0);
        Cache<String, byte[]> cache = EngagementCaches.open("RedisCache", Map.of(
            "CACHE_REDIS_HOST", "127.0.0.1", "CACHE_REDIS_PORT", server.port, "CACHE_IGNORE_ERRORS", true));
        JCacheResultCache results = JCacheResultCache.of(cache, true);
        AtomicInteger stored = new AtomicInteger();
        AtomicBoolean signalled = new AtomicBoolean();
        ResultCache goingAway = new ResultCache() {
          @Override
          public Optional<byte[]> get(String key) {
            return results.get(key);
          }

          @Override
          public void put(String key, byte[] value) {
            results.put(key, value);
            if (stored.incrementAndGet() == stopAfter && signalled.compareAndSet(false, true)) {
              signal(how, server.pid());
            }
          }

          @Override
          public void remove(String key) {
            results.remove(key);
          }
        };
        RecordingLogs.clear();
        Thread running = run("Redis " + (how.equals("STOP") ? "stopped (SIGSTOP)" : "killed (SIGKILL)"), batch,
            Rollover.builder().resultCache(goingAway).build(), in, work.resolve("out-" + how), letters, cap);
        List<RecordingLogs.Event> events = RecordingLogs.events();
        long warnings = events.stream().filter(e -> e.level() == Level.WARN || e.level() == Level.ERROR).count();
        long traces = events.stream().filter(e -> e.thrown() != null && e.level().toInt() >= Level.INFO.toInt()).count();
        long redisson = events.stream().filter(e -> e.logger().startsWith("org.redisson")).count();
        long ours = events.stream().filter(e -> e.logger().startsWith("dev.engagement")
            && (e.level() == Level.WARN || e.level() == Level.ERROR)).count();
        System.out.printf(Locale.ROOT,
            "    log lines at WARN/ERROR: %d (ours %d), with a stack trace: %d, from Redisson (INFO and up): %d%n",
            warnings, ours, traces, redisson);
        if (how.equals("STOP")) {
          signal("CONT", server.pid());
        }
        if (running.isAlive()) {
          // let the rest run out (Redis is back, or its client fails at once when closed), unmeasured
          if (how.equals("KILL")) {
            closeQuietly(cache);
          }
          running.join(TimeUnit.MINUTES.toMillis(10));
        }
        closeQuietly(cache);
      }
    }
    if (outage > 0) {
      for (String how : List.of("STOP", "KILL")) {
        try (LocalServers.Group redis = LocalServers.redis(work.resolve("outage-" + how))) {
          LocalServers.Server server = redis.servers.get(0);
          Cache<String, byte[]> cache = EngagementCaches.open("RedisCache", Map.of(
              "CACHE_REDIS_HOST", "127.0.0.1", "CACHE_REDIS_PORT", server.port, "CACHE_IGNORE_ERRORS", true));
          JCacheResultCache results = JCacheResultCache.of(cache, true);
          results.put("warm", new byte[] {1});
          RecordingLogs.clear();
          signal(how, server.pid());
          long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(outage);
          int calls = 0;
          while (System.nanoTime() < end) {
            results.get("k" + calls);
            results.put("k" + calls, new byte[] {1});
            calls++;
            Thread.sleep(50);
          }
          List<RecordingLogs.Event> events = RecordingLogs.events();
          System.out.printf(Locale.ROOT,
              "%d s outage (SIG%s), %d reads and writes: WARN/ERROR lines %d (ours %d), with a stack trace %d,"
                  + " from Redisson %d%n",
              outage, how, 2 * calls,
              events.stream().filter(e -> e.level() == Level.WARN || e.level() == Level.ERROR).count(),
              events.stream().filter(e -> e.logger().startsWith("dev.engagement") && e.level() == Level.WARN).count(),
              events.stream().filter(e -> e.thrown() != null && e.level().toInt() >= Level.INFO.toInt()).count(),
              events.stream().filter(e -> e.logger().startsWith("org.redisson")).count());
          if (how.equals("STOP")) {
            signal("CONT", server.pid());
          }
          closeQuietly(cache);
        }
      }
    }
  }

  private static void closeQuietly(Cache<String, byte[]> cache) {
    try {
      if (!cache.getCacheManager().isClosed()) {
        cache.getCacheManager().close();
      }
    } catch (RuntimeException e) {
      System.out.println("    closing the cache failed: " + e);
    }
  }

  private static Thread run(String name, Batch batch, Rollover rollover, Path in, Path out, int letters, int cap)
      throws InterruptedException {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    Thread t = new Thread(() -> batch.run(rollover, List.of(in), out, (FileResult x) -> {
      done.incrementAndGet();
      if (x.status() == Status.SUCCESS) {
        succeeded.incrementAndGet();
      }
    }), "bench-batch");
    t.setDaemon(true);
    long t0 = System.nanoTime();
    t.start();
    t.join(TimeUnit.SECONDS.toMillis(cap));
    double secs = (System.nanoTime() - t0) / 1e9;
    boolean finished = !t.isAlive();
    System.out.printf(Locale.ROOT, "%-28s %s %.2f s: %d of %d letters done (%d rolled), %.1f letters/s%n",
        name + ":", finished ? "finished in" : "NOT finished after", secs, done.get(), letters, succeeded.get(),
        done.get() / secs);
    return t;
  }

  private static void signal(String signal, long pid) {
    try {
      Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + e, e);
    }
  }
}
