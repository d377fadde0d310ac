package dev.engagement.cache.internal.jcache;

import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link StoreCache} keeps its entries: opaque key bytes to value bytes with an absolute
 * expiry time. The cache does all the JCache semantics (and reads expiry times itself); a store
 * only keeps bytes. Implementations must be thread-safe; the cache serialises operations on one
 * key within a JVM.
 */
public interface Store extends AutoCloseable {
  /** The expiry time of an entry that never expires. */
  long NEVER = Long.MAX_VALUE;

  /** An entry as stored. */
  record Record(byte[] value, long expiresAt) {
    /** Returns whether the entry has expired at a time (epoch milliseconds). */
    public boolean expiredAt(long now) {
      return expiresAt != NEVER && expiresAt <= now;
    }
  }

  /** Returns the entry under a key, expired or not, or null. */
  @Nullable Record get(byte[] key);

  /** Stores an entry, replacing any other under the key. */
  void put(byte[] key, byte[] value, long expiresAt);

  /** Changes the expiry time of an entry, if it is there. */
  void touch(byte[] key, long expiresAt);

  /** Removes an entry; returns whether one was there. */
  boolean remove(byte[] key);

  /**
   * Returns the keys of all entries (expired ones may be included).
   *
   * @throws UnsupportedOperationException if the store cannot list its keys
   */
  Iterator<byte[]> keys();

  /** Removes every entry. */
  void clear();

  /** Removes every entry and whatever the store keeps besides (the cache is being destroyed). */
  default void destroy() {
    clear();
  }

  /** Releases the store's resources (connections, handles). */
  @Override
  void close();
}
