package dev.engagement.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.BatchTest.RecordingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a batch from the API ({@link Cancellation}) or by interrupting its thread: no further
 * letter is taken, the letters in flight finish and are placed, every temporary file is gone, the
 * letters not reached are {@code not_started}, and the events complete.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
final class CancellationTest {
  private static final int LETTERS = 40;
  private static final int BLOCKER = 3;

  @TempDir Path temp;

  /** Letters {@code 00.txt...}; the job blocks on letter {@link #BLOCKER} until released. */
  static final class BlockingJob implements Job {
    final CountDownLatch inFlight = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public String processName() {
      return "blocking";
    }

    @Override
    public Outcome process(Letter letter, byte[] content, JobContext context) {
      if (letter.fileName().equals(String.format(Locale.ROOT, "%02d.txt", BLOCKER))) {
        inFlight.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Outcome.write(FileResult.builder(processName(), letter, Status.SUCCESS).build(), letter.fileName(), content);
    }
  }

  private Path inputs() throws IOException {
    Path in = Files.createDirectories(temp.resolve("in"));
    for (int i = 0; i < LETTERS; i++) {
      Files.writeString(in.resolve(String.format(Locale.ROOT, "%02d.txt", i)), "letter " + i);
    }
    return in;
  }

  /**
   * The letter in flight finished and was placed; the letters not taken are not started (two
   * workers may take letters a little out of order, so the not-started ones need not be the
   * last); no letter beyond the few taken ahead of the committer was started.
   */
  private static void assertStoppedCleanly(List<FileResult> results, BatchSummary s, Path out) throws IOException {
    assertThat(results).hasSize(LETTERS);
    assertThat(results.get(BLOCKER).status()).as("the letter in flight finished").isEqualTo(Status.SUCCESS);
    int done = 0;
    for (int i = 0; i < LETTERS; i++) {
      FileResult r = results.get(i);
      assertThat(r.letter().fileName()).isEqualTo(String.format(Locale.ROOT, "%02d.txt", i));
      assertThat(r.status()).as(r.toString()).isIn(Status.SUCCESS, Status.NOT_STARTED);
      if (r.status() == Status.SUCCESS) {
        done++;
        assertThat(i).as("taken after the stop: %s", r).isLessThan(BLOCKER + 1 + 2 * 8);
        assertThat(Files.readString(r.output().orElseThrow())).isEqualTo("letter " + i);
      } else {
        assertThat(r.message().orElseThrow()).contains("not started");
        assertThat(out.resolve(r.letter().fileName())).doesNotExist();
      }
    }
    assertThat(done).isLessThan(LETTERS);
    assertThat(s).isEqualTo(new BatchSummary(done, 0, 0, 0, LETTERS - done));
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".~"))).isEmpty();
    }
  }

  @Test
  void aCancelledBatchFinishesTheLettersInFlightAndListsTheRestAsNotStarted() throws Exception {
    Path in = inputs();
    Path out = temp.resolve("out");
    BlockingJob job = new BlockingJob();
    Cancellation stop = Cancellation.create();
    RecordingListener rec = new RecordingListener();
    List<FileResult> results = new ArrayList<>();
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<BatchSummary> running =
          caller.submit(
              () -> Batch.builder().threads(2).cancellation(stop).listener(rec).build().run(job, List.of(in), out, results::add));
      assertThat(job.inFlight.await(60, TimeUnit.SECONDS)).isTrue();
      stop.cancel();
      job.release.countDown();
      BatchSummary s = running.get(60, TimeUnit.SECONDS);

      assertStoppedCleanly(results, s, out);
      assertThat(rec.types()).endsWith("progress", "complete");
      ProcessEvent complete = rec.events.get(rec.events.size() - 1);
      assertThat((String) complete.detail())
          .isEqualTo("Processed " + s.done() + " files: " + s.done() + " succeeded, 0 unchanged, 0 skipped, 0 failed."
              + " Stopped: " + s.notStarted() + " files not started.");
      List<Object> statuses =
          rec.events.stream()
              .filter(e -> e.type().equals("process-result"))
              .map(e -> (Object) ((Map<?, ?>) e.detail()).get("status"))
              .toList();
      assertThat(statuses).hasSize(LETTERS).endsWith("not_started");
      ProcessEvent lastProgress = rec.events.get(rec.events.size() - 2);
      assertThat(((Map<?, ?>) lastProgress.detail()).get("value")).isEqualTo(1.0);
    } finally {
      job.release.countDown();
      caller.shutdownNow();
    }
  }

  @Test
  void aBatchGivenACancelledCancellationStartsNothingAndWritesNothing() throws Exception {
    Path in = inputs();
    Cancellation stop = Cancellation.create();
    stop.cancel();
    List<FileResult> results = new ArrayList<>();

    BatchSummary s =
        Batch.builder().cancellation(stop).build().run(new BlockingJob(), List.of(in), temp.resolve("out"), results::add);

    assertThat(s).isEqualTo(new BatchSummary(0, 0, 0, 0, LETTERS));
    assertThat(results).extracting(FileResult::status).containsOnly(Status.NOT_STARTED);
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void interruptingTheThreadThatRunsTheBatchStopsItTheSameWayAndKeepsTheInterrupt() throws Exception {
    Path in = inputs();
    Path out = temp.resolve("out");
    BlockingJob job = new BlockingJob();
    List<FileResult> results = new ArrayList<>();
    BatchSummary[] summary = new BatchSummary[1];
    boolean[] interruptKept = new boolean[1];
    Thread runner =
        new Thread(
            () -> {
              summary[0] = Batch.builder().threads(2).build().run(job, List.of(in), out, results::add);
              interruptKept[0] = Thread.currentThread().isInterrupted();
            });
    runner.start();
    try {
      assertThat(job.inFlight.await(60, TimeUnit.SECONDS)).isTrue();
      runner.interrupt();
      Thread.sleep(100);
      job.release.countDown();
      runner.join(60_000);
      assertThat(runner.isAlive()).isFalse();
      assertStoppedCleanly(results, summary[0], out);
      assertThat(interruptKept[0]).isTrue();
    } finally {
      job.release.countDown();
    }
  }
}
