package dev.engagement.cache.internal.jcache;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs entries that cannot be read (damaged, of another kind or format, refused by the
 * serialisation filter, not a regular file): each is a miss; the first is logged as a warning,
 * later ones at debug level. Thread-safe.
 */
public final class DamageLog {
  private static final Logger logger = LoggerFactory.getLogger(DamageLog.class);

  private final String where;
  private final AtomicBoolean warned = new AtomicBoolean();

  /**
   * Returns a log for one cache or store.
   *
   * @param where what the entries are in (for messages): a type and folder, a server...
   */
  public DamageLog(String where) {
    this.where = where;
  }

  /**
   * Logs an unreadable entry.
   *
   * @param entry the entry (a file, a key), for the message
   * @param why why it cannot be read
   */
  public void unreadable(String entry, String why) {
    if (warned.compareAndSet(false, true)) {
      logger.warn(
          "{}: an unreadable entry ({}: {}) is treated as a miss; later unreadable entries are logged at"
              + " debug level",
          where,
          entry,
          why);
    } else {
      logger.debug("{}: an unreadable entry ({}: {}) is treated as a miss", where, entry, why);
    }
  }
}
