package dev.engagement.cache.internal.jcache;

/**
 * Delivers the events of an operation to the listeners after the operation has released its
 * key's lock, so a listener may use the cache (Caffeine does the same), while keeping JCache's
 * order: the events of one key reach the listeners in the order the operations happened. Each
 * operation takes a ticket of its lock stripe while it still holds the lock; after releasing it,
 * it waits until the earlier tickets of the stripe have been delivered, then delivers its own.
 *
 * <p>An operation done by a listener (on this cache or another) delivers its events at once,
 * without waiting for its turn: waiting there could wait for the listener itself. A listener that
 * blocks until another thread's operation on the same stripe has returned can still deadlock, as
 * in any cache that delivers events in order; the JCache specification leaves that to the
 * implementation.
 *
 * <p>Thread-safe.
 */
final class Delivery {
  /** No ticket: nothing to deliver. */
  static final long NONE = -1;
  /** Deliver at once (the operation runs inside a listener). */
  static final long NOW = -2;

  /** How deep this thread is in listener calls. */
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  private final long[] issued;
  private final Lane[] lanes;

  Delivery(int stripes) {
    this.issued = new long[stripes];
    this.lanes = new Lane[stripes];
    for (int i = 0; i < stripes; i++) {
      lanes[i] = new Lane();
    }
  }

  /** Returns the next ticket of a stripe; must be called while holding the stripe's lock. */
  long ticket(int stripe) {
    return DEPTH.get()[0] > 0 ? NOW : issued[stripe]++;
  }

  /** Delivers events for a ticket, after the earlier tickets of its stripe. */
  void deliver(int stripe, long ticket, Runnable events) {
    if (ticket == NONE) {
      return;
    }
    if (ticket == NOW) {
      run(events);
      return;
    }
    Lane lane = lanes[stripe];
    lane.await(ticket);
    try {
      run(events);
    } finally {
      lane.done();
    }
  }

  private static void run(Runnable events) {
    int[] depth = DEPTH.get();
    depth[0]++;
    try {
      events.run();
    } finally {
      if (--depth[0] == 0) {
        DEPTH.remove();
      }
    }
  }

  /** The tickets of one stripe served so far. */
  private static final class Lane {
    private long served;

    synchronized void await(long ticket) {
      boolean interrupted = false;
      while (served != ticket) {
        try {
          wait();
        } catch (InterruptedException e) {
          // every ticket must be served, or the stripe's later events would wait for ever
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized void done() {
      served++;
      notifyAll();
    }
  }
}
