package dev.engagement.examples;

import dev.engagement.core.Cancellation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What SIGINT (Ctrl-C) and SIGTERM do to a job command: the JVM runs its shutdown hooks, and
 * this one cancels the batch, then waits for the command to wind down (the letters in flight
 * finish and are placed, temporary files are deleted, the letters not reached are reported as not
 * started, the report and the events file are written) before the JVM exits, with 130 for SIGINT
 * and 143 for SIGTERM (the JVM's own codes for them). A command that runs no batch (the
 * Socket.IO fixture) is not waited for. Thread-safe.
 */
final class StopOnSignal {
  /** The longest the hook waits for a batch to wind down (a PDF letter may take long). */
  private static final long WAIT_MINUTES = 5;

  private final Cancellation cancellation = Cancellation.create();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean batchStarted;
  private volatile PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);

  /** Returns the cancellation the batches of this command line run under. */
  Cancellation cancellation() {
    return cancellation;
  }

  /** Tells that a batch runs: a signal from now on waits for the command to finish. */
  void batchStarted(PrintWriter err) {
    this.err = err;
    batchStarted = true;
  }

  /** Tells that the command has finished (called once, whatever happened). */
  void finished() {
    finished.countDown();
  }

  /** Installs the shutdown hook. */
  void install() {
    Runtime.getRuntime().addShutdownHook(new Thread(this::onShutdown, "engagement-stop"));
  }

  private void onShutdown() {
    cancellation.cancel();
    if (!batchStarted || finished.getCount() == 0) {
      return;
    }
    err.println(
        "engagement: stopping: the letters in flight finish, the others are not started;"
            + " run the same command again to finish them");
    err.flush();
    try {
      if (!finished.await(WAIT_MINUTES, TimeUnit.MINUTES)) {
        err.println("engagement: gave up waiting for the batch to stop after " + WAIT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
