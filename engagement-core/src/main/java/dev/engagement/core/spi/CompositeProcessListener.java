package dev.engagement.core.spi;

import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.ProcessError;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls several listeners in turn; one that throws is logged and does not keep the others from
 * their calls. Thread-safe if they are.
 */
final class CompositeProcessListener implements ProcessListener {
  private final List<ProcessListener> listeners;

  CompositeProcessListener(List<ProcessListener> listeners) {
    List<ProcessListener> guarded = new ArrayList<>(listeners.size());
    for (ProcessListener l : listeners) {
      guarded.add(GuardedListener.of(l));
    }
    this.listeners = List.copyOf(guarded);
  }

  @Override
  public void processStart(BatchContext batch, String message) {
    for (ProcessListener l : listeners) {
      l.processStart(batch, message);
    }
  }

  @Override
  public void processing(BatchContext batch, String message) {
    for (ProcessListener l : listeners) {
      l.processing(batch, message);
    }
  }

  @Override
  public void result(BatchContext batch, FileResult result) {
    for (ProcessListener l : listeners) {
      l.result(batch, result);
    }
  }

  @Override
  public void progress(BatchContext batch, double value) {
    for (ProcessListener l : listeners) {
      l.progress(batch, value);
    }
  }

  @Override
  public void error(BatchContext batch, ProcessError error) {
    for (ProcessListener l : listeners) {
      l.error(batch, error);
    }
  }

  @Override
  public void complete(BatchContext batch, String message) {
    for (ProcessListener l : listeners) {
      l.complete(batch, message);
    }
  }
}
