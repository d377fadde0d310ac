package dev.engagement.core;

/**
 * Stops batches: give it to {@link Batch.Builder#cancellation} and call {@link #cancel()} from
 * any thread (a shutdown hook, a web server stopping, a "stop" button). A batch that sees it
 * takes no further letter; the letters in flight finish and are placed; every temporary file is
 * deleted; the letters not reached get {@link Status#NOT_STARTED} results; the listeners still
 * get {@code complete}, and {@code run} returns the summary. A rerun of the same inputs into the
 * same output folder then completes the work without duplicates (outputs already there are
 * recognised).
 *
 * <pre>{@code
 * Cancellation stop = Cancellation.create();
 * Batch batch = Batch.builder().cancellation(stop).build();
 * // on another thread, e.g. when the server shuts down:
 * stop.cancel();
 * }</pre>
 *
 * <p>One cancellation may stop many batches, at once or one after the other: once cancelled it
 * stays cancelled. Thread-safe.
 *
 * @since 0.1
 */
public final class Cancellation {
  private volatile boolean cancelled;

  private Cancellation() {}

  /**
   * Returns a new cancellation, not cancelled.
   *
   * @return the cancellation
   */
  public static Cancellation create() {
    return new Cancellation();
  }

  /** Cancels: the batches given this cancellation take no further letter. Idempotent. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Returns whether {@link #cancel()} was called.
   *
   * @return whether it was cancelled
   */
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public String toString() {
    return cancelled ? "Cancellation[cancelled]" : "Cancellation[not cancelled]";
  }
}
