package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flask-Caching's keys: defaults, the mapping, and loud refusals. */
final class CacheSettingsTest {
  @TempDir Path temp;

  @Test
  void defaultsAreFlaskCachings() {
    CacheSettings s = CacheSettings.ofDefaults("RedisCache");
    assertThat(s.defaultTimeout()).isEqualTo(Duration.ofSeconds(300));
    assertThat(s.ignoreErrors()).isFalse();
    assertThat(s.threshold()).isEqualTo(500);
    assertThat(s.keyPrefix()).isEqualTo("flask_cache_");
    assertThat(s.redisHost()).isEqualTo("localhost");
    assertThat(s.redisPort()).isEqualTo(6379);
    assertThat(CacheSettings.ofDefaults("RedisSentinelCache").redisSentinels()).containsExactly(new HostPort("127.0.0.1", 26379));
    assertThat(CacheSettings.ofDefaults("RedisSentinelCache").redisSentinelMaster()).isEqualTo("mymaster");
    assertThat(CacheSettings.ofDefaults("MemcachedCache").memcachedServers()).containsExactly(new HostPort("127.0.0.1", 11211));
    assertThat(CacheSettings.ofDefaults("FileSystemCache").directory()).isEqualTo(Path.of("_cache").toAbsolutePath());
    assertThat(CacheSettings.ofDefaults("FileSystemCache").permissions())
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void zeroTimeoutMeansNeverAndOptionsOverrideIt() {
    assertThat(CacheSettings.of("SimpleCache", Map.of("CACHE_DEFAULT_TIMEOUT", 0)).defaultTimeout()).isZero();
    assertThat(CacheSettings.of("SimpleCache",
        Map.of("CACHE_DEFAULT_TIMEOUT", 10, "CACHE_OPTIONS", Map.of("default_timeout", 20))).defaultTimeout())
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void unknownKeysAndOtherTypesKeysAreRefused() {
    assertThatThrownBy(() -> CacheSettings.of("FileSystemCache", Map.of("CACHE_DIRECTORY", "x")))
        .isInstanceOf(CacheConfigurationException.class)
        .hasMessageContaining("Unknown cache setting CACHE_DIRECTORY for FileSystemCache")
        .hasMessageContaining("CACHE_DIR");
    assertThatThrownBy(() -> CacheSettings.of("RedisCache", Map.of("CACHE_DIR", "x")))
        .hasMessageContaining("CACHE_DIR is a setting of FileSystemCache, not of RedisCache");
    assertThatThrownBy(() -> CacheSettings.of("MemcachedCache", Map.of("CACHE_MEMCACHED_USERNAME", "u")))
        .hasMessageContaining("CACHE_MEMCACHED_USERNAME is a setting of SASLMemcachedCache, SpreadSASLMemcachedCache");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_SOURCE_CHECK", true)))
        .hasMessageContaining("CACHE_SOURCE_CHECK configures Flask-Caching's decorators");
    assertThatThrownBy(() -> CacheSettings.of("FileSystemCache", Map.of("CACHE_OPTIONS", Map.of("mood", 1))))
        .hasMessageContaining("Unknown CACHE_OPTIONS entry 'mood' for FileSystemCache. Known: cool_down, default_timeout, failure_threshold, hash_method, mode, serial_filter");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_ARGS", List.of(1))))
        .hasMessageContaining("CACHE_ARGS");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_TYPE", "RedisCache")))
        .hasMessageContaining("CACHE_TYPE in the settings says RedisCache but SimpleCache was asked for");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_DEFAULT_TIMEOUT", "300")))
        .hasMessage("CACHE_DEFAULT_TIMEOUT must be a whole number but was \"300\"");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_DEFAULT_TIMEOUT", -1)))
        .hasMessageContaining("CACHE_DEFAULT_TIMEOUT must be 0 (never expire) or a number of seconds but was -1");
    assertThatThrownBy(() -> CacheSettings.of("SimpleCache", Map.of("CACHE_IGNORE_ERRORS", "yes")))
        .hasMessageContaining("CACHE_IGNORE_ERRORS must be true or false");
    assertThatThrownBy(() -> CacheSettings.of("RedisCache", Map.of("CACHE_REDIS_PORT", 70000)))
        .hasMessageContaining("CACHE_REDIS_PORT must be a port");
    assertThatThrownBy(() -> CacheSettings.of("FileSystemCache", Map.of("CACHE_OPTIONS", Map.of("mode", 648))))
        .hasMessageContaining("CACHE_OPTIONS.mode");
    assertThatThrownBy(() -> CacheSettings.of("MemcachedCache", Map.of("CACHE_MEMCACHED_SERVERS", List.of("h:x"))))
        .hasMessageContaining("CACHE_MEMCACHED_SERVERS: \"h:x\" has no valid port");
  }

  @Test
  void theModeIsReadAsChmodDigits() {
    assertThat(CacheSettings.of("FileSystemCache", Map.of("CACHE_OPTIONS", Map.of("mode", 644))).permissions())
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(CacheSettings.of("FileSystemCache", Map.of("CACHE_OPTIONS", Map.of("mode", "0640"))).permissions())
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(CacheSettings.of("FileSystemCache", Map.of("CACHE_OPTIONS", Map.of("mode", "rw-rw----"))).permissions())
        .isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
  }

  @Test
  void serverListsTakeFlasksForms() {
    assertThat(CacheSettings.of("RedisSentinelCache",
        Map.of("CACHE_REDIS_SENTINELS", List.of(List.of("10.0.0.1", 26380), "h2:26381"))).redisSentinels())
        .containsExactly(new HostPort("10.0.0.1", 26380), new HostPort("h2", 26381));
    assertThat(CacheSettings.of("RedisClusterCache", Map.of("CACHE_REDIS_CLUSTER", "a:7000, b:7001")).redisCluster())
        .containsExactly(new HostPort("a", 7000), new HostPort("b", 7001));
  }

  @Test
  void theOriginalAppsFileLoadsWithItsDirRelativeToTheFile() throws Exception {
    Path file = Files.writeString(temp.resolve("_cache_config.json"),
        "{\"FileSystemCache\": {\"DEBUG\": true, \"CACHE_TYPE\": \"FileSystemCache\", \"CACHE_DEFAULT_TIMEOUT\": 300,"
            + " \"CACHE_IGNORE_ERRORS\": false, \"CACHE_DIR\": \"_cache\", \"CACHE_THRESHOLD\": 500,"
            + " \"CACHE_OPTIONS\": {\"mode\": 644}}}");
    CacheSettings s = CacheSettings.load("filesystem", file);
    assertThat(s.type()).isEqualTo(CacheType.FILE_SYSTEM);
    assertThat(s.directory()).isEqualTo(temp.resolve("_cache").toAbsolutePath());
    assertThat(s.threshold()).isEqualTo(500);
    assertThat(s.permissions()).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    // no section for the type: the defaults, as in the original app
    assertThat(CacheSettings.load("SimpleCache", file).defaultTimeout()).isEqualTo(Duration.ofSeconds(300));
  }

  @Test
  void aBadFileIsRefusedNamingIt() throws Exception {
    Path notJson = Files.writeString(temp.resolve("a.json"), "{");
    assertThatThrownBy(() -> CacheSettings.load("SimpleCache", notJson)).hasMessageContaining("a.json is not valid JSON");
    Path unknown = Files.writeString(temp.resolve("b.json"), "{\"MongoCache\": {}}");
    assertThatThrownBy(() -> CacheSettings.load("SimpleCache", unknown))
        .hasMessageContaining("b.json").hasMessageContaining("Unknown cache type 'MongoCache'");
    Path twice = Files.writeString(temp.resolve("c.json"), "{\"SimpleCache\": {}, \"simple\": {}}");
    assertThatThrownBy(() -> CacheSettings.load("SimpleCache", twice)).hasMessageContaining("two sections for SimpleCache");
    Path badKey = Files.writeString(temp.resolve("d.json"), "{\"SimpleCache\": {\"CACHE_TRESHOLD\": 5}}");
    assertThatThrownBy(() -> CacheSettings.load("SimpleCache", badKey))
        .hasMessageContaining("d.json").hasMessageContaining("CACHE_TRESHOLD");
    assertThatThrownBy(() -> CacheSettings.load("SimpleCache", temp.resolve("none.json")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void passwordsAreNotShown() {
    assertThat(CacheSettings.of("RedisCache", Map.of("CACHE_REDIS_PASSWORD", "hunter2")).toString())
        .doesNotContain("hunter2");
  }
}
