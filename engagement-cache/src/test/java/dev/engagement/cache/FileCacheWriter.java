package dev.engagement.cache;

import java.util.Map;
import javax.cache.Cache;

/** Run in another JVM by {@link FileSystemCacheTest}: writes entries into a shared folder. */
public final class FileCacheWriter {
  private FileCacheWriter() {}

  public static void main(String[] args) {
    Cache<String, byte[]> c = EngagementCaches.open("FileSystemCache", Map.of("CACHE_DIR", args[0], "CACHE_THRESHOLD", 0));
    int n = Integer.parseInt(args[2]);
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < n; i++) {
        c.put(args[1] + i, (args[1] + i).repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        c.get("shared");
        c.put("shared", args[1].repeat(5000).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    c.getCacheManager().close();
  }
}
