package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.spi.ProcessListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link Job} over files and folders. Folders are walked recursively in a stable order
 * (names sorted); the output folder is never walked. For each letter, on a bounded worker pool,
 * the batch reads the input, asks the job's result cache, hands the bytes to the job, and writes
 * what the job returns to a temporary file; one committer (the calling thread) then places the
 * outputs in input order under free names, and hands results and listener calls on, in input
 * order. Workers go on with the next letters while outputs are placed. At most a few letters per
 * worker are held at once, so a batch of any size runs in bounded memory. One failed letter never
 * stops the batch.
 *
 * <pre>{@code
 * Batch batch = Batch.builder().listener(myListener).build();
 * BatchSummary summary = batch.run(Rollover.ofDefaults(), List.of(Path.of("letters")),
 *     Path.of("temp/complete"), results::add);
 * }</pre>
 *
 * <p>Outputs are never written over an existing file: a name that is taken gets {@code (2)},
 * {@code (3)}... in input order, the same on every run; a name that already holds exactly the
 * bytes a letter would write (an interrupted run placed it) is that letter's output, "already
 * there", so a rerun completes an interrupted batch without duplicates. Temporary files carry the
 * process id in their names; those left in the output folders by processes no longer running are
 * removed when a batch starts. A {@link Cancellation} stops a batch cleanly (see there).
 *
 * <p>With no listener and no result consumer, each failed letter is logged once at WARN.
 *
 * <p>Immutable and thread-safe; each {@link #run} uses its own pool.
 *
 * @since 0.1
 */
public final class Batch {
  private final List<ProcessListener> listeners;
  private final List<ProcessListener.Factory> factories;
  private final int threads;
  private final String method;
  private final Cancellation cancellation;

  private Batch(Builder b) {
    this.listeners = List.copyOf(b.listeners);
    this.factories = List.copyOf(b.factories);
    this.threads = b.threads;
    this.method = b.method;
    this.cancellation = b.cancellation;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a batch with no listener, on as many threads as there are processors.
   *
   * @return the batch
   */
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
   * @return the letters
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
      BasicFileAttributes a;
      try {
        // one stat per entry; a symbolic link's target is looked at only for a link
        a = Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        continue; // gone since the folder was listed
      }
      if (a.isDirectory()) {
        walk(root, child, skip, out);
      } else if (a.isRegularFile() || (a.isSymbolicLink() && Files.isRegularFile(child))) {
        String sep = child.getFileSystem().getSeparator();
        String rel = root.relativize(child).toString().replace(sep, "/").replace('\\', '_');
        out.add(new Letter(child, rel));
      }
    }
  }

  /**
   * Runs a job over inputs, writing its outputs below {@code outputDir}.
   *
   * @param job the job
   * @param inputs files and folders
   * @param outputDir the output root; each letter's folders are kept below it
   * @return the counts by status
   * @throws EngagementException if the inputs cannot be listed
   */
  public BatchSummary run(Job job, List<Path> inputs, Path outputDir) {
    requireNonNull(outputDir, "outputDir");
    return start(job, inputs, outputDir, null);
  }

  /**
   * Runs a job that writes no files (the entity check) over inputs, handing each result to
   * {@code results} in input order on the calling thread.
   *
   * @param job the job; it must not write outputs ({@link Job#writesOutput()} false)
   * @param inputs files and folders
   * @param results receives each result
   * @return the counts by status
   * @throws IllegalArgumentException if the job writes outputs: give it an output folder
   * @throws EngagementException if the inputs cannot be listed
   */
  public BatchSummary run(Job job, List<Path> inputs, Consumer<? super FileResult> results) {
    requireNonNull(results, "results");
    return start(job, inputs, null, results);
  }

  /**
   * Runs a job over inputs, writing its outputs below {@code outputDir} and handing each result
   * to {@code results} in input order on the calling thread.
   *
   * @param job the job
   * @param inputs files and folders
   * @param outputDir the output root; each letter's folders are kept below it
   * @param results receives each result
   * @return the counts by status
   * @throws EngagementException if the inputs cannot be listed
   */
  public BatchSummary run(
      Job job, List<Path> inputs, Path outputDir, Consumer<? super FileResult> results) {
    requireNonNull(outputDir, "outputDir");
    requireNonNull(results, "results");
    return start(job, inputs, outputDir, results);
  }

  private BatchSummary start(
      Job job, List<Path> inputs, @Nullable Path outputDir, @Nullable Consumer<? super FileResult> results) {
    requireNonNull(job, "job");
    requireNonNull(inputs, "inputs");
    checkOutput(job, outputDir);
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
                new Failure(Stage.OPEN, "Could not open the letter", "the file or folder does not exist")));
      }
    }
    List<Letter> letters;
    try {
      letters = collect(existing, outputDir);
    } catch (UncheckedIOException e) {
      throw new EngagementException("Could not list the inputs: " + e.getCause().getMessage(), e);
    }
    return newRun(job, letters, missing, outputDir, results).run();
  }

  /**
   * Runs a job over letters already listed (by {@link #collect} or by an application).
   *
   * @param job the job
   * @param letters the letters, in the order their results are wanted
   * @param outputDir the output root; each letter's folders are kept below it
   * @param results receives each result
   * @return the counts by status
   */
  public BatchSummary runLetters(
      Job job, List<Letter> letters, Path outputDir, Consumer<? super FileResult> results) {
    requireNonNull(job, "job");
    requireNonNull(outputDir, "outputDir");
    requireNonNull(results, "results");
    return newRun(job, List.copyOf(letters), List.of(), outputDir, results).run();
  }

  /**
   * Runs a job over one letter on the calling thread, with no listener, and returns its result
   * (what {@code Rollover.roll} and the like do).
   */
  static FileResult one(Job job, Letter letter, @Nullable Path outputDir) {
    checkOutput(job, outputDir);
    FileResult[] result = new FileResult[1];
    new BatchRun(
            job,
            List.of(letter),
            List.of(),
            outputDir,
            r -> result[0] = r,
            true,
            List.of(),
            List.of(),
            1,
            "CALL",
            Cancellation.create())
        .run();
    return requireNonNull(result[0], "result");
  }

  private static void checkOutput(Job job, @Nullable Path outputDir) {
    if (outputDir == null && job.writesOutput()) {
      throw new IllegalArgumentException(
          "the job " + job.reportName() + " writes outputs: run it with an output folder");
    }
  }

  private BatchRun newRun(
      Job job,
      List<Letter> letters,
      List<FileResult> missing,
      @Nullable Path outputDir,
      @Nullable Consumer<? super FileResult> results) {
    boolean observed = results != null || !listeners.isEmpty() || !factories.isEmpty();
    return new BatchRun(
        job,
        letters,
        missing,
        outputDir,
        results == null ? r -> {} : results,
        observed,
        listeners,
        factories,
        threads,
        method,
        cancellation);
  }

  /** Builds a {@link Batch}. Not thread-safe. */
  public static final class Builder {
    private final List<ProcessListener> listeners = new ArrayList<>();
    private final List<ProcessListener.Factory> factories = new ArrayList<>();
    private int threads = Runtime.getRuntime().availableProcessors();
    private String method = "POST";
    private Cancellation cancellation = Cancellation.create();

    private Builder() {}

    /**
     * Adds a listener; it receives every batch run by this batch.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ProcessListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds a factory that creates a listener for each batch run.
     *
     * @param factory the factory
     * @return this builder
     */
    public Builder listenerFactory(ProcessListener.Factory factory) {
      factories.add(requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Sets the number of worker threads (the number of processors by default).
     *
     * @param threads at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
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
     *
     * @param method the method
     * @return this builder
     */
    public Builder method(String method) {
      this.method = requireNonNull(method, "method");
      return this;
    }

    /**
     * Sets the cancellation that stops this batch's runs (none by default). Once it is
     * cancelled, a run takes no further letter, lets the letters in flight finish and places
     * them, deletes every temporary file, reports the letters not reached as {@link
     * Status#NOT_STARTED}, completes its events and returns. Interrupting the thread that runs a
     * batch stops it the same way (the interrupt status is kept).
     *
     * @param cancellation the cancellation
     * @return this builder
     */
    public Builder cancellation(Cancellation cancellation) {
      this.cancellation = requireNonNull(cancellation, "cancellation");
      return this;
    }

    /**
     * Returns the batch.
     *
     * @return the batch
     */
    public Batch build() {
      return new Batch(this);
    }
  }
}
