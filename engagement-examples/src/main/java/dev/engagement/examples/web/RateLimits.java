package dev.engagement.examples.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The original app's per-client limits on uploads: at most {@code HOURLY_LIMIT} in any hour and
 * {@code DAILY_LIMIT} in any day (0: no limit), counted by the client's address. Thread-safe.
 */
final class RateLimits {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofDays(1);

  private final Clock clock;
  private final Map<String, Deque<Instant>> seen = new ConcurrentHashMap<>();

  RateLimits(Clock clock) {
    this.clock = clock;
  }

  /**
   * Counts one request of a client, unless a limit is reached.
   *
   * @return empty if the request may go on, else the message of the 429 answer
   */
  Optional<String> acquire(String client, long hourly, long daily) {
    if (hourly <= 0 && daily <= 0) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Deque<Instant> times = seen.computeIfAbsent(client, c -> new ArrayDeque<>());
    synchronized (times) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(DAY))) {
        times.removeFirst();
      }
      long inHour = times.stream().filter(t -> t.isAfter(now.minus(HOUR))).count();
      if (hourly > 0 && inHour >= hourly) {
        return Optional.of("Too many requests: at most " + hourly + " an hour (HOURLY_LIMIT). Try again later.");
      }
      if (daily > 0 && times.size() >= daily) {
        return Optional.of("Too many requests: at most " + daily + " a day (DAILY_LIMIT). Try again later.");
      }
      times.addLast(now);
      return Optional.empty();
    }
  }
}
