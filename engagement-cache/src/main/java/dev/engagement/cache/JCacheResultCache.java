package dev.engagement.cache;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.spi.ResultCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's {@link ResultCache} over a JCache cache: {@code get}, {@code put} and {@code remove}
 * of the core's keys and encoded results. The core checks each value's length and SHA-256 and
 * removes one that does not check out; an entry the cache itself cannot read (a damaged file, a
 * value of the wrong kind) is a miss inside the cache. Neither depends on {@code
 * CACHE_IGNORE_ERRORS}: that setting governs only a cache that fails (a server down or stopped,
 * a folder that cannot be written, a value too large for it):
 *
 * <ul>
 *   <li>with {@code ignoreErrors} ({@code CACHE_IGNORE_ERRORS: true}), a failed read is a miss and
 *       a failed write is dropped: the first failure is logged as a warning, later ones at debug;
 *   <li>without, a {@link CacheAccessException} naming the cache type and the cause is thrown, and
 *       the core fails that letter ({@code stage=cache}).
 * </ul>
 *
 * <p>A cache that keeps failing is not waited for: after {@code failureThreshold} failed calls in
 * a row (3 by default), it is skipped for a cool-down ({@code coolDown}, 30 s by default; logged
 * once as a warning), as if every call failed at once: a miss with {@code ignoreErrors}, else a
 * {@link CacheAccessException} saying so. After the cool-down one call tries the cache again; if
 * it works, the cache is used again (logged at info), else another cool-down starts. The
 * settings come from {@code CACHE_OPTIONS.failure_threshold} and {@code cool_down} of a cache
 * opened by {@link EngagementCaches}, or from the {@link Builder}.
 *
 * <p>Thread-safe if the cache is (every JCache cache is). It does not close the cache.
 *
 * @since 0.1
 */
public final class JCacheResultCache implements ResultCache {
  private static final Logger logger = LoggerFactory.getLogger(JCacheResultCache.class);
  /** The cache manager property {@link EngagementCaches} puts {@code failure_threshold} in. */
  static final String FAILURE_THRESHOLD_PROPERTY = "dev.engagement.cache.failureThreshold";
  /** The cache manager property {@link EngagementCaches} puts {@code cool_down} in (ms). */
  static final String COOL_DOWN_PROPERTY = "dev.engagement.cache.coolDownMillis";
  static final int DEFAULT_FAILURE_THRESHOLD = 3;
  static final Duration DEFAULT_COOL_DOWN = Duration.ofSeconds(30);

  private final Cache<String, byte[]> cache;
  private final boolean ignoreErrors;
  private final String typeName;
  private final int failureThreshold;
  private final Duration coolDown;
  private final Clock clock;

  // the circuit breaker; guarded by "this"
  private int failuresInARow;
  private @Nullable String lastFailure;
  private long skipUntil = Long.MIN_VALUE;
  private boolean trialRunning;
  private boolean warnedFailure;
  private boolean warnedSkip;

  private JCacheResultCache(Builder b) {
    this.cache = b.cache;
    this.ignoreErrors = b.ignoreErrors;
    this.typeName = EngagementCaches.typeName(cache);
    this.failureThreshold = b.failureThreshold;
    this.coolDown = b.coolDown;
    this.clock = b.clock;
  }

  /**
   * Returns a result cache over a JCache cache. The cool-down settings are those the cache was
   * opened with by {@link EngagementCaches} ({@code CACHE_OPTIONS.failure_threshold} and {@code
   * cool_down}), else the defaults (3 failures, 30 s).
   *
   * @param cache the cache (one from {@link EngagementCaches}, or any other)
   * @param ignoreErrors whether a failing cache is a miss ({@code CACHE_IGNORE_ERRORS})
   * @return the result cache
   */
  public static JCacheResultCache of(Cache<String, byte[]> cache, boolean ignoreErrors) {
    return builder(cache).ignoreErrors(ignoreErrors).build();
  }

  /**
   * Returns a builder of a result cache over a JCache cache, with the cool-down settings the
   * cache was opened with (see {@link #of}).
   *
   * @param cache the cache
   * @return a builder
   */
  public static Builder builder(Cache<String, byte[]> cache) {
    return new Builder(requireNonNull(cache, "cache"));
  }

  /**
   * Returns the cache.
   *
   * @return the cache
   */
  public Cache<String, byte[]> cache() {
    return cache;
  }

  /**
   * Returns whether a failing cache is a miss.
   *
   * @return whether errors are ignored
   */
  public boolean ignoreErrors() {
    return ignoreErrors;
  }

  @Override
  public Optional<byte[]> get(String key) {
    return call("read", () -> Optional.ofNullable(cache.get(key)), Optional.empty());
  }

  @Override
  public void put(String key, byte[] value) {
    call("write", () -> {
      cache.put(key, value);
      return null;
    }, null);
  }

  @Override
  public void remove(String key) {
    call("remove", () -> {
      cache.remove(key);
      return null;
    }, null);
  }

  /** How a call may go, as the breaker says. */
  private enum Admission {
    CALL,
    TRIAL,
    SKIP
  }

  private <T> T call(String what, Supplier<T> op, T missed) {
    Admission a = admit();
    if (a == Admission.SKIP) {
      return skipped(what, missed);
    }
    T result;
    try {
      result = op.get();
    } catch (RuntimeException e) {
      failed(a, what, e);
      return missed;
    }
    succeeded(a);
    return result;
  }

  private synchronized Admission admit() {
    if (skipUntil == Long.MIN_VALUE) {
      return Admission.CALL;
    }
    if (clock.millis() < skipUntil || trialRunning) {
      return Admission.SKIP;
    }
    trialRunning = true;
    return Admission.TRIAL;
  }

  private <T> T skipped(String what, T missed) {
    String message;
    synchronized (this) {
      long left = Math.max(0, skipUntil - clock.millis());
      message =
          typeName
              + " is skipped after "
              + failuresInARow
              + " failed calls in a row (the last: "
              + lastFailure
              + "); it is tried again in "
              + (left + 999) / 1000
              + " s";
    }
    if (!ignoreErrors) {
      throw new CacheAccessException(typeName + " could not " + what + " an entry: " + message, null);
    }
    logger.debug("{}: an entry was not {}", message, what.equals("read") ? "read" : what + "d");
    return missed;
  }

  private void succeeded(Admission a) {
    boolean recovered;
    synchronized (this) {
      if (a == Admission.CALL && skipUntil != Long.MIN_VALUE) {
        // let in before the skipping began (another thread's failures began it while this call
        // ran): it says nothing of the server now; only a trial ends the cool-down
        return;
      }
      recovered = a == Admission.TRIAL;
      failuresInARow = 0;
      skipUntil = Long.MIN_VALUE;
      trialRunning = false;
      if (recovered) {
        // a new outage is worth new warnings
        warnedFailure = false;
        warnedSkip = false;
      }
    }
    if (recovered) {
      logger.info("{} works again: the cache is used again", typeName);
    }
  }

  private void failed(Admission a, String what, RuntimeException e) {
    String message = typeName + " could not " + what + " an entry: " + describe(e);
    boolean warnFailure;
    boolean startedSkipping = false;
    boolean warnSkip = false;
    synchronized (this) {
      failuresInARow++;
      lastFailure = describe(e);
      if (a == Admission.TRIAL) {
        trialRunning = false;
        skipUntil = clock.millis() + coolDown.toMillis();
      } else if (skipUntil == Long.MIN_VALUE && !coolDown.isZero() && failuresInARow >= failureThreshold) {
        skipUntil = clock.millis() + coolDown.toMillis();
        startedSkipping = true;
        warnSkip = !warnedSkip;
        warnedSkip = true;
      }
      warnFailure = ignoreErrors && !warnedFailure;
      warnedFailure |= ignoreErrors;
    }
    if (warnFailure) {
      logger.warn(
          "{}; letters are processed without the cache while it fails (CACHE_IGNORE_ERRORS is true; further"
              + " failures are logged at debug level)",
          message);
    } else {
      logger.debug("{}", message, e);
    }
    if (startedSkipping) {
      String skip =
          typeName
              + " failed "
              + failuresInARow()
              + " calls in a row: it is skipped for "
              + seconds(coolDown)
              + ", then tried again (CACHE_OPTIONS failure_threshold and cool_down)";
      if (warnSkip) {
        logger.warn("{}", skip);
      } else {
        logger.debug("{}", skip);
      }
    } else if (a == Admission.TRIAL) {
      logger.debug("{} still fails: skipped for another {}", typeName, seconds(coolDown));
    }
    if (!ignoreErrors) {
      throw new CacheAccessException(message, e);
    }
  }

  private synchronized int failuresInARow() {
    return failuresInARow;
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
  }

  /** Wrappers' class names that lead a message ({@code java.util.concurrent.CompletionException: ...}). */
  private static final java.util.regex.Pattern CLASS_PREFIX =
      java.util.regex.Pattern.compile("^(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ");

  private static final int MAX_DESCRIPTION = 300;

  /**
   * The message of an exception (without the class names wrappers put in front of it) and of its
   * root cause, if that says more; cut to a few hundred characters (a client's message may hold a
   * whole script).
   */
  static String describe(Throwable e) {
    String top = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    for (String shorter = CLASS_PREFIX.matcher(top).replaceFirst("");
        !shorter.equals(top) && !shorter.isEmpty();
        shorter = CLASS_PREFIX.matcher(top).replaceFirst("")) {
      top = shorter;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = top;
    if (root != e && root.getMessage() != null && !top.contains(root.getMessage())) {
      text = top + " (" + root.getMessage() + ")";
    }
    return text.length() > MAX_DESCRIPTION ? text.substring(0, MAX_DESCRIPTION - 3) + "..." : text;
  }

  @Override
  public String toString() {
    return "JCacheResultCache[" + typeName + (ignoreErrors ? ", ignoring errors" : "") + "]";
  }

  /**
   * Builds a {@link JCacheResultCache}. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final Cache<String, byte[]> cache;
    private boolean ignoreErrors;
    private int failureThreshold = DEFAULT_FAILURE_THRESHOLD;
    private Duration coolDown = DEFAULT_COOL_DOWN;
    private Clock clock = Clock.systemUTC();

    private Builder(Cache<String, byte[]> cache) {
      this.cache = cache;
      Properties p;
      try {
        p = cache.getCacheManager().getProperties();
      } catch (RuntimeException e) {
        p = new Properties();
      }
      String threshold = p.getProperty(FAILURE_THRESHOLD_PROPERTY);
      String coolDownMillis = p.getProperty(COOL_DOWN_PROPERTY);
      try {
        if (threshold != null) {
          failureThreshold(Integer.parseInt(threshold));
        }
        if (coolDownMillis != null) {
          coolDown(Duration.ofMillis(Long.parseLong(coolDownMillis)));
        }
      } catch (IllegalArgumentException e) {
        logger.debug("Ignoring the cool-down settings of {}: {}", cache.getName(), e.getMessage());
      }
    }

    /**
     * Sets whether a failing cache is a miss ({@code CACHE_IGNORE_ERRORS}); false by default.
     *
     * @param ignoreErrors whether errors are ignored
     * @return this builder
     */
    public Builder ignoreErrors(boolean ignoreErrors) {
      this.ignoreErrors = ignoreErrors;
      return this;
    }

    /**
     * Sets after how many failed calls in a row the cache is skipped for the cool-down.
     *
     * @param failures 1 or more
     * @return this builder
     * @throws IllegalArgumentException if {@code failures} is below 1
     */
    public Builder failureThreshold(int failures) {
      if (failures < 1) {
        throw new IllegalArgumentException("failureThreshold must be >= 1 but was " + failures);
      }
      this.failureThreshold = failures;
      return this;
    }

    /**
     * Sets how long a failing cache is skipped; {@link Duration#ZERO} never skips it.
     *
     * @param coolDown zero or more
     * @return this builder
     * @throws IllegalArgumentException if {@code coolDown} is negative
     */
    public Builder coolDown(Duration coolDown) {
      requireNonNull(coolDown, "coolDown");
      if (coolDown.isNegative()) {
        throw new IllegalArgumentException("coolDown must not be negative but was " + coolDown);
      }
      this.coolDown = coolDown;
      return this;
    }

    /**
     * Sets the clock the cool-down is measured with (the system's by default; tests pass their own).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the result cache.
     *
     * @return a new result cache
     */
    public JCacheResultCache build() {
      return new JCacheResultCache(this);
    }
  }
}
