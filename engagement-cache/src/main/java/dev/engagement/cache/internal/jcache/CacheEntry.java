package dev.engagement.cache.internal.jcache;

import javax.cache.Cache;

/** A key and a value, as iterators and writers see them. Immutable. */
public final class CacheEntry<K, V> implements Cache.Entry<K, V> {
  private final K key;
  private final V value;

  CacheEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("an entry cannot be unwrapped to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "CacheEntry[" + key + "]";
  }
}
