package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EngagementCaches#availableTypes()} on the test class path, which has every optional jar:
 * every type but UWSGICache, in declaration order. (The {@code without-optional-jars} run checks
 * the other side in {@link MissingOptionalJarTest}.)
 */
final class AvailableTypesTest {
  @TempDir Path temp;

  @Test
  void everyTypeButUwsgiIsAvailableWithTheOptionalJars() {
    EnumSet<CacheType> expected = EnumSet.allOf(CacheType.class);
    expected.remove(CacheType.UWSGI);
    assertThat(EngagementCaches.availableTypes()).containsExactlyElementsOf(expected);
  }

  @Test
  void theListIsImmutable() {
    List<CacheType> types = EngagementCaches.availableTypes();
    assertThatThrownBy(() -> types.add(CacheType.UWSGI)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theTypesThatNeedNoServerOpen() {
    for (CacheType t : EngagementCaches.availableTypes()) {
      Map<String, Object> config =
          switch (t) {
            case NULL -> Map.of("CACHE_NO_NULL_WARNING", true);
            case SIMPLE -> Map.of();
            case FILE_SYSTEM -> Map.of("CACHE_DIR", temp.toString());
            default -> null;
          };
      if (config == null) {
        continue;
      }
      Cache<String, byte[]> cache = EngagementCaches.open(t.typeName(), config);
      try {
        assertThat(EngagementCaches.typeName(cache)).isEqualTo(t.typeName());
      } finally {
        cache.getCacheManager().close();
      }
    }
  }
}
