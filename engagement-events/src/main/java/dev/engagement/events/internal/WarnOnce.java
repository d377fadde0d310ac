package dev.engagement.events.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs a kind of recovered failure at WARN the first time and at DEBUG after that (STYLE 23), so
 * a flood of bad clients cannot flood the log. Thread-safe.
 */
public final class WarnOnce {
  private final Logger logger;
  private final AtomicBoolean warned = new AtomicBoolean();

  public WarnOnce(Logger logger) {
    this.logger = logger;
  }

  /** Logs a message with "{}" arguments; a Throwable may come last. */
  public void log(String format, Object... args) {
    if (warned.compareAndSet(false, true)) {
      logger.warn(format + " (further ones are logged at DEBUG)", args);
    } else {
      logger.debug(format, args);
    }
  }
}
