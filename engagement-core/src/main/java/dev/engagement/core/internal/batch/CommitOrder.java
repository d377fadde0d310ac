package dev.engagement.core.internal.batch;

import java.io.InterruptedIOException;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Makes a parallel batch place its outputs in input order, so that colliding names are numbered
 * the same way on every run ({@code a.docx} for the first letter, {@code a (2).docx} for the
 * next): the worker of letter {@code i} waits, just before moving its output into place, until
 * every earlier letter is finished. Processing itself stays parallel.
 *
 * <p>Thread-safe.
 */
public final class CommitOrder {
  private static final ThreadLocal<Turn> CURRENT = new ThreadLocal<>();

  private final TreeSet<Integer> finished = new TreeSet<>();
  private int next;

  /** A letter's place in the order, bound to the worker thread while it runs. */
  public record Turn(CommitOrder order, int index) {}

  /** Binds a turn to the current thread (null to unbind). */
  public static void bind(@Nullable Turn turn) {
    if (turn == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(turn);
    }
  }

  /** Waits for the current thread's turn, if one is bound. */
  static void awaitTurn() throws InterruptedIOException {
    Turn t = CURRENT.get();
    if (t != null) {
      t.order().await(t.index());
    }
  }

  private synchronized void await(int index) throws InterruptedIOException {
    while (next < index) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting to write in order");
      }
    }
  }

  /** Marks a letter finished, whether or not it wrote anything. */
  public synchronized void finish(int index) {
    finished.add(index);
    while (finished.remove(next)) {
      next++;
    }
    notifyAll();
  }
}
