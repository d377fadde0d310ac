package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.cache.internal.filesystem.FileSystemCacheConfiguration;
import dev.engagement.cache.internal.filesystem.FileSystemCachingProvider;
import dev.engagement.cache.internal.jcache.SerialFilter;
import dev.engagement.cache.internal.jcache.Store;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;

/**
 * Stored values are input from outside: Java serialisation reads them through a filter (a short
 * allow-list, bounded nesting and arrays), a cache of byte arrays never deserialises anything,
 * and a refused value is a miss that says why.
 */
final class HostileValuesTest {
  /** How many times a gadget's readObject ran. */
  static final AtomicInteger TRIGGERED = new AtomicInteger();

  /** A class whose readObject has a side effect, as a deserialisation gadget would. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      TRIGGERED.incrementAndGet();
    }
  }

  /** A harmless class of the application's, to be allowed explicitly. */
  record Allowed(String name, int n) implements Serializable {}

  @TempDir Path temp;
  private final List<CacheManager> managers = new ArrayList<>();

  @BeforeEach
  void reset() {
    TRIGGERED.set(0);
    RecordingLogs.clear();
  }

  @AfterEach
  void close() {
    managers.forEach(CacheManager::close);
  }

  private Cache<Object, Object> objectCache(String serialFilter, Properties managerProperties) {
    CacheManager m = Caching.getCachingProvider(FileSystemCachingProvider.class.getName())
        .getCacheManager(URI.create("test:" + UUID.randomUUID()), getClass().getClassLoader(), managerProperties);
    managers.add(m);
    FileSystemCacheConfiguration<Object, Object> c = new FileSystemCacheConfiguration<>();
    c.setDirectory(temp.resolve("c" + managers.size())).setSerialFilter(serialFilter);
    return m.createCache("objects", c);
  }

  private Cache<Object, Object> objectCache() {
    return objectCache(null, new Properties());
  }

  static byte[] serialised(Object o) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(o);
    }
    return b.toByteArray();
  }

  /** Puts raw bytes under a string key, as a hostile writer to the shared folder would. */
  private static void plant(Cache<?, ?> cache, String key, byte tag, byte[] body) {
    byte[] k = ("S" + key).getBytes(StandardCharsets.UTF_8);
    byte[] v = ByteBuffer.allocate(body.length + 1).put(tag).put(body).array();
    cache.unwrap(Store.class).put(k, v, Store.NEVER);
  }

  private static List<String> warnings() {
    return RecordingLogs.messages(Level.WARN);
  }

  @Test
  void theGadgetWorksWhenNothingFiltersIt() throws Exception {
    // the control: an unfiltered ObjectInputStream runs the gadget, so the tests below can fail
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialised(new Gadget())))) {
      in.readObject();
    }
    assertThat(TRIGGERED).hasValue(1);
  }

  @Test
  void aClassNotOnTheListIsRefusedAsAMissBeforeItsCodeRuns() throws Exception {
    Cache<Object, Object> c = objectCache();
    plant(c, "gadget", (byte) 'J', serialised(new Gadget()));
    plant(c, "inside", (byte) 'J', serialised(new ArrayList<>(List.of("harmless", new Gadget()))));
    assertThat(c.get("gadget")).isNull();
    assertThat(c.get("inside")).isNull();
    assertThat(TRIGGERED).hasValue(0);
    assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
        .contains("refused by the serialisation filter")
        .contains("class dev.engagement.cache.HostileValuesTest$Gadget is not allowed")
        .contains(SerialFilter.PROPERTY));
  }

  @Test
  void deepNestingIsRefused() throws Exception {
    List<Object> outer = new ArrayList<>();
    List<Object> l = outer;
    for (int i = 0; i < 300; i++) {
      List<Object> inner = new ArrayList<>();
      l.add(inner);
      l = inner;
    }
    Cache<Object, Object> c = objectCache();
    plant(c, "deep", (byte) 'J', serialised(outer));
    assertThat(c.get("deep")).isNull();
    assertThat(warnings()).singleElement().satisfies(w -> assertThat(w).contains("objects nested more than 100 deep"));
  }

  @Test
  void hugeArraysAreRefusedBeforeTheyAreAllocated() throws Exception {
    Cache<Object, Object> c = objectCache();
    // a few bytes that declare arrays of 2^31 - 9 elements (16 GiB of longs)
    plant(c, "longs", (byte) 'J', withArrayLength(serialised(new long[] {-1, -1, -1, -1, -1}), 5, Integer.MAX_VALUE - 8));
    plant(c, "objects", (byte) 'J',
        withArrayLength(serialised(new Object[] {"a", "b", "c", "d", "e"}), 5, Integer.MAX_VALUE - 8));
    assertThat(c.get("longs")).isNull();
    assertThat(c.get("objects")).isNull();
    assertThat(RecordingLogs.events()).filteredOn(e -> e.level() == Level.WARN || e.level() == Level.DEBUG)
        .extracting(RecordingLogs.Event::message)
        .filteredOn(m -> m.contains("an unreadable entry"))
        .hasSize(2)
        .allSatisfy(m -> assertThat(m).contains("more than a value of its size can hold"));
  }

  /** Replaces the first 4-byte big-endian occurrence of an array's length in a stream. */
  private static byte[] withArrayLength(byte[] stream, int length, int replacement) {
    byte[] needle = ByteBuffer.allocate(4).putInt(length).array();
    for (int i = 0; i + 4 <= stream.length; i++) {
      if (stream[i] == needle[0] && stream[i + 1] == needle[1] && stream[i + 2] == needle[2] && stream[i + 3] == needle[3]) {
        ByteBuffer.wrap(stream).putInt(i, replacement);
        return stream;
      }
    }
    throw new IllegalStateException("no array length in the stream");
  }

  @Test
  void theDefaultListReadsCommonValues() {
    Cache<Object, Object> c = objectCache();
    Map<String, Object> map = new HashMap<>(Map.of("n", 1, "big", new java.math.BigDecimal("1.50")));
    List<Object> values = List.of("text", 42, 7L, 1.5, true, 'c', LocalDate.of(2025, 4, 15), UUID.randomUUID(),
        new ArrayList<>(List.of("a", "b")), map, List.of(1, 2), Map.of("k", List.of("v")), new long[] {1, 2},
        new byte[] {1, 2, 3}, java.time.Duration.ofSeconds(5));
    for (int i = 0; i < values.size(); i++) {
      c.put(i, values.get(i));
    }
    for (int i = 0; i < values.size(); i++) {
      assertThat(c.get(i)).as("value %d", i).isEqualTo(values.get(i));
    }
    assertThat(warnings()).isEmpty();
  }

  @Test
  void applicationClassesAreReadOnceAllowed() {
    Cache<Object, Object> refused = objectCache();
    refused.put("a", new Allowed("x", 1));
    assertThat(refused.get("a")).as("stored, but not read back: not on the list").isNull();
    assertThat(warnings()).singleElement().satisfies(w -> assertThat(w).contains(Allowed.class.getName()));

    Cache<Object, Object> byConfiguration = objectCache("dev.engagement.cache.HostileValuesTest$Allowed", new Properties());
    byConfiguration.put("a", new Allowed("x", 1));
    assertThat(byConfiguration.get("a")).isEqualTo(new Allowed("x", 1));

    Properties p = new Properties();
    p.setProperty(SerialFilter.PROPERTY, "!dev.engagement.cache.HostileValuesTest$Gadget;dev.engagement.cache.*");
    Cache<Object, Object> byManager = objectCache(null, p);
    byManager.put("a", new Allowed("y", 2));
    assertThat(byManager.get("a")).isEqualTo(new Allowed("y", 2));
    plant(byManager, "gadget", (byte) 'J', serialisedQuietly(new Gadget()));
    assertThat(byManager.get("gadget")).as("a pattern may refuse, too").isNull();
    assertThat(TRIGGERED).hasValue(0);
  }

  private static byte[] serialisedQuietly(Object o) {
    try {
      return serialised(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCacheOfByteArraysNeverDeserialisesWhateverTheTagSaysEvenWithAWideFilter() throws Exception {
    Cache<String, byte[]> c = EngagementCaches.open("FileSystemCache", Map.of("CACHE_DIR", temp.resolve("bytes").toString(),
        "CACHE_OPTIONS", Map.of("serial_filter", "dev.engagement.cache.**")));
    try {
      plant(c, "gadget", (byte) 'J', serialised(new Gadget()));
      plant(c, "string", (byte) 'S', "text".getBytes(StandardCharsets.UTF_8));
      plant(c, "unknown", (byte) 'X', new byte[] {1});
      JCacheResultCache results = JCacheResultCache.of(c, false);
      assertThat(results.get("gadget")).isEmpty();
      assertThat(results.get("string")).isEmpty();
      assertThat(results.get("unknown")).isEmpty();
      assertThat(TRIGGERED).hasValue(0);
      assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
          .contains("a stored value of the wrong kind (tag 74) in a cache of byte[] values"));
      // the same cache holds and returns byte arrays as ever
      results.put("good", new byte[] {1, 2});
      assertThat(results.get("good")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
    } finally {
      c.getCacheManager().close();
    }
  }
}
