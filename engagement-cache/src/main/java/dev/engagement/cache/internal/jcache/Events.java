package dev.engagement.cache.internal.jcache;

import java.util.ArrayList;
import java.util.List;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * The events of one operation on one key, delivered to the listeners when it ends, after its
 * lock is released ({@link Delivery}): expired, then created, updated and removed ones.
 * Listeners run on the caller's thread (allowed for asynchronous listeners too); an exception
 * from one is thrown to the caller as a {@link CacheEntryListenerException}. Not thread-safe: one
 * per operation.
 */
final class Events<K, V> {
  private final List<Event<K, V>> events = new ArrayList<>();

  void add(Event<K, V> e) {
    events.add(e);
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  void dispatch(Iterable<Registration<K, V>> registrations) {
    if (events.isEmpty()) {
      return;
    }
    try {
      for (EventType type :
          new EventType[] {EventType.EXPIRED, EventType.CREATED, EventType.UPDATED, EventType.REMOVED}) {
        for (Registration<K, V> r : registrations) {
          List<Event<K, V>> selected = new ArrayList<>();
          for (Event<K, V> e : events) {
            if (e.getEventType() == type && (r.filter == null || r.filter.evaluate(e))) {
              selected.add(e.forListener(r.configuration.isOldValueRequired()));
            }
          }
          if (!selected.isEmpty()) {
            deliver(r, type, selected);
          }
        }
      }
    } catch (CacheEntryListenerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheEntryListenerException("a cache entry listener failed: " + e, e);
    }
  }

  @SuppressWarnings("unchecked")
  private void deliver(Registration<K, V> r, EventType type, List<Event<K, V>> selected) {
    Object l = r.listener;
    @SuppressWarnings({"rawtypes"})
    Iterable events = selected;
    switch (type) {
      case EXPIRED:
        if (l instanceof CacheEntryExpiredListener<?, ?> x) {
          ((CacheEntryExpiredListener<K, V>) x).onExpired(events);
        }
        break;
      case CREATED:
        if (l instanceof CacheEntryCreatedListener<?, ?> x) {
          ((CacheEntryCreatedListener<K, V>) x).onCreated(events);
        }
        break;
      case UPDATED:
        if (l instanceof CacheEntryUpdatedListener<?, ?> x) {
          ((CacheEntryUpdatedListener<K, V>) x).onUpdated(events);
        }
        break;
      case REMOVED:
        if (l instanceof CacheEntryRemovedListener<?, ?> x) {
          ((CacheEntryRemovedListener<K, V>) x).onRemoved(events);
        }
        break;
      default:
        throw new IllegalStateException("unknown event type " + type);
    }
  }
}
