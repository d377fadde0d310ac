package dev.engagement.examples.web;

import dev.engagement.core.Cancellation;
import dev.engagement.core.FileResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batches of a server: each gets a private folder under the server's work folder ({@code
 * in/} for the upload, {@code out/} for the outputs, {@code signatures/}), runs on a small pool
 * (a few batches at once; each uses its own workers for its letters), and is kept for its
 * downloads for a while. The upload is removed as soon as the batch ends, whatever the outcome;
 * everything is removed when the server stops. Every batch is built with the one {@link
 * Cancellation} of the server ({@link #cancellation()}), which {@link #close(Duration)} cancels
 * when running batches outlast the grace period: their letters in flight finish, the others are
 * not started, and the library deletes their temporary files.
 *
 * <p>Thread-safe.
 */
final class Batches implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(Batches.class);
  static final Duration KEEP = Duration.ofHours(2);
  static final int KEEP_AT_MOST = 100;
  static final int AT_ONCE = 2;
  /** How long cancelled batches may take to finish the letters in flight (a print may be slow). */
  static final Duration FINISH_IN_FLIGHT = Duration.ofSeconds(60);

  private final Path root;
  private final Clock clock;
  private final ExecutorService pool;
  private final Map<String, Finished> finished = new LinkedHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final Cancellation stop = Cancellation.create();

  /** A batch that ended: its folder, job and results, for downloads. */
  record Finished(String id, JobKind kind, Path dir, List<FileResult> results, boolean dryRun, Instant at) {
    Path out() {
      return dir.resolve("out");
    }
  }

  Batches(Path root, Clock clock) throws IOException {
    this.root = Files.createDirectories(root);
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            AT_ONCE,
            r -> {
              Thread t = new Thread(r, "engagement-web-batch-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Creates the private folder of a new batch and returns its id. */
  String create() throws IOException {
    String id = UUID.randomUUID().toString();
    Path dir = root.resolve(id);
    Files.createDirectories(dir.resolve("in"));
    Files.createDirectories(dir.resolve("out"));
    return id;
  }

  /** Returns the cancellation every batch of this server is built with. */
  Cancellation cancellation() {
    return stop;
  }

  Path dir(String id) {
    return root.resolve(id);
  }

  /**
   * Runs a batch on the pool and waits for it; the upload folder is removed afterwards whatever
   * happens.
   *
   * @throws ExecutionException if the batch failed as a whole
   * @throws InterruptedException if the waiting thread was interrupted (the batch is cancelled)
   * @throws RejectedExecutionException if the server is stopping
   */
  <T> T run(String id, Callable<T> work) throws ExecutionException, InterruptedException {
    if (pool.isShutdown()) {
      throw new RejectedExecutionException("the server is stopping");
    }
    running.incrementAndGet();
    Future<T> f;
    try {
      f =
          pool.submit(
              () -> {
                try {
                  return work.call();
                } finally {
                  deleteTree(dir(id).resolve("in"));
                }
              });
    } catch (RuntimeException e) {
      running.decrementAndGet();
      deleteTree(dir(id));
      throw e;
    }
    try {
      return f.get();
    } catch (InterruptedException e) {
      f.cancel(true);
      throw e;
    } finally {
      running.decrementAndGet();
    }
  }

  /** Keeps a finished batch for its downloads and forgets old ones. */
  synchronized void keep(Finished batch) {
    finished.put(batch.id(), batch);
    Instant old = clock.instant().minus(KEEP);
    Iterator<Finished> it = finished.values().iterator();
    while (it.hasNext()) {
      Finished f = it.next();
      if (finished.size() > KEEP_AT_MOST || f.at().isBefore(old)) {
        it.remove();
        deleteTree(f.dir());
      }
    }
  }

  synchronized Optional<Finished> find(String id) {
    return Optional.ofNullable(finished.get(id));
  }

  /** Removes a batch that will not be kept (refused, failed or a preview). */
  void discard(String id) {
    deleteTree(dir(id));
  }

  int running() {
    return running.get();
  }

  /**
   * Lets running batches finish for up to {@code grace}, then cancels them, and removes every
   * batch's folder.
   */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  void close(Duration grace) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        logger.warn(
            "Stopping {} batch(es) still running after {} s: the letters in flight finish, the others are not started",
            running.get(),
            grace.toSeconds());
        stop.cancel();
        if (!pool.awaitTermination(FINISH_IN_FLIGHT.toMillis(), TimeUnit.MILLISECONDS)) {
          logger.warn("A batch did not stop within {} s of being cancelled: interrupting it", FINISH_IN_FLIGHT.toSeconds());
          pool.shutdownNow();
          if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            logger.warn("A batch did not stop when interrupted");
          }
        }
      }
    } catch (InterruptedException e) {
      stop.cancel();
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      finished.clear();
    }
    deleteTree(root);
  }

  /** Deletes a folder and everything in it; a file that cannot be deleted is logged. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(all::add);
    } catch (IOException | UncheckedIOException e) {
      logger.warn("Could not list {} to remove it: {}", dir, e.getMessage());
    }
    for (Path p : all) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        logger.warn("Could not remove {}: {}", p, e.getMessage());
      }
    }
  }
}
