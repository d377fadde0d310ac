package dev.engagement.core.spi;

import java.util.Optional;

/**
 * Stores the results of jobs so that a letter seen before (same bytes, same name, same job, same
 * settings that matter, same library version) is not processed again: its output is written from
 * the cache. Keys are 64 lowercase hexadecimal characters; values are opaque bytes that the core
 * encodes and decodes (the result and the output file).
 *
 * <p>{@code engagement-cache} adapts any JCache provider to this interface under the original
 * app's cache type names. Implementations must be thread-safe: workers call them concurrently.
 * An implementation that cannot reach its store either returns empty / ignores the put (a miss,
 * after logging a warning) or throws; a {@link RuntimeException} fails that one letter with its
 * message, and nothing is written for it.
 *
 * <p>Values come back from outside the process (a shared folder, a shared server), so the core
 * never trusts them: each value carries its length and a SHA-256 that are checked before any of
 * it is used. A value that does not check out is a miss, logged once as a warning, and is
 * {@linkplain #remove removed}.
 *
 * @since 0.1
 */
public interface ResultCache {
  /** A cache that never holds anything. */
  ResultCache NONE =
      new ResultCache() {
        @Override
        public Optional<byte[]> get(String key) {
          return Optional.empty();
        }

        @Override
        public void put(String key, byte[] value) {}

        @Override
        public void remove(String key) {}

        @Override
        public String toString() {
          return "ResultCache.NONE";
        }
      };

  /**
   * Returns the value stored under a key, if any.
   *
   * @param key 64 lowercase hexadecimal characters
   * @return the value as it was put, or empty on a miss (or when the store cannot be reached and
   *     the implementation treats that as a miss)
   */
  Optional<byte[]> get(String key);

  /**
   * Stores a value under a key, replacing any older one. An implementation may evict it at any
   * time later: the core only counts on a value that {@link #get} returns.
   *
   * @param key 64 lowercase hexadecimal characters
   * @param value the bytes to store, as {@link #get} must return them
   */
  void put(String key, byte[] value);

  /**
   * Removes the value stored under a key, if any. The core calls it for a value that failed its
   * length and SHA-256 check. The default does nothing (the damaged value then stays a miss).
   *
   * @param key 64 lowercase hexadecimal characters
   */
  default void remove(String key) {}
}
