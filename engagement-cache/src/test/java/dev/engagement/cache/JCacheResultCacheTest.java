package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** CACHE_IGNORE_ERRORS: a failing cache is a miss with one warning, or an error naming the type. */
final class JCacheResultCacheTest {
  private static Cache<String, byte[]> brokenCache() {
    Cache<String, byte[]> c = EngagementCaches.open("SimpleCache", Map.of());
    c.close(); // every call now throws
    return c;
  }

  @Test
  void ignoringErrorsMakesFailuresMissesWithOneWarning() {
    RecordingLogs.clear();
    JCacheResultCache r = JCacheResultCache.of(brokenCache(), true);
    for (int i = 0; i < 3; i++) {
      assertThat(r.get("ab".repeat(32))).isEmpty();
      r.put("ab".repeat(32), new byte[] {1});
    }
    assertThat(RecordingLogs.messages(Level.WARN))
        .singleElement()
        .satisfies(m -> assertThat(m).startsWith("SimpleCache could not read an entry").contains("CACHE_IGNORE_ERRORS"));
    assertThat(RecordingLogs.messages(Level.DEBUG).stream().filter(m -> m.startsWith("SimpleCache could not"))).hasSize(5);
  }

  @Test
  void otherwiseAFailureNamesTheTypeAndTheCause() {
    JCacheResultCache r = JCacheResultCache.of(brokenCache(), false);
    assertThatThrownBy(() -> r.get("ab".repeat(32)))
        .isInstanceOf(CacheAccessException.class)
        .hasMessageStartingWith("SimpleCache could not read an entry: ");
    assertThatThrownBy(() -> r.put("ab".repeat(32), new byte[0]))
        .isInstanceOf(CacheAccessException.class)
        .hasMessageStartingWith("SimpleCache could not write an entry: ");
  }
}
