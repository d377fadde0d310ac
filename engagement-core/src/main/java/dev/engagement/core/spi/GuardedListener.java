package dev.engagement.core.spi;

import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.ProcessError;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a listener and keeps the batch going if it throws: the first failure is logged at WARN
 * with the listener's class, later ones at DEBUG. Errors propagate.
 *
 * <p>Thread-safe if the listener is.
 */
final class GuardedListener implements ProcessListener {
  private static final Logger logger = LoggerFactory.getLogger(GuardedListener.class);

  private final ProcessListener delegate;
  private final AtomicBoolean warned = new AtomicBoolean();

  private GuardedListener(ProcessListener delegate) {
    this.delegate = delegate;
  }

  /** Returns a guarded listener (the same one if it is guarded already). */
  static ProcessListener of(ProcessListener listener) {
    if (listener instanceof GuardedListener
        || listener instanceof CompositeProcessListener
        || listener == ProcessListener.NONE) {
      return listener;
    }
    return new GuardedListener(listener);
  }

  @Override
  public void processStart(BatchContext batch, String message) {
    try {
      delegate.processStart(batch, message);
    } catch (RuntimeException e) {
      failed("processStart", e);
    }
  }

  @Override
  public void processing(BatchContext batch, String message) {
    try {
      delegate.processing(batch, message);
    } catch (RuntimeException e) {
      failed("processing", e);
    }
  }

  @Override
  public void result(BatchContext batch, FileResult result) {
    try {
      delegate.result(batch, result);
    } catch (RuntimeException e) {
      failed("result", e);
    }
  }

  @Override
  public void progress(BatchContext batch, double value) {
    try {
      delegate.progress(batch, value);
    } catch (RuntimeException e) {
      failed("progress", e);
    }
  }

  @Override
  public void error(BatchContext batch, ProcessError error) {
    try {
      delegate.error(batch, error);
    } catch (RuntimeException e) {
      failed("error", e);
    }
  }

  @Override
  public void complete(BatchContext batch, String message) {
    try {
      delegate.complete(batch, message);
    } catch (RuntimeException e) {
      failed("complete", e);
    }
  }

  private void failed(String method, RuntimeException e) {
    if (warned.compareAndSet(false, true)) {
      logger.warn(
          "Listener {} threw from {}; the batch goes on (further failures are logged at DEBUG)",
          delegate.getClass().getName(),
          method,
          e);
    } else {
      logger.debug("Listener {} threw from {}", delegate.getClass().getName(), method, e);
    }
  }
}
