package dev.engagement.cache.internal.jcache;

import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link StoreCache} reads from its configuration besides JCache's settings, when the
 * configuration implements this: the clock its expiry reads and the patterns that widen what
 * Java serialisation may read back ({@link SerialFilter}).
 */
public interface StoreCacheSettings {
  /** Returns the clock expiry times are read from, or null for the system clock. */
  @Nullable Clock getClock();

  /**
   * Returns the patterns (in {@link java.io.ObjectInputFilter.Config#createFilter} syntax) that
   * widen the classes Java serialisation may read, or null.
   */
  @Nullable String getSerialFilter();
}
