package dev.engagement.core;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.batch.Outputs;
import dev.engagement.core.spi.ProcessListener;
import dev.engagement.core.spi.ResultCache;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a {@link Batch}: the workers read, ask the cache, process and stage each letter;
 * the calling thread, the only committer, places the staged outputs in input order and hands the
 * results on. Not thread-safe as a whole: {@link #run} once, on one thread; {@link #prepare}
 * runs on the workers and touches only thread-safe state.
 */
final class BatchRun {
  private static final Logger logger = LoggerFactory.getLogger(Batch.class);
  private static final String NOT_STARTED =
      "not started: the batch was stopped before this file was taken; a new run will process it";

  private final Job job;
  private final JobWording wording;
  private final List<Letter> letters;
  private final List<FileResult> missing;
  private final @Nullable Path outputDir;
  private final Consumer<? super FileResult> results;
  private final boolean observed;
  private final List<ProcessListener> listeners;
  private final List<ProcessListener.Factory> factories;
  private final int threads;
  private final String method;
  private final Cancellation cancellation;
  private final Outputs outputs;
  private final ResultCache cache;
  private volatile boolean interrupted;
  private volatile @Nullable BatchContext batch;

  BatchRun(
      Job job,
      List<Letter> letters,
      List<FileResult> missing,
      @Nullable Path outputDir,
      Consumer<? super FileResult> results,
      boolean observed,
      List<ProcessListener> listeners,
      List<ProcessListener.Factory> factories,
      int threads,
      String method,
      Cancellation cancellation) {
    this.job = job;
    this.wording = job.wording();
    this.letters = letters;
    this.missing = missing;
    this.outputDir = job.writesOutput() ? outputDir : null;
    this.results = results;
    this.observed = observed;
    this.listeners = listeners;
    this.factories = factories;
    this.threads = threads;
    this.method = method;
    this.cancellation = cancellation;
    this.outputs = Outputs.under(this.outputDir);
    this.cache = job.resultCache();
  }

  /** What a worker hands the committer for one letter. */
  private record Prepared(FileResult result, @Nullable Staged staged, @Nullable Preview preview) {
    static Prepared of(FileResult result) {
      return new Prepared(result, null, null);
    }
  }

  /** An output written to a temporary file, to be placed as {@code name} in {@code folder}. */
  private record Staged(Path folder, String name, Path temp) {}

  /** An output of a dry run: the name to reserve, and what a real run would write. */
  private record Preview(Path folder, String name, long size, byte[] sha256) {}

  BatchSummary run() {
    int total = letters.size() + missing.size();
    BatchContext ctx =
        new BatchContext(newId(), job.processName(), method, wording.errorTitle(), total);
    batch = ctx;
    ProcessListener listener = listenerFor(ctx);
    listener.processStart(ctx, wording.startMessage());
    listener.processing(ctx, "Processing...");
    listener.progress(ctx, 0.0);
    int[] counts = new int[Status.values().length];
    int done = 0;
    for (FileResult r : missing) {
      done = deliver(ctx, listener, r, done, total, counts);
    }
    removeStaleTemporaryFiles();
    int workers = Math.max(1, Math.min(threads, letters.size()));
    ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, threadFactory(ctx)) : null;
    Deque<Future<Prepared>> window = new ArrayDeque<>();
    int ahead = Math.max(8, workers * 4);
    int next = 0;
    try {
      while (true) {
        while (next < letters.size() && window.size() < ahead && !stopRequested()) {
          window.add(submit(letters.get(next), pool));
          next++;
        }
        if (window.isEmpty()) {
          break;
        }
        FileResult r = commit(await(window.removeFirst()));
        done = deliver(ctx, listener, r, done, total, counts);
      }
      for (int i = next; i < letters.size(); i++) {
        FileResult r = FileResult.builder(job.processName(), letters.get(i), Status.NOT_STARTED).message(NOT_STARTED).build();
        done = deliver(ctx, listener, r, done, total, counts);
      }
    } finally {
      for (Future<Prepared> f : window) {
        f.cancel(false);
      }
      if (pool != null) {
        pool.shutdown();
        awaitWorkers(pool);
      }
      outputs.close();
    }
    if (total == 0) {
      listener.progress(ctx, 1.0);
    }
    BatchSummary summary =
        new BatchSummary(
            counts[Status.SUCCESS.ordinal()],
            counts[Status.UNCHANGED.ordinal()],
            counts[Status.SKIPPED.ordinal()],
            counts[Status.FAILED.ordinal()],
            counts[Status.NOT_STARTED.ordinal()]);
    if (summary.stopped()) {
      logger.info("Batch {} stopped: {} of {} files not started", ctx.id(), summary.notStarted(), total);
    }
    listener.complete(ctx, wording.completeMessage(summary));
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return summary;
  }

  /**
   * Returns a random (version 4) UUID as a string, from a fast generator rather than {@link
   * UUID#randomUUID()}'s secure one, which costs a noticeable part of a short command's start:
   * a batch id only tells batches apart, it guards nothing.
   */
  private static String newId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  private boolean stopRequested() {
    if (Thread.currentThread().isInterrupted()) {
      interrupted = true;
    }
    return interrupted || cancellation.isCancelled();
  }

  /**
   * Removes the temporary files dead processes left in the folders this batch writes to (the
   * output root and the letters' folders below it), before anything is written.
   */
  private void removeStaleTemporaryFiles() {
    Path root = outputs.root();
    if (root == null || !Files.isDirectory(root)) {
      return;
    }
    Set<String> folders = new LinkedHashSet<>();
    folders.add("");
    for (Letter l : letters) {
      folders.add(l.folder());
    }
    List<Path> paths = new ArrayList<>(folders.size());
    for (String f : folders) {
      try {
        paths.add(outputs.folder(f));
      } catch (IllegalArgumentException e) {
        // that letter fails when it is placed
      }
    }
    Outputs.removeStale(paths);
  }

  private Future<Prepared> submit(Letter letter, @Nullable ExecutorService pool) {
    Optional<String> skip = job.skipReason(letter);
    FutureTask<Prepared> task =
        skip.isPresent()
            ? new FutureTask<>(() -> Prepared.of(FileResult.skipped(job.processName(), letter, skip.get())))
            : new FutureTask<>(() -> prepare(letter));
    if (pool == null || skip.isPresent()) {
      task.run();
    } else {
      pool.execute(task);
    }
    return task;
  }

  /** Reads, asks the cache, processes and stages one letter. Runs on a worker. */
  private Prepared prepare(Letter letter) {
    if (stopRequested()) {
      return Prepared.of(
          FileResult.builder(job.processName(), letter, Status.NOT_STARTED).message(NOT_STARTED).build());
    }
    Scope scope = new Scope();
    try {
      byte[] content = read(letter);
      String key = null;
      if (cache != ResultCache.NONE) {
        key = LetterCache.key(job, letter, content);
        Optional<LetterCache.Hit> hit = LetterCache.lookup(cache, key, job.processName(), letter);
        if (hit.isPresent()) {
          LetterCache.Hit h = hit.get();
          if (h.outputName() == null || outputDir == null) {
            return Prepared.of(h.result());
          }
          Path folder = folderOf(letter);
          return new Prepared(h.result(), new Staged(folder, h.outputName(), stage(letter, folder, h.output())), null);
        }
      }
      Outcome outcome = job.process(letter, content, scope);
      if (outcome == null) {
        throw new IllegalStateException("the job returned no outcome");
      }
      FileResult result = outcome.result();
      if (!result.letter().equals(letter)) {
        throw new IllegalStateException("the job returned the result of another letter: " + result.letter());
      }
      if (key != null && !result.cached() && outcome.kind() != Outcome.Kind.PREVIEW
          && (result.status() == Status.SUCCESS || result.status() == Status.UNCHANGED)) {
        byte[] output = outputBytes(letter, outcome);
        LetterCache.store(cache, key, result, outcome.fileName().orElse(null), output);
      }
      return stage(letter, outcome, scope);
    } catch (DocumentProcessingException e) {
      logger.debug("{}", e.getMessage(), e);
      return Prepared.of(FileResult.failed(job.processName(), letter, Failure.of(e)));
    } catch (RuntimeException e) {
      logger.error("Unexpected error in the job {} on {}", job.reportName(), letter.relativePath(), e);
      return Prepared.of(
          FileResult.failed(
              job.processName(),
              letter,
              new Failure(Stage.INTERNAL, "Could not process the file", "an unexpected error occurred (" + e + ")")));
    } finally {
      scope.close();
    }
  }

  /** Reads a letter, refusing one over the job's size limit before reading it. */
  private byte[] read(Letter letter) {
    long max = job.limits().maxFileBytes();
    try (SeekableByteChannel ch = Files.newByteChannel(letter.file())) {
      long size = ch.size();
      if (size > max) {
        throw new DocumentProcessingException(
            "Could not read the file",
            letter.relativePath(),
            Stage.OPEN,
            "the file is too large (" + megabytes(size) + "; the limit is " + megabytes(max) + ")",
            null);
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          break;
        }
      }
      if (buf.hasRemaining()) {
        throw new IOException("the file got shorter while it was read");
      }
      return buf.array();
    } catch (NoSuchFileException e) {
      throw new DocumentProcessingException(
          "Could not read the file", letter.relativePath(), Stage.OPEN, "the file does not exist (any more)", e);
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not read the file", letter.relativePath(), Stage.OPEN, "the file cannot be read (" + e + ")", e);
    }
  }

  private static String megabytes(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }

  private byte[] outputBytes(Letter letter, Outcome outcome) {
    switch (outcome.kind()) {
      case BYTES:
        byte[] c = outcome.content();
        return c == null ? new byte[0] : c;
      case FILE:
        Path f = outcome.file();
        try {
          return f == null ? new byte[0] : Files.readAllBytes(f);
        } catch (IOException e) {
          throw new DocumentProcessingException(
              "Could not write the output", letter.relativePath(), Stage.WRITE, "it cannot be read back (" + e + ")", e);
        }
      default:
        return new byte[0];
    }
  }

  private Prepared stage(Letter letter, Outcome outcome, Scope scope) {
    FileResult result = outcome.result();
    Outcome.Kind kind = outcome.kind();
    if (kind == Outcome.Kind.NONE) {
      return Prepared.of(result);
    }
    if (outputDir == null) {
      throw new IllegalStateException(
          "the job returned an output but says it writes none (Job.writesOutput() is false)");
    }
    String name = outcome.fileName().orElseThrow();
    Path folder = folderOf(letter);
    switch (kind) {
      case BYTES:
        byte[] content = outcome.content();
        return new Prepared(result, new Staged(folder, name, stage(letter, folder, content == null ? new byte[0] : content)), null);
      case FILE:
        Path file = outcome.file();
        if (file == null || !scope.owns(file)) {
          throw new IllegalArgumentException(
              "the job returned a file to move that is not one of its JobContext.createTempFile files: " + file);
        }
        scope.keep(file);
        return new Prepared(result, new Staged(folder, name, file), null);
      default:
        byte[] preview = outcome.content();
        byte[] bytes = preview == null ? new byte[0] : preview;
        return new Prepared(result, null, new Preview(folder, name, bytes.length, Outputs.sha256(bytes)));
    }
  }

  private Path stage(Letter letter, Path folder, byte[] content) {
    try {
      return outputs.stage(folder, content);
    } catch (IOException e) {
      throw writeFailure(letter, e);
    }
  }

  private Path folderOf(Letter letter) {
    try {
      return outputs.folder(letter.folder());
    } catch (IllegalArgumentException e) {
      throw new DocumentProcessingException(
          "Could not write the output",
          letter.relativePath(),
          Stage.WRITE,
          "its path leaves the output folder " + outputDir,
          null);
    }
  }

  private DocumentProcessingException writeFailure(Letter letter, IOException e) {
    return new DocumentProcessingException(
        "Could not write the output",
        letter.relativePath(),
        Stage.WRITE,
        "it cannot be written in the output folder " + outputDir + " (" + e + ")",
        e);
  }

  /** Places a letter's output, in input order, on the committer. */
  private FileResult commit(Prepared p) {
    FileResult r = p.result();
    Staged s = p.staged();
    Preview v = p.preview();
    if (s != null) {
      try {
        Outputs.Placed placed = outputs.place(s.folder(), s.name(), s.temp());
        return placed(r, placed);
      } catch (IOException e) {
        DocumentProcessingException f = writeFailure(r.letter(), e);
        logger.debug("{}", f.getMessage(), e);
        return FileResult.failed(r.process(), r.letter(), Failure.of(f));
      }
    }
    if (v != null) {
      return placed(r, outputs.preview(v.folder(), v.name(), v.size(), v.sha256()));
    }
    return r;
  }

  private static FileResult placed(FileResult r, Outputs.Placed placed) {
    return r.toBuilder()
        .output(placed.path())
        .outputName(r.letter().folder() + placed.path().getFileName())
        .outputAlreadyThere(placed.alreadyThere())
        .build();
  }

  private Prepared await(Future<Prepared> f) {
    while (true) {
      try {
        return f.get();
      } catch (InterruptedException e) {
        // stop taking letters; the letters in flight still finish and are placed
        interrupted = true;
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof Error) {
          throw (Error) c;
        }
        throw new IllegalStateException("a batch task failed", c);
      }
    }
  }

  private void awaitWorkers(ExecutorService pool) {
    boolean wasInterrupted = Thread.interrupted();
    try {
      while (!pool.isTerminated()) {
        try {
          pool.awaitTermination(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          wasInterrupted = true;
        }
      }
    } finally {
      if (wasInterrupted) {
        interrupted = true;
        Thread.currentThread().interrupt();
      }
    }
  }

  private int deliver(
      BatchContext ctx, ProcessListener listener, FileResult r, int done, int total, int[] counts) {
    counts[r.status().ordinal()]++;
    if (r.status() == Status.FAILED) {
      String message = r.message().orElse("failed");
      if (observed) {
        logger.debug("{}", message);
      } else {
        logger.warn("{}", message);
      }
      listener.error(ctx, new ProcessError(ctx.errorTitle(), message, r));
    }
    listener.result(ctx, r);
    results.accept(r);
    int n = done + 1;
    listener.progress(ctx, total == 0 ? 1.0 : (double) n / total);
    return n;
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
    return ProcessListener.of(all);
  }

  private static ThreadFactory threadFactory(BatchContext ctx) {
    String name = "engagement-batch-" + ctx.id().substring(0, 8) + "-";
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The context of one {@link Job#process} call: its temporary files are deleted after it. */
  private final class Scope implements JobContext {
    private final List<Path> temps = Collections.synchronizedList(new ArrayList<>());
    private volatile @Nullable Path kept;

    @Override
    public BatchContext batch() {
      BatchContext b = batch;
      if (b == null) {
        throw new IllegalStateException("the batch has not started");
      }
      return b;
    }

    @Override
    public Path createTempFile(String suffix) throws IOException {
      if (suffix.indexOf('/') >= 0 || suffix.indexOf('\\') >= 0 || suffix.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("suffix must not contain a path separator but was " + suffix);
      }
      Path p = outputs.newWorkFile(suffix);
      temps.add(p);
      return p;
    }

    boolean owns(Path p) {
      return temps.contains(p) && outputs.isWorkFile(p);
    }

    void keep(Path p) {
      kept = p;
    }

    void close() {
      List<Path> all;
      synchronized (temps) {
        all = new ArrayList<>(temps);
      }
      for (Path p : all) {
        if (!p.equals(kept)) {
          outputs.discard(p);
        }
      }
    }
  }
}
