package dev.engagement.cache.internal.jcache;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JCache {@link Cache} over a {@link Store}: every operation of the specification (expiry
 * policies, read-through, write-through, listeners, entry processors, statistics and management)
 * is done here, on bytes that the store keeps. Keys and values are always stored by value.
 *
 * <p>Thread-safe. Operations on one key are atomic within this JVM (a lock per key stripe); the
 * store decides what several processes sharing it see.
 */
public final class StoreCache<K, V> implements Cache<K, V> {
  static final Logger logger = LoggerFactory.getLogger(StoreCache.class);
  private static final int STRIPES = 64;

  private final StoreCacheManager manager;
  private final String name;
  private final MutableConfiguration<K, V> configuration;
  private final Store store;
  private final Codec codec;
  private final ExpiryPolicy expiry;
  private final @Nullable CacheLoader<K, V> loader;
  private final @Nullable CacheWriter<K, V> writer;
  private final CopyOnWriteArrayList<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final Stats stats = new Stats();
  private final ConfigurationBean bean;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final Object lifecycle = new Object();
  private volatile boolean closed;
  private @Nullable ExecutorService loaderPool;

  @SuppressWarnings("unchecked")
  StoreCache(StoreCacheManager manager, String name, Configuration<K, V> given, Store store, ClassLoader loader) {
    this.manager = manager;
    this.name = name;
    this.configuration = copy(given);
    this.store = store;
    this.codec = new Codec(loader);
    this.expiry = configuration.getExpiryPolicyFactory().create();
    Factory<CacheLoader<K, V>> lf = configuration.getCacheLoaderFactory();
    this.loader = lf == null ? null : lf.create();
    Factory<CacheWriter<? super K, ? super V>> wf = configuration.getCacheWriterFactory();
    this.writer = wf == null ? null : (CacheWriter<K, V>) wf.create();
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
    for (CacheEntryListenerConfiguration<K, V> l : configuration.getCacheEntryListenerConfigurations()) {
      registrations.add(new Registration<>(l));
    }
    this.bean = new ConfigurationBean(configuration);
    if (configuration.isManagementEnabled()) {
      setManagementEnabled(true);
    }
    if (configuration.isStatisticsEnabled()) {
      setStatisticsEnabled(true);
    }
  }

  private static <K, V> MutableConfiguration<K, V> copy(Configuration<K, V> c) {
    if (c instanceof CompleteConfiguration<K, V> complete) {
      return new MutableConfiguration<>(complete);
    }
    return new MutableConfiguration<K, V>()
        .setTypes(c.getKeyType(), c.getValueType())
        .setStoreByValue(c.isStoreByValue());
  }

  /** Returns the store behind this cache. */
  public Store store() {
    return store;
  }

  /** Counts entries the store dropped to stay under its size bound. */
  public void evicted(long n) {
    if (configuration.isStatisticsEnabled()) {
      stats.evictions(n);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public @Nullable V get(K key) {
    open();
    requireNonNull(key, "key");
    Events<K, V> events = new Events<>();
    V v = getValue(key, events);
    events.dispatch(registrations);
    return v;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    open();
    requireNonNull(keys, "keys");
    for (K k : keys) {
      requireNonNull(k, "a key");
    }
    Map<K, V> map = new HashMap<>();
    Events<K, V> events = new Events<>();
    for (K k : keys) {
      V v = getValue(k, events);
      if (v != null) {
        map.put(k, v);
      }
    }
    events.dispatch(registrations);
    return map;
  }

  private @Nullable V getValue(K key, Events<K, V> events) {
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      if (r == null) {
        countMisses(1);
        if (!configuration.isReadThrough() || loader == null) {
          return null;
        }
        V loaded = load(key);
        if (loaded == null) {
          return null;
        }
        long expiresAt = creationExpiry(now);
        if (expiresAt <= now) {
          return null;
        }
        store.put(kb, codec.encode(loaded), expiresAt);
        events.add(event(EventType.CREATED, key, loaded, null));
        return loaded;
      }
      V v = value(r);
      accessed(kb, now);
      countHits(1);
      return v;
    } finally {
      lock.unlock();
      if (configuration.isStatisticsEnabled()) {
        stats.getTime(System.nanoTime() - start);
      }
    }
  }

  @Override
  public boolean containsKey(K key) {
    open();
    requireNonNull(key, "key");
    byte[] kb = codec.encode(key);
    ReentrantLock lock = lock(kb);
    try {
      Store.Record r = store.get(kb);
      return r != null && !r.expiredAt(now());
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- loads

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, @Nullable CompletionListener listener) {
    open();
    requireNonNull(keys, "keys");
    for (K k : keys) {
      requireNonNull(k, "a key");
    }
    CacheLoader<K, V> l = loader;
    if (l == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    Set<K> copy = new LinkedHashSet<>(keys);
    pool().submit(() -> {
      try {
        List<K> toLoad = new ArrayList<>();
        for (K k : copy) {
          if (replaceExistingValues || !containsKey(k)) {
            toLoad.add(k);
          }
        }
        Map<K, V> loaded;
        try {
          Map<K, V> m = l.loadAll(toLoad);
          loaded = m == null ? Map.of() : m;
        } catch (CacheLoaderException e) {
          throw e;
        } catch (RuntimeException e) {
          throw new CacheLoaderException("the cache loader failed: " + e, e);
        }
        Map<K, V> found = new LinkedHashMap<>();
        for (K k : toLoad) {
          V v = loaded.get(k);
          if (v != null) {
            found.put(k, v);
          }
        }
        putLoaded(found, replaceExistingValues);
        if (listener != null) {
          listener.onCompletion();
        }
      } catch (Exception e) {
        if (listener != null) {
          listener.onException(e);
        }
      }
    });
  }

  private void putLoaded(Map<K, V> loaded, boolean replace) {
    Events<K, V> events = new Events<>();
    for (Map.Entry<K, V> e : loaded.entrySet()) {
      K key = e.getKey();
      byte[] kb = codec.encode(key);
      ReentrantLock lock = lock(kb);
      try {
        long now = now();
        Store.Record r = live(key, kb, now, events);
        if (r == null) {
          long expiresAt = creationExpiry(now);
          if (expiresAt > now) {
            store.put(kb, codec.encode(e.getValue()), expiresAt);
            events.add(event(EventType.CREATED, key, e.getValue(), null));
          }
        } else if (replace) {
          V old = value(r);
          store.put(kb, codec.encode(e.getValue()), updateExpiry(now, r.expiresAt()));
          events.add(event(EventType.UPDATED, key, e.getValue(), old));
        }
      } finally {
        lock.unlock();
      }
    }
    events.dispatch(registrations);
  }

  private synchronized ExecutorService pool() {
    if (loaderPool == null) {
      loaderPool =
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "engagement-jcache-loader-" + name);
                t.setDaemon(true);
                return t;
              });
    }
    return loaderPool;
  }

  private @Nullable V load(K key) {
    CacheLoader<K, V> l = requireNonNull(loader);
    try {
      return l.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException("the cache loader failed: " + e, e);
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(K key, V value) {
    open();
    checkTypes(key, value);
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    byte[] vb = codec.encode(value);
    Events<K, V> events = new Events<>();
    boolean stored;
    ReentrantLock lock = lock(kb);
    try {
      stored = putLocked(key, kb, value, vb, now(), events, true);
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (stored) {
      countPuts(1, start);
    }
  }

  /** Puts under the key's lock; returns whether something was stored. */
  private boolean putLocked(K key, byte[] kb, V value, byte[] vb, long now, Events<K, V> events, boolean write) {
    Store.Record r = live(key, kb, now, events);
    if (r == null) {
      if (write) {
        write(key, value);
      }
      long expiresAt = creationExpiry(now);
      if (expiresAt <= now) {
        events.add(event(EventType.EXPIRED, key, value, value));
        return false;
      }
      store.put(kb, vb, expiresAt);
      events.add(event(EventType.CREATED, key, value, null));
      return true;
    }
    V old = value(r);
    if (write) {
      write(key, value);
    }
    store.put(kb, vb, updateExpiry(now, r.expiresAt()));
    events.add(event(EventType.UPDATED, key, value, old));
    return true;
  }

  @Override
  public @Nullable V getAndPut(K key, V value) {
    open();
    checkTypes(key, value);
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    byte[] vb = codec.encode(value);
    Events<K, V> events = new Events<>();
    V old;
    boolean stored;
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      old = r == null ? null : value(r);
      stored = putLocked(key, kb, value, vb, now, events, true);
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (old == null) {
      countMisses(1);
    } else {
      countHits(1);
    }
    if (configuration.isStatisticsEnabled()) {
      stats.getTime(System.nanoTime() - start);
    }
    if (stored) {
      countPuts(1, start);
    }
    return old;
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    open();
    requireNonNull(map, "map");
    long start = System.nanoTime();
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      checkTypes(e.getKey(), e.getValue());
    }
    Map<K, V> toStore = new LinkedHashMap<>(map);
    CacheException failure = null;
    if (configuration.isWriteThrough() && writer != null && !toStore.isEmpty()) {
      List<Cache.Entry<? extends K, ? extends V>> entries = new ArrayList<>();
      for (Map.Entry<K, V> e : toStore.entrySet()) {
        entries.add(new CacheEntry<>(e.getKey(), e.getValue()));
      }
      Collection<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>(entries);
      try {
        writer.writeAll(pending);
      } catch (CacheWriterException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure = new CacheWriterException("the cache writer failed: " + e, e);
      }
      for (Cache.Entry<? extends K, ? extends V> unwritten : pending) {
        toStore.remove(unwritten.getKey());
      }
      if (failure == null && !pending.isEmpty()) {
        failure = new CacheWriterException("the cache writer did not write " + pending.size() + " entries");
      }
    }
    Events<K, V> events = new Events<>();
    int puts = 0;
    for (Map.Entry<K, V> e : toStore.entrySet()) {
      byte[] kb = codec.encode(e.getKey());
      ReentrantLock lock = lock(kb);
      try {
        if (putLocked(e.getKey(), kb, e.getValue(), codec.encode(e.getValue()), now(), events, false)) {
          puts++;
        }
      } finally {
        lock.unlock();
      }
    }
    events.dispatch(registrations);
    if (puts > 0) {
      countPuts(puts, start);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    open();
    checkTypes(key, value);
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    boolean stored = false;
    boolean absent;
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      absent = r == null;
      if (absent) {
        stored = putLocked(key, kb, value, codec.encode(value), now, events, true);
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (absent) {
      countMisses(1);
      if (stored) {
        countPuts(1, start);
      }
    } else {
      countHits(1);
    }
    return absent;
  }

  @Override
  public boolean remove(K key) {
    open();
    requireNonNull(key, "key");
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    boolean removed = false;
    ReentrantLock lock = lock(kb);
    try {
      delete(key);
      long now = now();
      Store.Record r = store.get(kb);
      if (r != null) {
        store.remove(kb);
        if (!r.expiredAt(now)) {
          V old = value(r);
          events.add(event(EventType.REMOVED, key, old, old));
          removed = true;
        }
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (removed) {
      countRemovals(1, start);
    }
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    open();
    requireNonNull(key, "key");
    requireNonNull(oldValue, "oldValue");
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    boolean removed = false;
    boolean hit;
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      hit = r != null;
      if (r != null) {
        V current = value(r);
        if (current.equals(oldValue)) {
          delete(key);
          store.remove(kb);
          events.add(event(EventType.REMOVED, key, current, current));
          removed = true;
        } else {
          accessed(kb, now);
        }
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (hit) {
      countHits(1);
    } else {
      countMisses(1);
    }
    if (configuration.isStatisticsEnabled()) {
      stats.getTime(System.nanoTime() - start);
    }
    if (removed) {
      countRemovals(1, start);
    }
    return removed;
  }

  @Override
  public @Nullable V getAndRemove(K key) {
    open();
    requireNonNull(key, "key");
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    V old = null;
    ReentrantLock lock = lock(kb);
    try {
      delete(key);
      long now = now();
      Store.Record r = store.get(kb);
      if (r != null) {
        store.remove(kb);
        if (!r.expiredAt(now)) {
          old = value(r);
          events.add(event(EventType.REMOVED, key, old, old));
        }
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (configuration.isStatisticsEnabled()) {
      stats.getTime(System.nanoTime() - start);
    }
    if (old != null) {
      countHits(1);
      countRemovals(1, start);
    } else {
      countMisses(1);
    }
    return old;
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    open();
    requireNonNull(oldValue, "oldValue");
    checkTypes(key, newValue);
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    boolean replaced = false;
    boolean hit;
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      hit = r != null;
      if (r != null) {
        V current = value(r);
        if (current.equals(oldValue)) {
          write(key, newValue);
          store.put(kb, codec.encode(newValue), updateExpiry(now, r.expiresAt()));
          events.add(event(EventType.UPDATED, key, newValue, current));
          replaced = true;
        } else {
          accessed(kb, now);
        }
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (hit) {
      countHits(1);
    } else {
      countMisses(1);
    }
    if (configuration.isStatisticsEnabled()) {
      stats.getTime(System.nanoTime() - start);
    }
    if (replaced) {
      countPuts(1, start);
    }
    return replaced;
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public @Nullable V getAndReplace(K key, V value) {
    open();
    checkTypes(key, value);
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    V old = null;
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      if (r != null) {
        old = value(r);
        write(key, value);
        store.put(kb, codec.encode(value), updateExpiry(now, r.expiresAt()));
        events.add(event(EventType.UPDATED, key, value, old));
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    if (configuration.isStatisticsEnabled()) {
      stats.getTime(System.nanoTime() - start);
    }
    if (old != null) {
      countHits(1);
      countPuts(1, start);
    } else {
      countMisses(1);
    }
    return old;
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    open();
    requireNonNull(keys, "keys");
    for (K k : keys) {
      requireNonNull(k, "a key");
    }
    removeKeys(new LinkedHashSet<>(keys));
  }

  @Override
  public void removeAll() {
    open();
    Set<K> keys = new LinkedHashSet<>();
    Iterator<byte[]> it;
    try {
      it = store.keys();
    } catch (UnsupportedOperationException e) {
      // a store that cannot list its keys: without listeners or a writer to tell, this is clear()
      if (registrations.isEmpty() && !(configuration.isWriteThrough() && writer != null)) {
        store.clear();
        return;
      }
      throw e;
    }
    while (it.hasNext()) {
      byte[] kb = it.next();
      try {
        keys.add(key(kb));
      } catch (CacheException e) {
        logger.debug("Removing an unreadable entry of cache {}", name, e);
        store.remove(kb);
      }
    }
    removeKeys(keys);
  }

  private void removeKeys(Set<K> keys) {
    long start = System.nanoTime();
    Set<K> toRemove = new LinkedHashSet<>(keys);
    CacheException failure = null;
    if (configuration.isWriteThrough() && writer != null && !toRemove.isEmpty()) {
      Collection<Object> pending = new ArrayList<>(toRemove);
      try {
        writer.deleteAll(pending);
      } catch (CacheWriterException e) {
        failure = e;
      } catch (RuntimeException e) {
        failure = new CacheWriterException("the cache writer failed: " + e, e);
      }
      if (failure != null) {
        toRemove.removeAll(new HashSet<>(pending));
      }
    }
    Events<K, V> events = new Events<>();
    int removed = 0;
    for (K key : toRemove) {
      byte[] kb = codec.encode(key);
      ReentrantLock lock = lock(kb);
      try {
        Store.Record r = store.get(kb);
        if (r != null) {
          store.remove(kb);
          V old = value(r);
          if (r.expiredAt(now())) {
            events.add(event(EventType.EXPIRED, key, old, old));
          } else {
            events.add(event(EventType.REMOVED, key, old, old));
            removed++;
          }
        }
      } finally {
        lock.unlock();
      }
    }
    events.dispatch(registrations);
    if (removed > 0) {
      countRemovals(removed, start);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void clear() {
    open();
    store.clear();
  }

  // ---------------------------------------------------------------- entry processors

  @Override
  public <T> @Nullable T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    open();
    requireNonNull(key, "key");
    requireNonNull(processor, "processor");
    long start = System.nanoTime();
    byte[] kb = codec.encode(key);
    Events<K, V> events = new Events<>();
    T result;
    ReentrantLock lock = lock(kb);
    try {
      long now = now();
      Store.Record r = live(key, kb, now, events);
      if (r == null) {
        countMisses(1);
      } else {
        countHits(1);
      }
      if (configuration.isStatisticsEnabled()) {
        stats.getTime(System.nanoTime() - start);
      }
      ProcessorEntry entry =
          new ProcessorEntry(key, r == null ? null : value(r), configuration.isReadThrough() ? loader : null);
      try {
        result = processor.process(entry, arguments);
      } catch (CacheException e) {
        throw e;
      } catch (Exception e) {
        throw new EntryProcessorException(e);
      }
      long opStart = System.nanoTime();
      switch (entry.operation) {
        case NONE:
          break;
        case ACCESS:
          accessed(kb, now);
          break;
        case CREATE:
        case LOAD: {
          V v = requireNonNull(entry.value);
          checkTypes(key, v);
          if (entry.operation == Operation.CREATE) {
            write(key, v);
          }
          long expiresAt = creationExpiry(now);
          if (expiresAt <= now) {
            events.add(event(EventType.EXPIRED, key, v, v));
          } else {
            store.put(kb, codec.encode(v), expiresAt);
            events.add(event(EventType.CREATED, key, v, null));
            if (entry.operation == Operation.CREATE) {
              countPuts(1, opStart);
            }
          }
          break;
        }
        case UPDATE: {
          V v = requireNonNull(entry.value);
          checkTypes(key, v);
          V old = requireNonNull(entry.original);
          write(key, v);
          store.put(kb, codec.encode(v), updateExpiry(now, requireNonNull(r).expiresAt()));
          events.add(event(EventType.UPDATED, key, v, old));
          countPuts(1, opStart);
          break;
        }
        case REMOVE: {
          delete(key);
          V old = entry.original;
          store.remove(kb);
          if (old != null) {
            events.add(event(EventType.REMOVED, key, old, old));
            countRemovals(1, opStart);
          }
          break;
        }
        default:
          throw new IllegalStateException("unknown operation " + entry.operation);
      }
      events.dispatch(registrations);
    } finally {
      lock.unlock();
    }
    return result;
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    open();
    requireNonNull(keys, "keys");
    requireNonNull(processor, "processor");
    for (K k : keys) {
      requireNonNull(k, "a key");
    }
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T t = invoke(key, processor, arguments);
        if (t != null) {
          results.put(key, () -> t);
        }
      } catch (RuntimeException e) {
        EntryProcessorException failure =
            e instanceof EntryProcessorException epe ? epe : new EntryProcessorException(e);
        results.put(key, () -> {
          throw failure;
        });
      }
    }
    return results;
  }

  private enum Operation {
    NONE,
    ACCESS,
    CREATE,
    LOAD,
    UPDATE,
    REMOVE
  }

  /** The entry an entry processor works on: records what it did, applied when it returns. */
  private final class ProcessorEntry implements MutableEntry<K, V> {
    private final K key;
    private final @Nullable V original;
    private final @Nullable CacheLoader<K, V> readThrough;
    private @Nullable V value;
    private Operation operation = Operation.NONE;

    ProcessorEntry(K key, @Nullable V original, @Nullable CacheLoader<K, V> readThrough) {
      this.key = key;
      this.original = original;
      this.value = original;
      this.readThrough = readThrough;
    }

    @Override
    public K getKey() {
      return key;
    }

    @Override
    public @Nullable V getValue() {
      if (operation == Operation.NONE && value != null) {
        operation = Operation.ACCESS;
      }
      if (value == null && operation == Operation.NONE && readThrough != null) {
        V loaded = load(key);
        if (loaded != null) {
          value = loaded;
          operation = Operation.LOAD;
        }
      }
      return value;
    }

    @Override
    public boolean exists() {
      return value != null;
    }

    @Override
    public void remove() {
      operation =
          operation == Operation.CREATE || operation == Operation.LOAD ? Operation.NONE : Operation.REMOVE;
      value = null;
    }

    @Override
    public void setValue(V v) {
      requireNonNull(v, "value");
      operation = original == null ? Operation.CREATE : Operation.UPDATE;
      value = v;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
      throw new IllegalArgumentException("an entry processor's entry cannot be unwrapped to " + clazz.getName());
    }
  }

  // ---------------------------------------------------------------- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    open();
    Iterator<byte[]> keys = store.keys();
    return new Iterator<>() {
      private Cache.@Nullable Entry<K, V> next;
      private Cache.@Nullable Entry<K, V> last;

      @Override
      public boolean hasNext() {
        while (next == null && keys.hasNext()) {
          long start = System.nanoTime();
          byte[] kb = keys.next();
          ReentrantLock lock = lock(kb);
          try {
            long now = now();
            Store.Record r = store.get(kb);
            if (r != null && !r.expiredAt(now)) {
              K k;
              V v;
              try {
                k = key(kb);
                v = value(r);
              } catch (CacheException e) {
                logger.debug("Skipping an unreadable entry of cache {}", name, e);
                continue;
              }
              accessed(kb, now);
              next = new CacheEntry<>(k, v);
              countHits(1);
              if (configuration.isStatisticsEnabled()) {
                stats.getTime(System.nanoTime() - start);
              }
            }
          } finally {
            lock.unlock();
          }
        }
        return next != null;
      }

      @Override
      public Cache.Entry<K, V> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        last = next;
        next = null;
        return requireNonNull(last);
      }

      @Override
      public void remove() {
        Cache.Entry<K, V> l = last;
        if (l == null) {
          throw new IllegalStateException("next() has not been called");
        }
        last = null;
        long start = System.nanoTime();
        byte[] kb = codec.encode(l.getKey());
        Events<K, V> events = new Events<>();
        ReentrantLock lock = lock(kb);
        try {
          delete(l.getKey());
          if (store.remove(kb)) {
            events.add(event(EventType.REMOVED, l.getKey(), l.getValue(), l.getValue()));
          }
          events.dispatch(registrations);
        } finally {
          lock.unlock();
        }
        countRemovals(1, start);
      }
    };
  }

  // ---------------------------------------------------------------- listeners

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    open();
    requireNonNull(listenerConfiguration, "listenerConfiguration");
    synchronized (lifecycle) {
      for (Registration<K, V> r : registrations) {
        if (r.configuration.equals(listenerConfiguration)) {
          throw new IllegalArgumentException("this listener configuration is already registered");
        }
      }
      configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
      registrations.add(new Registration<>(listenerConfiguration));
    }
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    open();
    requireNonNull(listenerConfiguration, "listenerConfiguration");
    synchronized (lifecycle) {
      for (Registration<K, V> r : registrations) {
        if (r.configuration.equals(listenerConfiguration)) {
          registrations.remove(r);
          configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
          r.close();
        }
      }
    }
  }

  // ---------------------------------------------------------------- lifecycle and views

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    if (clazz.isInstance(configuration)) {
      return clazz.cast(configuration);
    }
    throw new IllegalArgumentException("the configuration of this cache is not a " + clazz.getName());
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    if (clazz.isInstance(store)) {
      return clazz.cast(store);
    }
    throw new IllegalArgumentException("this cache cannot be unwrapped to " + clazz.getName());
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
    }
    manager.released(this);
    try {
      setStatisticsEnabled(false);
      setManagementEnabled(false);
    } catch (CacheException e) {
      logger.warn("Unregistering the management beans of cache {} failed", name, e);
    }
    Registration.closeQuietly(loader);
    Registration.closeQuietly(writer);
    Registration.closeQuietly(expiry);
    for (Registration<K, V> r : registrations) {
      r.close();
    }
    ExecutorService p;
    synchronized (this) {
      p = loaderPool;
    }
    if (p != null) {
      p.shutdown();
      try {
        if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
          logger.warn("Loads of cache {} still running after 10 s", name);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      store.close();
    } catch (RuntimeException e) {
      logger.warn("Closing the store of cache {} failed", name, e);
    }
  }

  /** Removes every entry and what the store keeps, then closes (the manager destroys it). */
  void destroy() {
    if (!closed) {
      try {
        store.destroy();
      } catch (RuntimeException e) {
        logger.warn("Destroying the entries of cache {} failed", name, e);
      }
    }
    close();
  }

  void setStatisticsEnabled(boolean enabled) {
    if (enabled) {
      Management.register(this, "CacheStatistics", stats);
    } else {
      Management.unregister(this, "CacheStatistics");
    }
    configuration.setStatisticsEnabled(enabled);
  }

  void setManagementEnabled(boolean enabled) {
    if (enabled) {
      Management.register(this, "CacheConfiguration", bean);
    } else {
      Management.unregister(this, "CacheConfiguration");
    }
    configuration.setManagementEnabled(enabled);
  }

  @Override
  public String toString() {
    return "StoreCache[" + name + " on " + store + "]";
  }

  // ---------------------------------------------------------------- helpers

  private void open() {
    if (closed) {
      throw new IllegalStateException("cache " + name + " is closed");
    }
  }

  private ReentrantLock lock(byte[] kb) {
    ReentrantLock l = locks[Math.floorMod(Arrays.hashCode(kb), STRIPES)];
    l.lock();
    return l;
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  /**
   * Returns the live entry under a key, or null; an expired one is removed and reported to the
   * expiry listeners.
   */
  private Store.@Nullable Record live(K key, byte[] kb, long now, Events<K, V> events) {
    Store.Record r = store.get(kb);
    if (r == null) {
      return null;
    }
    if (r.expiredAt(now)) {
      store.remove(kb);
      V old;
      try {
        old = value(r);
      } catch (CacheException e) {
        return null;
      }
      events.add(event(EventType.EXPIRED, key, old, old));
      return null;
    }
    return r;
  }

  @SuppressWarnings("unchecked")
  private V value(Store.Record r) {
    return (V) codec.decode(r.value());
  }

  @SuppressWarnings("unchecked")
  private K key(byte[] kb) {
    return (K) codec.decode(kb);
  }

  private Event<K, V> event(EventType type, K key, @Nullable V value, @Nullable V old) {
    return new Event<>(this, type, key, value, old, old != null);
  }

  private void checkTypes(K key, V value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    Class<K> kt = configuration.getKeyType();
    Class<V> vt = configuration.getValueType();
    if (kt != Object.class && !kt.isInstance(key)) {
      throw new ClassCastException("a key of " + key.getClass().getName() + " in a cache of " + kt.getName() + " keys");
    }
    if (vt != Object.class && !vt.isInstance(value)) {
      throw new ClassCastException(
          "a value of " + value.getClass().getName() + " in a cache of " + vt.getName() + " values");
    }
  }

  private long creationExpiry(long now) {
    Duration d;
    try {
      d = expiry.getExpiryForCreation();
    } catch (RuntimeException e) {
      logger.debug("The expiry policy of cache {} failed; the entry does not expire", name, e);
      d = Duration.ETERNAL;
    }
    return d == null ? Store.NEVER : adjusted(d, now);
  }

  private long updateExpiry(long now, long current) {
    try {
      Duration d = expiry.getExpiryForUpdate();
      return d == null ? current : adjusted(d, now);
    } catch (RuntimeException e) {
      logger.debug("The expiry policy of cache {} failed; the expiry is unchanged", name, e);
      return current;
    }
  }

  private void accessed(byte[] kb, long now) {
    Duration d;
    try {
      d = expiry.getExpiryForAccess();
    } catch (RuntimeException e) {
      logger.debug("The expiry policy of cache {} failed; the expiry is unchanged", name, e);
      return;
    }
    if (d != null) {
      store.touch(kb, adjusted(d, now));
    }
  }

  private static long adjusted(Duration d, long now) {
    if (d.isEternal()) {
      return Store.NEVER;
    }
    if (d.isZero()) {
      return now;
    }
    long t = d.getAdjustedTime(now);
    return t == Long.MAX_VALUE ? Store.NEVER : t;
  }

  private void write(K key, V value) {
    if (configuration.isWriteThrough() && writer != null) {
      try {
        writer.write(new CacheEntry<>(key, value));
      } catch (CacheWriterException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CacheWriterException("the cache writer failed: " + e, e);
      }
    }
  }

  private void delete(K key) {
    if (configuration.isWriteThrough() && writer != null) {
      try {
        writer.delete(key);
      } catch (CacheWriterException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new CacheWriterException("the cache writer failed: " + e, e);
      }
    }
  }

  private void countHits(long n) {
    if (configuration.isStatisticsEnabled()) {
      stats.hits(n);
    }
  }

  private void countMisses(long n) {
    if (configuration.isStatisticsEnabled()) {
      stats.misses(n);
    }
  }

  private void countPuts(long n, long start) {
    if (configuration.isStatisticsEnabled()) {
      stats.puts(n);
      stats.putTime(System.nanoTime() - start);
    }
  }

  private void countRemovals(long n, long start) {
    if (configuration.isStatisticsEnabled()) {
      stats.removals(n);
      stats.removeTime(System.nanoTime() - start);
    }
  }
}
