package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * CACHE_IGNORE_ERRORS: a failing cache is a miss with one warning, or an error naming the type;
 * and a cache that keeps failing is skipped for a cool-down (a circuit breaker), then tried again.
 */
final class JCacheResultCacheTest {
  private static final String KEY = "ab".repeat(32);

  private static Cache<String, byte[]> brokenCache() {
    Cache<String, byte[]> c = EngagementCaches.open("SimpleCache", Map.of());
    c.close(); // every call now throws
    return c;
  }

  /** A SimpleCache whose calls fail while {@code down} is set, counting the calls that reach it. */
  private static final class Flaky {
    final Cache<String, byte[]> cache = EngagementCaches.open("SimpleCache", Map.of());
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;
    /** A put of this key, once past the {@code down} check, waits for {@link #release}. */
    volatile @Nullable String held;
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    JCacheResultCache results(boolean ignoreErrors, FakeClock clock) {
      @SuppressWarnings("unchecked")
      Cache<String, byte[]> proxy = (Cache<String, byte[]>) java.lang.reflect.Proxy.newProxyInstance(
          Cache.class.getClassLoader(), new Class<?>[] {Cache.class}, (p, m, args) -> {
            if (m.getName().equals("get") || m.getName().equals("put") || m.getName().equals("remove")) {
              calls.incrementAndGet();
              if (down) {
                throw new CacheException("the server is gone");
              }
              if (m.getName().equals("put") && args[0].equals(held)) {
                entered.countDown();
                release.await(10, TimeUnit.SECONDS);
              }
            }
            try {
              return m.invoke(cache, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
      return JCacheResultCache.builder(proxy)
          .ignoreErrors(ignoreErrors)
          .failureThreshold(3)
          .coolDown(Duration.ofSeconds(30))
          .clock(clock)
          .build();
    }
  }

  @Test
  void ignoringErrorsMakesFailuresMissesWithOneWarning() {
    RecordingLogs.clear();
    JCacheResultCache r = JCacheResultCache.builder(brokenCache()).ignoreErrors(true).coolDown(Duration.ZERO).build();
    for (int i = 0; i < 3; i++) {
      assertThat(r.get(KEY)).isEmpty();
      r.put(KEY, new byte[] {1});
    }
    assertThat(RecordingLogs.messages(Level.WARN))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("SimpleCache could not read an entry").contains("CACHE_IGNORE_ERRORS"));
    assertThat(RecordingLogs.messages(Level.DEBUG).stream().filter(m -> m.startsWith("SimpleCache could not"))).hasSize(5);
  }

  @Test
  void otherwiseAFailureNamesTheTypeAndTheCause() {
    JCacheResultCache r = JCacheResultCache.of(brokenCache(), false);
    assertThatThrownBy(() -> r.get(KEY))
        .isInstanceOf(CacheAccessException.class)
        .hasMessageStartingWith("SimpleCache could not read an entry: ");
    assertThatThrownBy(() -> r.put(KEY, new byte[0]))
        .isInstanceOf(CacheAccessException.class)
        .hasMessageStartingWith("SimpleCache could not write an entry: ");
  }

  @Test
  void aCacheThatKeepsFailingIsSkippedForTheCoolDownWithOneWarningThenTriedAgain() {
    Flaky flaky = new Flaky();
    FakeClock clock = new FakeClock();
    JCacheResultCache r = flaky.results(true, clock);
    r.put(KEY, new byte[] {1});
    assertThat(r.get(KEY)).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    RecordingLogs.clear();
    flaky.calls.set(0);
    flaky.down = true;
    for (int i = 0; i < 100; i++) {
      assertThat(r.get(KEY)).isEmpty();
      r.put(KEY, new byte[] {2});
    }
    assertThat(flaky.calls).as("after 3 failures in a row the cache is not called").hasValue(3);
    assertThat(RecordingLogs.messages(Level.WARN)).hasSize(2).satisfiesExactly(
        m -> assertThat(m).startsWith("SimpleCache could not read an entry: the server is gone"),
        m -> assertThat(m).isEqualTo("SimpleCache failed 3 calls in a row: it is skipped for 30 s, then tried again"
            + " (CACHE_OPTIONS failure_threshold and cool_down)"));

    clock.advance(Duration.ofSeconds(29));
    assertThat(r.get(KEY)).isEmpty();
    assertThat(flaky.calls).as("still cooling down").hasValue(3);

    clock.advance(Duration.ofSeconds(1));
    assertThat(r.get(KEY)).as("one trial, which fails").isEmpty();
    assertThat(r.get(KEY)).isEmpty();
    assertThat(flaky.calls).hasValue(4);
    assertThat(RecordingLogs.messages(Level.WARN)).as("a failed trial is not a new warning").hasSize(2);

    flaky.down = false;
    clock.advance(Duration.ofSeconds(30));
    r.put(KEY, new byte[] {3});
    assertThat(flaky.calls).as("the trial after the second cool-down").hasValue(5);
    assertThat(r.get(KEY)).hasValueSatisfying(v -> assertThat(v).containsExactly(3));
    assertThat(RecordingLogs.messages(Level.INFO)).contains("SimpleCache works again: the cache is used again");

    flaky.down = true;
    for (int i = 0; i < 5; i++) {
      r.get(KEY);
    }
    assertThat(RecordingLogs.messages(Level.WARN)).as("a new outage warns again, once each").hasSize(4);
    flaky.cache.getCacheManager().close();
  }

  @Test
  void aCallLetInBeforeTheOutageDoesNotEndTheCoolDownWhenItSucceedsLate() throws Exception {
    Flaky flaky = new Flaky();
    JCacheResultCache r = flaky.results(true, new FakeClock());
    String slowKey = "cd".repeat(32);
    flaky.held = slowKey;
    Thread slow = new Thread(() -> r.put(slowKey, new byte[] {1}), "slow put");
    slow.start();
    assertThat(flaky.entered.await(10, TimeUnit.SECONDS)).isTrue();
    RecordingLogs.clear();
    flaky.down = true;
    for (int i = 0; i < 3; i++) {
      assertThat(r.get(KEY)).isEmpty();
    }
    // the put let in before the failures now succeeds: stale news of the server
    flaky.release.countDown();
    slow.join(10_000);
    assertThat(slow.isAlive()).isFalse();
    flaky.calls.set(0);
    for (int i = 0; i < 10; i++) {
      assertThat(r.get(KEY)).isEmpty();
      r.put(KEY, new byte[] {2});
    }
    assertThat(flaky.calls).as("still cooling down: the cache is not called").hasValue(0);
    assertThat(RecordingLogs.messages(Level.INFO)).noneMatch(m -> m.contains("works again"));
    assertThat(RecordingLogs.messages(Level.WARN)).as("one failure warning and one skip warning").hasSize(2);
    flaky.cache.getCacheManager().close();
  }

  @Test
  void aSuccessInBetweenResetsTheCount() {
    Flaky flaky = new Flaky();
    JCacheResultCache r = flaky.results(true, new FakeClock());
    for (int i = 0; i < 10; i++) {
      flaky.down = true;
      r.get(KEY);
      r.get(KEY);
      flaky.down = false;
      r.get(KEY);
    }
    assertThat(flaky.calls).as("never 3 failures in a row: never skipped").hasValue(30);
    flaky.cache.getCacheManager().close();
  }

  @Test
  void inStrictModeASkippedCacheFailsAtOnceSayingWhy() {
    Flaky flaky = new Flaky();
    FakeClock clock = new FakeClock();
    JCacheResultCache r = flaky.results(false, clock);
    flaky.down = true;
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> r.get(KEY))
          .isInstanceOf(CacheAccessException.class)
          .hasMessage("SimpleCache could not read an entry: the server is gone");
    }
    clock.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> r.put(KEY, new byte[] {1}))
        .isInstanceOf(CacheAccessException.class)
        .hasMessage("SimpleCache could not write an entry: SimpleCache is skipped after 3 failed calls in a row"
            + " (the last: the server is gone); it is tried again in 20 s");
    assertThat(flaky.calls).hasValue(3);
    flaky.down = false;
    clock.advance(Duration.ofSeconds(20));
    r.put(KEY, new byte[] {1});
    assertThat(r.get(KEY)).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    flaky.cache.getCacheManager().close();
  }

  @Test
  void theSettingsOfTheCacheAreUsed() {
    Cache<String, byte[]> c = EngagementCaches.open("SimpleCache",
        Map.of("CACHE_OPTIONS", Map.of("failure_threshold", 2, "cool_down", 0.5)));
    c.close();
    RecordingLogs.clear();
    JCacheResultCache r = JCacheResultCache.of(c, true);
    r.get(KEY);
    r.get(KEY);
    assertThat(RecordingLogs.messages(Level.WARN))
        .contains("SimpleCache failed 2 calls in a row: it is skipped for 0.5 s, then tried again"
            + " (CACHE_OPTIONS failure_threshold and cool_down)");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_OPTIONS", Map.of("cool_down", -1))))
        .isInstanceOf(CacheConfigurationException.class)
        .hasMessage("CACHE_OPTIONS.cool_down must be a number of seconds, 0 or more but was -1");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_OPTIONS", Map.of("failure_threshold", 0))))
        .isInstanceOf(CacheConfigurationException.class)
        .hasMessage("CACHE_OPTIONS.failure_threshold must be a whole number above 0 but was 0");
  }

  @Test
  void failuresAreDescribedWithoutWrappersAndShort() {
    Throwable redissonLike = new java.util.concurrent.CompletionException(new CacheException(
        "org.redisson.client.RedisResponseTimeoutException: Redis server response timeout (2000 ms), command: "
            + "x".repeat(1000)));
    assertThat(JCacheResultCache.describe(redissonLike))
        .startsWith("Redis server response timeout (2000 ms), command: xxx")
        .hasSize(300)
        .endsWith("...");
    Throwable file = new CacheException("FileSystemCache cannot write /x: java.nio.file.AccessDeniedException: /x",
        new java.nio.file.AccessDeniedException("/x"));
    assertThat(JCacheResultCache.describe(file))
        .isEqualTo("FileSystemCache cannot write /x: java.nio.file.AccessDeniedException: /x");
    assertThat(JCacheResultCache.describe(new CacheException("closed", new IllegalStateException("the pool is shut down"))))
        .isEqualTo("closed (the pool is shut down)");
  }
}
