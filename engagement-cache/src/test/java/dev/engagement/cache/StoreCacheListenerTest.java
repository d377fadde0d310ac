package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.engagement.cache.internal.filesystem.FileSystemCacheConfiguration;
import dev.engagement.cache.internal.filesystem.FileSystemCachingProvider;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listeners run after the operation has released its lock (as in Caffeine), so a listener may
 * read and write the cache it listens to, from any thread, without a deadlock; the events of one
 * key still arrive in the order the operations happened.
 */
final class StoreCacheListenerTest {
  @TempDir Path temp;
  private CacheManager manager;

  @AfterEach
  void close() {
    if (manager != null) {
      manager.close();
    }
  }

  /** The cache the listeners of this test use (listeners are made from a class by JCache). */
  static volatile Cache<String, String> current;

  /** On each created "x..." or "y..." entry, reads it back and writes an echo entry. */
  public static final class Echo implements CacheEntryCreatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> e : events) {
        String key = e.getKey();
        if (key.endsWith("-echo")) {
          continue;
        }
        Cache<String, String> c = current;
        String read = c.get(key); // reads the entry just written, from the callback
        // writes an entry of the other thread's keys (its stripe may be locked by that thread)
        String other = key.startsWith("x") ? "y" + key.substring(1) : "x" + key.substring(1);
        for (int j = 0; j < 4; j++) {
          c.put(other + "-" + j + "-echo", String.valueOf(read));
        }
        c.put(key + "-echo", String.valueOf(read));
      }
    }
  }

  /** Records the old and new value of each update, in the order they arrive. */
  public static final class Recorder implements CacheEntryUpdatedListener<String, String>, Serializable {
    private static final long serialVersionUID = 1L;
    static final List<String[]> UPDATES = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
      for (CacheEntryEvent<? extends String, ? extends String> e : events) {
        UPDATES.add(new String[] {e.getOldValue(), e.getValue()});
      }
    }
  }

  private Cache<String, String> cache(Class<?> listener, boolean oldValueRequired) {
    manager = Caching.getCachingProvider(FileSystemCachingProvider.class.getName())
        .getCacheManager(URI.create("test:" + UUID.randomUUID()), getClass().getClassLoader());
    FileSystemCacheConfiguration<String, String> c = new FileSystemCacheConfiguration<>();
    c.setTypes(String.class, String.class);
    c.setDirectory(temp.resolve("c"));
    c.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<String, String>(
        FactoryBuilder.factoryOf(listener.getName()), null, oldValueRequired, true));
    Cache<String, String> cache = manager.createCache("listened", c);
    current = cache;
    return cache;
  }

  @Test
  void aListenerThatReadsAndWritesTheCacheDoesNotDeadlock() {
    Cache<String, String> c = cache(Echo.class, false);
    c.put("x-single", "v");
    assertThat(c.get("x-single-echo")).as("written from the callback, on the caller's thread").isEqualTo("v");
    assertThat(c.get("y-single-0-echo")).isEqualTo("v");

    int n = 300;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        List<Future<?>> done = new ArrayList<>();
        for (String prefix : List.of("x", "y")) {
          done.add(pool.submit(() -> {
            start.await();
            for (int i = 0; i < n; i++) {
              c.put(prefix + i, prefix + "=" + i);
            }
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      }, "two threads whose listeners write each other's keys deadlocked");
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < n; i++) {
      assertThat(c.get("x" + i + "-echo")).isEqualTo("x=" + i);
      assertThat(c.get("y" + i + "-echo")).isEqualTo("y=" + i);
    }
  }

  @Test
  void theEventsOfOneKeyArriveInTheOrderOfItsChanges() throws Exception {
    Recorder.UPDATES.clear();
    Cache<String, String> c = cache(Recorder.class, true);
    c.put("k", "start");
    int perThread = 400;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (String t : List.of("a", "b")) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            c.put("k", t + i);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String[]> updates = new ArrayList<>(Recorder.UPDATES);
    assertThat(updates).hasSize(2 * perThread);
    // each update replaced the value the update before it wrote: nothing overtook anything
    String previous = "start";
    for (String[] u : updates) {
      assertThat(u[0]).isEqualTo(previous);
      previous = u[1];
    }
    assertThat(c.get("k")).isEqualTo(previous);
  }
}
