package dev.engagement.events.internal;

import java.util.function.LongSupplier;

/**
 * A token bucket for one connection's client log lines: up to {@code burst} at once, then {@code
 * perSecond} on average. It counts what it refuses, so that the log can say how much was dropped:
 * at the first refusal, then at most once a second, before a line that is written again.
 *
 * <p>Thread-safe (a connection's inbound messages come one at a time; the lock is uncontended).
 */
final class LogRateLimiter {
  private static final long SECOND = 1_000_000_000L;

  /** What {@link #acquire} decided. */
  enum Decision {
    /** Write the line. */
    WRITE,
    /** Write how many lines were dropped ({@link #takeDropped}), then the line. */
    WRITE_AFTER_DROPS,
    /** Drop the line, and say that this client's lines are being dropped (its first refusal). */
    DROP_FIRST,
    /** Drop the line; it is counted. */
    DROP
  }

  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;
  private long dropped;
  private boolean everDropped;
  private long lastReport;

  LogRateLimiter(int perSecond, int burst, LongSupplier nanoTime) {
    this.perNano = perSecond / (double) SECOND;
    this.burst = burst;
    this.nanoTime = nanoTime;
    this.tokens = burst;
    this.last = nanoTime.getAsLong();
  }

  /** Takes a token for one line, if there is one. */
  synchronized Decision acquire() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return dropped > 0 && now - lastReport >= SECOND ? Decision.WRITE_AFTER_DROPS : Decision.WRITE;
    }
    dropped++;
    if (!everDropped) {
      everDropped = true;
      lastReport = now;
      return Decision.DROP_FIRST;
    }
    return Decision.DROP;
  }

  /** Returns how many lines were dropped and not reported yet, and counts them as reported. */
  synchronized long takeDropped() {
    long d = dropped;
    dropped = 0;
    lastReport = nanoTime.getAsLong();
    return d;
  }
}
