package dev.engagement.cache.internal.jcache;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
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
import java.util.function.Function;
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
 * <p>Every operation on a key runs one sequence ({@link #atKey}): encode the key, take the lock
 * of its stripe, read the entry, act (the loader, the writer, the expiry policy and entry
 * processors run here, under the lock, as in Caffeine, so that the store and the writer see the
 * same order), take a delivery ticket, release the lock, count statistics, then deliver the
 * events to the listeners ({@link Delivery}): listeners never run under a lock, so a listener may
 * read and write the cache. Expiry times are read from the configured {@link Clock}.
 *
 * <p>An entry that cannot be read (damaged, of the wrong kind, refused by the {@link
 * SerialFilter}) is a miss, logged by a {@link DamageLog}; it stays in the store until it is
 * written over or removed.
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
  private final Clock clock;
  private final ExpiryPolicy expiry;
  private final @Nullable CacheLoader<K, V> loader;
  private final @Nullable CacheWriter<K, V> writer;
  private final CopyOnWriteArrayList<Registration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final Stats stats = new Stats();
  private final ConfigurationBean bean;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
  private final Delivery delivery = new Delivery(STRIPES);
  private final DamageLog damage;
  private final Object lifecycle = new Object();
  private volatile boolean closed;
  private @Nullable ExecutorService loaderPool;

  @SuppressWarnings("unchecked")
  StoreCache(StoreCacheManager manager, String name, Configuration<K, V> given, Store store, ClassLoader loader) {
    this.manager = manager;
    this.name = name;
    this.configuration = copy(given);
    this.store = store;
    StoreCacheSettings settings = given instanceof StoreCacheSettings s ? s : null;
    Clock c = settings == null ? null : settings.getClock();
    this.clock = c == null ? Clock.systemUTC() : c;
    SerialFilter filter =
        SerialFilter.of(
            Arrays.asList(
                settings == null ? null : settings.getSerialFilter(),
                manager.getProperties().getProperty(SerialFilter.PROPERTY),
                System.getProperty(SerialFilter.PROPERTY)));
    this.codec = new Codec(loader, configuration.getKeyType(), configuration.getValueType(), filter);
    this.damage = new DamageLog(store + " (cache " + name + ")");
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

  // ---------------------------------------------------------------- the one sequence

  /**
   * One operation on one key, as it runs under the key's lock: the entry as it was read (once),
   * what the operation changes, the events it causes and what it counts.
   */
  private final class Slot {
    final K key;
    final byte[] kb;
    final long now;
    final Events<K, V> events = new Events<>();
    int hits;
    int misses;
    int puts;
    int removals;
    boolean timedGet;
    private boolean read;
    private Store.@Nullable Record record;

    Slot(K key, byte[] kb, long now) {
      this.key = key;
      this.kb = kb;
      this.now = now;
    }

    /** Returns the entry as stored, expired or not, or null. */
    Store.@Nullable Record record() {
      if (!read) {
        record = store.get(kb);
        read = true;
      }
      return record;
    }

    /**
     * Returns the live value, or null: an expired entry is removed (with an expired event), an
     * unreadable one is a miss.
     */
    @Nullable V current() {
      Store.Record r = record();
      if (r == null) {
        return null;
      }
      if (r.expiredAt(now)) {
        store.remove(kb);
        record = null;
        V old = readable(r);
        if (old != null) {
          events.add(event(EventType.EXPIRED, key, old, old));
        }
        return null;
      }
      return readable(r);
    }

    /** Returns the value of a record, or null (logged) if it cannot be read. */
    @Nullable V readable(Store.Record r) {
      try {
        return value(r);
      } catch (Codec.UnreadableException e) {
        damage.unreadable("the value of key " + describe(key), e.getMessage());
        return null;
      }
    }

    /** Returns the expiry time of the entry read (it must be there). */
    long expiresAt() {
      return requireNonNull(record).expiresAt();
    }

    /**
     * Stores a new entry with the creation expiry; returns false (and reports it expired when
     * asked) if that expiry is already past.
     */
    boolean create(V value, byte[] vb, boolean reportExpired) {
      long expiresAt = creationExpiry(now);
      if (expiresAt <= now) {
        if (reportExpired) {
          events.add(event(EventType.EXPIRED, key, value, value));
        }
        return false;
      }
      store.put(kb, vb, expiresAt);
      record = new Store.Record(vb, expiresAt);
      events.add(event(EventType.CREATED, key, value, null));
      return true;
    }

    /** Replaces the live entry, with the update expiry. */
    void update(V value, byte[] vb, V old) {
      long expiresAt = updateExpiry(now, expiresAt());
      store.put(kb, vb, expiresAt);
      record = new Store.Record(vb, expiresAt);
      events.add(event(EventType.UPDATED, key, value, old));
    }

    /** Removes the entry; reports it removed if its value was readable. */
    void delete(@Nullable V old) {
      store.remove(kb);
      record = null;
      if (old != null) {
        events.add(event(EventType.REMOVED, key, old, old));
      }
    }

    /** Applies the access expiry to the live entry. */
    void accessed() {
      StoreCache.this.accessed(kb, now);
    }
  }

  /**
   * Runs an operation on one key: encodes the key, takes its stripe's lock, runs the operation,
   * takes a delivery ticket if it caused events, releases the lock, counts statistics and
   * delivers the events.
   */
  private <R> R atKey(K key, Function<Slot, R> op) {
    return atKey(key, codec.encode(key), op);
  }

  private <R> R atKey(K key, byte[] kb, Function<Slot, R> op) {
    long start = configuration.isStatisticsEnabled() ? System.nanoTime() : 0;
    int stripe = Math.floorMod(Arrays.hashCode(kb), STRIPES);
    ReentrantLock lock = locks[stripe];
    Slot s;
    R result;
    long ticket = Delivery.NONE;
    lock.lock();
    try {
      s = new Slot(key, kb, clock.millis());
      result = op.apply(s);
      if (!s.events.isEmpty() && !registrations.isEmpty()) {
        ticket = delivery.ticket(stripe);
      }
    } finally {
      lock.unlock();
    }
    if (configuration.isStatisticsEnabled()) {
      count(s, System.nanoTime() - start);
    }
    Events<K, V> events = s.events;
    delivery.deliver(stripe, ticket, () -> events.dispatch(registrations));
    return result;
  }

  private void count(Slot s, long nanos) {
    if (s.hits > 0) {
      stats.hits(s.hits);
    }
    if (s.misses > 0) {
      stats.misses(s.misses);
    }
    if (s.timedGet) {
      stats.getTime(nanos);
    }
    if (s.puts > 0) {
      stats.puts(s.puts);
      stats.putTime(nanos);
    }
    if (s.removals > 0) {
      stats.removals(s.removals);
      stats.removeTime(nanos);
    }
  }

  // ---------------------------------------------------------------- reads

  @Override
  public @Nullable V get(K key) {
    open();
    requireNonNull(key, "key");
    return atKey(key, this::getLocked);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    open();
    requireNonNull(keys, "keys");
    for (K k : keys) {
      requireNonNull(k, "a key");
    }
    Map<K, V> map = new HashMap<>();
    for (K k : keys) {
      V v = atKey(k, this::getLocked);
      if (v != null) {
        map.put(k, v);
      }
    }
    return map;
  }

  private @Nullable V getLocked(Slot s) {
    s.timedGet = true;
    V v = s.current();
    if (v != null) {
      s.accessed();
      s.hits++;
      return v;
    }
    s.misses++;
    if (!configuration.isReadThrough() || loader == null) {
      return null;
    }
    V loaded = load(s.key);
    if (loaded == null || !s.create(loaded, codec.encode(loaded), false)) {
      return null;
    }
    return loaded;
  }

  @Override
  public boolean containsKey(K key) {
    open();
    requireNonNull(key, "key");
    return atKey(key, s -> {
      Store.Record r = s.record();
      return r != null && !r.expiredAt(s.now);
    });
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
        for (K k : toLoad) {
          V v = loaded.get(k);
          if (v != null) {
            atKey(k, s -> {
              V old = s.current();
              if (old == null) {
                s.create(v, codec.encode(v), false);
              } else if (replaceExistingValues) {
                s.update(v, codec.encode(v), old);
              }
              return null;
            });
          }
        }
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
    byte[] vb = codec.encode(value);
    atKey(key, s -> putLocked(s, value, vb, true));
  }

  /** Puts under the key's lock (calling the writer first when asked); returns whether it stored. */
  private boolean putLocked(Slot s, V value, byte[] vb, boolean write) {
    V old = s.current();
    if (write) {
      write(s.key, value);
    }
    boolean stored;
    if (old == null) {
      stored = s.create(value, vb, true);
    } else {
      s.update(value, vb, old);
      stored = true;
    }
    if (stored) {
      s.puts++;
    }
    return stored;
  }

  @Override
  public @Nullable V getAndPut(K key, V value) {
    open();
    checkTypes(key, value);
    byte[] vb = codec.encode(value);
    return atKey(key, s -> {
      s.timedGet = true;
      V old = s.current();
      if (old == null) {
        s.misses++;
      } else {
        s.hits++;
      }
      putLocked(s, value, vb, true);
      return old;
    });
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    open();
    requireNonNull(map, "map");
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
    for (Map.Entry<K, V> e : toStore.entrySet()) {
      V value = e.getValue();
      byte[] vb = codec.encode(value);
      atKey(e.getKey(), s -> putLocked(s, value, vb, false));
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    open();
    checkTypes(key, value);
    byte[] vb = codec.encode(value);
    return atKey(key, s -> {
      if (s.current() != null) {
        s.hits++;
        return false;
      }
      s.misses++;
      putLocked(s, value, vb, true);
      return true;
    });
  }

  @Override
  public boolean remove(K key) {
    open();
    requireNonNull(key, "key");
    return atKey(key, s -> {
      delete(key);
      Store.Record r = s.record();
      if (r == null) {
        return false;
      }
      V old = r.expiredAt(s.now) ? null : s.readable(r);
      s.delete(old);
      if (old == null) {
        return false;
      }
      s.removals++;
      return true;
    });
  }

  @Override
  public boolean remove(K key, V oldValue) {
    open();
    requireNonNull(key, "key");
    requireNonNull(oldValue, "oldValue");
    return atKey(key, s -> {
      s.timedGet = true;
      V current = s.current();
      if (current == null) {
        s.misses++;
        return false;
      }
      s.hits++;
      if (!current.equals(oldValue)) {
        s.accessed();
        return false;
      }
      delete(key);
      s.delete(current);
      s.removals++;
      return true;
    });
  }

  @Override
  public @Nullable V getAndRemove(K key) {
    open();
    requireNonNull(key, "key");
    return atKey(key, s -> {
      s.timedGet = true;
      delete(key);
      Store.Record r = s.record();
      V old = r == null || r.expiredAt(s.now) ? null : s.readable(r);
      if (r != null) {
        s.delete(old);
      }
      if (old == null) {
        s.misses++;
        return null;
      }
      s.hits++;
      s.removals++;
      return old;
    });
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    open();
    requireNonNull(oldValue, "oldValue");
    checkTypes(key, newValue);
    byte[] vb = codec.encode(newValue);
    return atKey(key, s -> {
      s.timedGet = true;
      V current = s.current();
      if (current == null) {
        s.misses++;
        return false;
      }
      s.hits++;
      if (!current.equals(oldValue)) {
        s.accessed();
        return false;
      }
      write(key, newValue);
      s.update(newValue, vb, current);
      s.puts++;
      return true;
    });
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public @Nullable V getAndReplace(K key, V value) {
    open();
    checkTypes(key, value);
    byte[] vb = codec.encode(value);
    return atKey(key, s -> {
      s.timedGet = true;
      V old = s.current();
      if (old == null) {
        s.misses++;
        return null;
      }
      write(key, value);
      s.update(value, vb, old);
      s.hits++;
      s.puts++;
      return old;
    });
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
      } catch (Codec.UnreadableException e) {
        logger.debug("Removing an unreadable entry of cache {}", name, e);
        store.remove(kb);
      }
    }
    removeKeys(keys);
  }

  private void removeKeys(Set<K> keys) {
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
    for (K key : toRemove) {
      atKey(key, s -> {
        Store.Record r = s.record();
        if (r == null) {
          return null;
        }
        V old = s.readable(r);
        if (old != null && r.expiredAt(s.now)) {
          s.delete(null);
          s.events.add(event(EventType.EXPIRED, key, old, old));
        } else {
          s.delete(old);
          if (old != null) {
            s.removals++;
          }
        }
        return null;
      });
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
    return atKey(key, s -> {
      s.timedGet = true;
      V current = s.current();
      if (current == null) {
        s.misses++;
      } else {
        s.hits++;
      }
      ProcessorEntry entry = new ProcessorEntry(key, current, configuration.isReadThrough() ? loader : null);
      T result;
      try {
        result = processor.process(entry, arguments);
      } catch (CacheException e) {
        throw e;
      } catch (Exception e) {
        throw new EntryProcessorException(e);
      }
      switch (entry.operation) {
        case NONE:
          break;
        case ACCESS:
          s.accessed();
          break;
        case CREATE:
        case LOAD: {
          V v = requireNonNull(entry.value);
          checkTypes(key, v);
          if (entry.operation == Operation.CREATE) {
            write(key, v);
          }
          if (s.create(v, codec.encode(v), true) && entry.operation == Operation.CREATE) {
            s.puts++;
          }
          break;
        }
        case UPDATE: {
          V v = requireNonNull(entry.value);
          checkTypes(key, v);
          write(key, v);
          s.update(v, codec.encode(v), requireNonNull(entry.original));
          s.puts++;
          break;
        }
        case REMOVE: {
          delete(key);
          V old = entry.original;
          s.delete(old);
          if (old != null) {
            s.removals++;
          }
          break;
        }
        default:
          throw new IllegalStateException("unknown operation " + entry.operation);
      }
      return result;
    });
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
          byte[] kb = keys.next();
          K k;
          try {
            k = key(kb);
          } catch (Codec.UnreadableException e) {
            damage.unreadable("a key", e.getMessage());
            continue;
          }
          next = atKey(k, kb, s -> {
            Store.Record r = s.record();
            if (r == null || r.expiredAt(s.now)) {
              return null;
            }
            V v = s.readable(r);
            if (v == null) {
              return null;
            }
            s.accessed();
            s.hits++;
            s.timedGet = true;
            return new CacheEntry<>(k, v);
          });
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
        atKey(l.getKey(), s -> {
          delete(l.getKey());
          if (store.remove(s.kb)) {
            s.events.add(event(EventType.REMOVED, l.getKey(), l.getValue(), l.getValue()));
          }
          s.removals++;
          return null;
        });
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

  @SuppressWarnings("unchecked")
  private V value(Store.Record r) {
    return (V) codec.decodeValue(r.value());
  }

  @SuppressWarnings("unchecked")
  private K key(byte[] kb) {
    return (K) codec.decodeKey(kb);
  }

  private static String describe(Object key) {
    String s = String.valueOf(key);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
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
}
