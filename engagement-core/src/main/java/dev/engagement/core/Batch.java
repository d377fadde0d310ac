package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.internal.batch.CommitOrder;
import dev.engagement.core.internal.batch.GuardedListener;
import dev.engagement.core.spi.ProcessListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Job} over files and folders: folders are walked recursively in a stable order
 * (names sorted), the output folder is never walked, each letter runs on a bounded worker pool,
 * and results and listener calls come back in input order on the calling thread. At most a few
 * results per worker are held at once, so a batch of any size runs in bounded memory. One failed
 * letter never stops the batch.
 *
 * <pre>{@code
 * Batch batch = Batch.builder().listener(myListener).build();
 * BatchSummary summary = batch.run(Rollover.ofDefaults(), List.of(Path.of("letters")),
 *     Path.of("temp/complete"), results::add);
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@link #run} uses its own pool.
 *
 * @since 0.1
 */
public final class Batch {
  private static final Logger logger = LoggerFactory.getLogger(Batch.class);
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final List<ProcessListener> listeners;
  private final List<ProcessListener.Factory> factories;
  private final int threads;
  private final String method;

  private Batch(Builder b) {
    this.listeners = List.copyOf(b.listeners);
    this.factories = List.copyOf(b.factories);
    this.threads = b.threads;
    this.method = b.method;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a batch with no listener, on as many threads as there are processors. */
  public static Batch ofDefaults() {
    return builder().build();
  }

  /**
   * Lists the files of the inputs in batch order: a file as itself, a folder's files
   * recursively, names sorted within each folder; symbolic links to folders are not followed. The
   * excluded folder (the output folder) is not walked when it lies inside an input folder; when
   * it is an input itself, its files are listed (before any output is written).
   *
   * @param inputs files and folders
   * @param exclude a folder not to walk (the output folder), or null
   * @throws UncheckedIOException if a folder cannot be listed
   */
  public static List<Letter> collect(List<Path> inputs, @Nullable Path exclude) {
    Path skip = exclude == null ? null : exclude.toAbsolutePath().normalize();
    List<Letter> out = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        walk(input, input, skip, out);
      } else {
        out.add(Letter.of(input));
      }
    }
    return out;
  }

  private static void walk(Path root, Path dir, @Nullable Path skip, List<Letter> out) {
    if (skip != null && dir != root && dir.toAbsolutePath().normalize().equals(skip)) {
      return;
    }
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = new ArrayList<>(s.toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the folder " + dir, e);
    }
    children.sort(Comparator.comparing(p -> p.getFileName().toString()));
    for (Path child : children) {
      if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
        walk(root, child, skip, out);
      } else if (Files.isRegularFile(child)) {
        String sep = child.getFileSystem().getSeparator();
        String rel = root.relativize(child).toString().replace(sep, "/").replace('\\', '_');
        out.add(new Letter(child, rel));
      }
    }
  }

  /**
   * Runs a job over inputs.
   *
   * @param job the job
   * @param inputs files and folders
   * @param outputDir the output root
   * @return the counts by status
   */
  public BatchSummary run(Job job, List<Path> inputs, Path outputDir) {
    return run(job, inputs, outputDir, r -> {});
  }

  /**
   * Runs a job that writes no files (the entity check) over inputs, handing each result to
   * {@code results} in input order on the calling thread.
   */
  public BatchSummary run(Job job, List<Path> inputs, Consumer<? super FileResult> results) {
    return start(job, inputs, null, results);
  }

  /**
   * Runs a job over inputs, handing each result to {@code results} in input order on the
   * calling thread.
   *
   * @throws EngagementException if the inputs cannot be listed or the run is interrupted
   */
  public BatchSummary run(
      Job job, List<Path> inputs, Path outputDir, Consumer<? super FileResult> results) {
    requireNonNull(outputDir, "outputDir");
    return start(job, inputs, outputDir, results);
  }

  private BatchSummary start(
      Job job, List<Path> inputs, @Nullable Path outputDir, Consumer<? super FileResult> results) {
    requireNonNull(job, "job");
    requireNonNull(inputs, "inputs");
    requireNonNull(results, "results");
    List<Letter> letters;
    List<FileResult> missing = new ArrayList<>();
    List<Path> existing = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.exists(p)) {
        existing.add(p);
      } else {
        missing.add(
            FileResult.failed(
                job.processName(),
                Letter.of(p),
                "Could not open the letter [file=" + p + ", stage=open]: the file or folder does not exist"));
      }
    }
    try {
      letters = collect(existing, outputDir);
    } catch (UncheckedIOException e) {
      throw new EngagementException("Could not list the inputs: " + e.getCause().getMessage(), e);
    }
    return runLetters(job, letters, missing, outputDir == null ? Path.of("") : outputDir, results);
  }

  /**
   * Runs a job over letters already listed (by {@link #collect} or by an application).
   *
   * @return the counts by status
   */
  public BatchSummary runLetters(
      Job job, List<Letter> letters, Path outputDir, Consumer<? super FileResult> results) {
    return runLetters(job, List.copyOf(letters), List.of(), outputDir, results);
  }

  private BatchSummary runLetters(
      Job job,
      List<Letter> letters,
      List<FileResult> missing,
      Path outputDir,
      Consumer<? super FileResult> results) {
    int total = letters.size() + missing.size();
    BatchContext ctx =
        new BatchContext(UUID.randomUUID().toString(), job.processName(), method, job.errorTitle(), total);
    ProcessListener listener = listenerFor(ctx);
    listener.processStart(ctx, job.startMessage());
    listener.processing(ctx, "Processing...");
    listener.progress(ctx, 0.0);
    int[] counts = new int[Status.values().length];
    int done = 0;
    for (FileResult r : missing) {
      done = deliver(ctx, listener, results, r, done, total, counts);
    }
    int workers = Math.max(1, Math.min(threads, letters.size()));
    ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, threadFactory()) : null;
    Deque<Future<FileResult>> window = new ArrayDeque<>();
    CommitOrder order = new CommitOrder();
    int next = 0;
    int ahead = workers * 4;
    try {
      while (next < letters.size() || !window.isEmpty()) {
        while (next < letters.size() && window.size() < ahead) {
          window.add(submit(job, letters.get(next), next, order, outputDir, pool));
          next++;
        }
        FileResult r = await(window.removeFirst());
        done = deliver(ctx, listener, results, r, done, total, counts);
      }
    } finally {
      for (Future<FileResult> f : window) {
        f.cancel(true);
      }
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    if (total == 0) {
      listener.progress(ctx, 1.0);
    }
    BatchSummary summary =
        new BatchSummary(
            counts[Status.SUCCESS.ordinal()],
            counts[Status.UNCHANGED.ordinal()],
            counts[Status.SKIPPED.ordinal()],
            counts[Status.FAILED.ordinal()]);
    listener.complete(ctx, job.completeMessage(summary));
    return summary;
  }

  private static int deliver(
      BatchContext ctx,
      ProcessListener listener,
      Consumer<? super FileResult> results,
      FileResult r,
      int done,
      int total,
      int[] counts) {
    counts[r.status().ordinal()]++;
    if (r.status() == Status.FAILED) {
      listener.error(ctx, new ProcessError(ctx.errorTitle(), r.message().orElse("failed"), r));
    }
    listener.result(ctx, r);
    results.accept(r);
    int n = done + 1;
    listener.progress(ctx, total == 0 ? 1.0 : (double) n / total);
    return n;
  }

  private static Future<FileResult> submit(
      Job job,
      Letter letter,
      int index,
      CommitOrder order,
      Path outputDir,
      @Nullable ExecutorService pool) {
    Optional<String> skip = job.skipReason(letter);
    if (skip.isPresent()) {
      order.finish(index);
      return CompletableFuture.completedFuture(
          FileResult.skipped(job.processName(), letter, skip.get()));
    }
    CommitOrder.Turn turn = new CommitOrder.Turn(order, index);
    if (pool == null) {
      return CompletableFuture.completedFuture(safely(job, letter, outputDir, turn));
    }
    return pool.submit(() -> safely(job, letter, outputDir, turn));
  }

  private static FileResult safely(Job job, Letter letter, Path outputDir, CommitOrder.Turn turn) {
    CommitOrder.bind(turn);
    try {
      return job.process(letter, outputDir);
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      logger.error("Job {} failed unexpectedly on {}", job.reportName(), letter.relativePath(), e);
      return FileResult.failed(
          job.processName(),
          letter,
          "Could not process the file [file="
              + letter.relativePath()
              + "]: an unexpected error occurred ("
              + e
              + ")");
    } finally {
      CommitOrder.bind(null);
      turn.order().finish(turn.index());
    }
  }

  private static FileResult await(Future<FileResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngagementException("The batch was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IllegalStateException("a job task failed", c);
    }
  }

  private ProcessListener listenerFor(BatchContext ctx) {
    List<ProcessListener> all = new ArrayList<>(listeners);
    for (ProcessListener.Factory f : factories) {
      try {
        all.add(f.create(ctx));
      } catch (RuntimeException e) {
        logger.warn("Listener factory {} threw; going on without it", f.getClass().getName(), e);
      }
    }
    if (all.isEmpty()) {
      return ProcessListener.NONE;
    }
    return all.size() == 1 ? GuardedListener.of(all.get(0)) : ProcessListener.of(all);
  }

  private static ThreadFactory threadFactory() {
    int pool = POOL_IDS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "engagement-batch-" + pool + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a {@link Batch}. Not thread-safe. */
  public static final class Builder {
    private final List<ProcessListener> listeners = new ArrayList<>();
    private final List<ProcessListener.Factory> factories = new ArrayList<>();
    private int threads = Runtime.getRuntime().availableProcessors();
    private String method = "POST";

    private Builder() {}

    /** Adds a listener; it receives every batch run by this batch. */
    public Builder listener(ProcessListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** Adds a factory that creates a listener for each batch run. */
    public Builder listenerFactory(ProcessListener.Factory factory) {
      factories.add(requireNonNull(factory, "factory"));
      return this;
    }

    /** Sets the number of worker threads (the number of processors by default). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets how batches are started, for the events' {@code method} ({@code POST} by default, as
     * the original web form; the command line uses {@code CLI}).
     */
    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /** Returns the batch. */
    public Batch build() {
      return new Batch(this);
    }
  }
}
