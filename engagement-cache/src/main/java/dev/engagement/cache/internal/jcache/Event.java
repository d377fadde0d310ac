package dev.engagement.cache.internal.jcache;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/** One change of an entry, as listeners see it. Immutable. */
final class Event<K, V> extends CacheEntryEvent<K, V> {
  private static final long serialVersionUID = 1L;

  private final transient Cache<K, V> cache;
  private final K key;
  private final transient @Nullable V value;
  private final transient @Nullable V oldValue;
  private final boolean oldValueAvailable;

  Event(Cache<K, V> source, EventType type, K key, @Nullable V value, @Nullable V oldValue, boolean oldValueAvailable) {
    super(source, type);
    this.cache = source;
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
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
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("cannot unwrap an event to " + clazz.getName());
  }

  /** Returns the event as a listener that did or did not ask for old values sees it. */
  Event<K, V> forListener(boolean oldValueRequired) {
    if (oldValueRequired) {
      return this;
    }
    EventType type = getEventType();
    if (type == EventType.REMOVED || type == EventType.EXPIRED) {
      return new Event<>(cache, type, key, null, null, false);
    }
    return new Event<>(cache, type, key, value, null, false);
  }
}
