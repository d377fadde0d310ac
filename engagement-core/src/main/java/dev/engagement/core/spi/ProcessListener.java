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
 * {@link #complete}. If the batch cannot run at all, {@link #error} comes without a result and
 * {@link #complete} still closes the batch.
 *
 * <p>Implementations must be fast and must not block (hand slow work to another thread), and
 * must not throw: a {@link RuntimeException} from a listener is logged at WARN with the
 * listener's class, and the batch goes on. Every method has an empty default.
 *
 * @since 0.1
 */
public interface ProcessListener {
  /** A listener that does nothing. */
  ProcessListener NONE = new ProcessListener() {};

  /** The batch starts; {@code message} is for people ("Processing engagement letters!"). */
  default void processStart(BatchContext batch, String message) {}

  /** The batch is running; {@code message} is for people ("Processing..."). */
  default void processing(BatchContext batch, String message) {}

  /** A file is done (any status). */
  default void result(BatchContext batch, FileResult result) {}

  /** The share of files done, from 0 to 1. */
  default void progress(BatchContext batch, double value) {}

  /** A file failed, or the batch could not run. */
  default void error(BatchContext batch, ProcessError error) {}

  /** The batch is over; {@code message} sums it up for people. */
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

  /** Creates a listener for each batch, for listeners that keep per-batch state. */
  @FunctionalInterface
  interface Factory {
    /** Returns the listener for a batch that is about to start. */
    ProcessListener create(BatchContext batch);
  }
}
