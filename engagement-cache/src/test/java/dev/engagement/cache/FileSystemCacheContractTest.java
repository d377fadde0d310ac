package dev.engagement.cache;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** FileSystemCache (our provider) passes the contract; namespaces are folders. */
final class FileSystemCacheContractTest extends CacheTypeContractTest {
  @TempDir Path temp;

  @Override
  protected String typeName() {
    return "FileSystemCache";
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of("CACHE_DIR", temp.resolve(namespace).toString());
  }

  @Override
  protected Map<String, Object> otherNamespace() {
    return Map.of("CACHE_DIR", temp.resolve("other" + namespace).toString());
  }

  private final FakeClock clock = new FakeClock();

  @Override
  protected FakeClock clock() {
    return clock;
  }

  @Override
  protected boolean boundedByThreshold() {
    return true;
  }
}
