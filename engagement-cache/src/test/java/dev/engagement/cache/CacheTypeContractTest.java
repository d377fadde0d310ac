package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.testing.ResultCacheContractTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.cache.Cache;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every cache type passes (NullCache, which holds nothing, has its own test), on
 * top of the core's {@link ResultCacheContractTest} (misses, byte-for-byte round trips,
 * replacement, 5 MiB values, independent keys): set/get, expiry after {@code
 * CACHE_DEFAULT_TIMEOUT}, the threshold, clear, namespaces kept apart, and several caches with
 * the same settings sharing entries. Subclasses point it at a real store.
 */
abstract class CacheTypeContractTest extends ResultCacheContractTest {
  private final List<Cache<String, byte[]>> opened = new ArrayList<>();
  /** A namespace of this test's own (a key prefix, a folder...), so tests never see each other. */
  protected final String namespace = "t" + UUID.randomUUID().toString().substring(0, 8) + "_";

  /** Returns the type name under test. */
  protected abstract String typeName();

  /** Returns the settings of this test's namespace. */
  protected abstract Map<String, Object> config();

  /** Returns the settings of another namespace on the same store (another prefix, another folder). */
  protected Map<String, Object> otherNamespace() {
    Map<String, Object> m = new HashMap<>(config());
    m.put("CACHE_KEY_PREFIX", "other" + namespace);
    return m;
  }

  /** Returns whether CACHE_THRESHOLD bounds the number of entries. */
  protected boolean boundedByThreshold() {
    return false;
  }

  /** Returns whether caches opened with the same settings share their entries. */
  protected boolean shared() {
    return true;
  }

  /**
   * Returns the clock the type's expiry reads, when the test can move it (a cache kept in this
   * JVM or a folder); null for a server's own expiry, which the test waits for.
   */
  protected @Nullable FakeClock clock() {
    return null;
  }

  protected Cache<String, byte[]> open(Map<String, ?> settings) {
    FakeClock clock = clock();
    Cache<String, byte[]> c = clock == null
        ? EngagementCaches.open(typeName(), settings)
        : EngagementCaches.open(CacheSettings.of(typeName(), settings), clock);
    opened.add(c);
    return c;
  }

  protected Cache<String, byte[]> open() {
    return open(config());
  }

  protected Map<String, Object> with(String key, Object value) {
    Map<String, Object> m = new HashMap<>(config());
    m.put(key, value);
    return m;
  }

  @AfterEach
  void closeCaches() {
    for (Cache<String, byte[]> c : opened) {
      if (!c.isClosed()) {
        c.getCacheManager().close();
      }
    }
  }

  @Override
  protected ResultCache newCache() {
    return JCacheResultCache.of(open(), false);
  }

  static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  @Test
  void setsGetsReplacesAndRemoves() {
    Cache<String, byte[]> c = open();
    assertThat(c.get("a")).isNull();
    c.put("a", bytes(1, 2));
    assertThat(c.get("a")).containsExactly(1, 2);
    assertThat(c.containsKey("a")).isTrue();
    assertThat(c.getAndPut("a", bytes(3))).containsExactly(1, 2);
    assertThat(c.get("a")).containsExactly(3);
    assertThat(c.putIfAbsent("a", bytes(4))).isFalse();
    assertThat(c.remove("a")).isTrue();
    assertThat(c.get("a")).isNull();
    assertThat(c.containsKey("a")).isFalse();
  }

  @Test
  void entriesExpireAfterTheDefaultTimeoutAndZeroMeansNever() {
    Cache<String, byte[]> shortLived = open(with("CACHE_DEFAULT_TIMEOUT", 1));
    Cache<String, byte[]> eternal = open(with("CACHE_DEFAULT_TIMEOUT", 0));
    eternal.put("forever", bytes(1));
    shortLived.put("soon", bytes(2));
    assertThat(shortLived.get("soon")).containsExactly(2);
    FakeClock clock = clock();
    if (clock != null) {
      clock.advance(Duration.ofMillis(999));
      assertThat(shortLived.get("soon")).as("not yet expired").containsExactly(2);
      clock.advance(Duration.ofMillis(1));
    } else {
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (shortLived.get("soon") != null && System.nanoTime() < deadline) {
        LocalServers.sleep(100);
      }
    }
    assertThat(shortLived.get("soon")).as("expired after CACHE_DEFAULT_TIMEOUT=1").isNull();
    assertThat(eternal.get("forever")).as("CACHE_DEFAULT_TIMEOUT=0 never expires").containsExactly(1);
  }

  @Test
  void theThresholdBoundsTheEntries() {
    assumeTrue(boundedByThreshold(), typeName() + " has no threshold (the server's memory limit applies)");
    Cache<String, byte[]> c = open(with("CACHE_THRESHOLD", 5));
    for (int i = 0; i < 20; i++) {
      c.put("k" + i, bytes(i));
    }
    int n = 0;
    for (Cache.Entry<String, byte[]> e : c) {
      n++;
    }
    assertThat(n).isBetween(1, 5);
    assertThat(c.get("k19")).as("the last entry written is kept").containsExactly(19);
  }

  @Test
  void clearRemovesEveryEntry() {
    Cache<String, byte[]> c = open();
    for (int i = 0; i < 5; i++) {
      c.put("k" + i, bytes(i));
    }
    c.clear();
    for (int i = 0; i < 5; i++) {
      assertThat(c.get("k" + i)).isNull();
    }
    c.put("k1", bytes(9));
    assertThat(c.get("k1")).containsExactly(9);
  }

  @Test
  void namespacesAreKeptApart() {
    Cache<String, byte[]> a = open();
    Cache<String, byte[]> b = open(otherNamespace());
    a.put("same", bytes(1));
    assertThat(b.get("same")).isNull();
    b.put("same", bytes(2));
    assertThat(a.get("same")).containsExactly(1);
    b.clear();
    assertThat(a.get("same")).as("clearing one namespace leaves the other").containsExactly(1);
    assertThat(b.get("same")).isNull();
  }

  @Test
  void cachesWithTheSameSettingsShareEntries() {
    assumeTrue(shared(), typeName() + " is private to one cache");
    Cache<String, byte[]> a = open();
    a.put("shared", bytes(7));
    Cache<String, byte[]> b = open();
    assertThat(b.get("shared")).containsExactly(7);
    a.getCacheManager().close();
    Cache<String, byte[]> c = open();
    assertThat(c.get("shared")).as("entries outlive the cache that wrote them").containsExactly(7);
  }

  @Test
  void theResultCacheIsAMissThenAHit() {
    ResultCache r = JCacheResultCache.of(open(), false);
    String key = "ab".repeat(32);
    assertThat(r.get(key)).isEmpty();
    r.put(key, bytes(1, 2, 3));
    assertThat(r.get(key)).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
  }
}
