package dev.engagement.core.spi;

import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.ProcessError;
import java.util.List;

/**
 * Listens to a batch: the original app's event sequence, one call per event.
 *
 * <p>For each batch, calls come in this order, all on the thread that runs the batch: {@link
 * #processStart}, {@link #processing}, {@link #progress} with 0, then for each file in input
 * order: {@link #error} if it failed, {@link #result}, {@link #progress} (rising to 1); and last
 * {@link #complete}, also for a batch that was stopped. A batch that cannot start (its inputs
 * cannot be listed, or a job that writes has no output folder) throws from {@code Batch.run}
 * before any call; an input that does not exist is a failed file like any other.
 *
 * <p>Implementations must be fast and must not block (hand slow work to another thread), and
 * must not throw: a {@link RuntimeException} from a listener is logged at WARN with the
 * listener's class, and the batch goes on. Every method has an empty default.
 *
 * <p>A listener given to {@code Batch.builder().listener(...)} receives every batch run by that
 * {@link dev.engagement.core.Batch}; batches run at the same time call it from their own threads,
 * so such a listener must be thread-safe. A listener that keeps per-batch state should come from
 * a {@link Factory} instead: each batch then gets its own, called from one thread only.
 *
 * @since 0.1
 */
public interface ProcessListener {
  /** A listener that does nothing. */
  ProcessListener NONE = new ProcessListener() {};

  /**
   * Called first, when the batch starts.
   *
   * @param batch the batch
   * @param message for people, the job's own words (for a rollover: "Processing engagement
   *     letters!")
   */
  default void processStart(BatchContext batch, String message) {}

  /**
   * Called once after {@link #processStart}: the batch is running.
   *
   * @param batch the batch
   * @param message for people ("Processing...")
   */
  default void processing(BatchContext batch, String message) {}

  /**
   * Called when a file is done, whatever its status, in input order.
   *
   * @param batch the batch
   * @param result the file's result
   */
  default void result(BatchContext batch, FileResult result) {}

  /**
   * Called with the share of files done: 0 before the first file, then after each file, up to 1.
   *
   * @param batch the batch
   * @param value the share done, from 0 to 1
   */
  default void progress(BatchContext batch, double value) {}

  /**
   * Called when a file failed, just before its {@link #result}.
   *
   * @param batch the batch
   * @param error what failed, for people
   */
  default void error(BatchContext batch, ProcessError error) {}

  /**
   * Called last, when the batch is over (also when it was stopped before every file).
   *
   * @param batch the batch
   * @param message a summary for people, e.g. "Processed 3 files: 2 rolled, 1 unchanged, 0
   *     skipped, 0 failed."
   */
  default void complete(BatchContext batch, String message) {}

  /**
   * Returns a listener that calls each of the given listeners in turn; a listener that throws a
   * {@link RuntimeException} is logged (at WARN the first time, with its class) and the others
   * still get their calls. Errors propagate.
   *
   * @param listeners the listeners, in the order they are called
   * @return {@link #NONE} for no listener, else a listener that calls them all
   */
  static ProcessListener of(List<? extends ProcessListener> listeners) {
    List<ProcessListener> all = List.copyOf(listeners);
    if (all.isEmpty()) {
      return NONE;
    }
    if (all.size() == 1) {
      return GuardedListener.of(all.get(0));
    }
    return new CompositeProcessListener(all);
  }

  /**
   * Creates a listener for each batch, for listeners that keep per-batch state. Register it with
   * {@code Batch.builder().listenerFactory(...)}.
   */
  @FunctionalInterface
  interface Factory {
    /**
     * Returns the listener for a batch that is about to start, on the thread that runs it. It
     * must not throw: a factory that throws is logged at WARN and the batch goes on without it.
     *
     * @param batch the batch
     * @return the listener, which gets that batch's calls only; {@link #NONE} to listen to none
     */
    ProcessListener create(BatchContext batch);
  }
}
