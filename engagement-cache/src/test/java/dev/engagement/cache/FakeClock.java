package dev.engagement.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the tests move by hand, so expiry and cool-downs are tested without sleeping. */
final class FakeClock extends Clock {
  // starts at the real time, so entries it dates agree with other processes sharing a folder
  private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

  /** Moves the clock forward. */
  void advance(Duration d) {
    millis.addAndGet(d.toMillis());
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
