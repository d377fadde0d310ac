package dev.engagement.cache.internal.filesystem;

import dev.engagement.cache.internal.jcache.SerialFilter;
import dev.engagement.cache.internal.jcache.StoreCacheSettings;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.Set;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A JCache configuration with FileSystemCache's settings: the folder (else one under the
 * manager's root), the threshold (0 = unlimited), the files' permissions, the hash of file
 * names, the patterns that widen what Java serialisation may read back, and the clock expiry
 * reads (not serialised with the configuration). Not thread-safe (like {@link
 * MutableConfiguration}).
 */
public final class FileSystemCacheConfiguration<K, V> extends MutableConfiguration<K, V>
    implements StoreCacheSettings {
  private static final long serialVersionUID = 1L;

  private @Nullable String directory;
  private int threshold;
  private @Nullable Set<PosixFilePermission> permissions;
  private String hashMethod = "sha256";
  private @Nullable String serialFilter;
  private transient @Nullable Clock clock;

  /** Returns a configuration with JCache's defaults, no folder, no threshold. */
  public FileSystemCacheConfiguration() {}

  /** Returns a copy of a configuration (with FileSystemCache's settings if it has them). */
  public FileSystemCacheConfiguration(CompleteConfiguration<K, V> other) {
    super(other);
    if (other instanceof FileSystemCacheConfiguration<K, V> f) {
      this.directory = f.directory;
      this.threshold = f.threshold;
      this.permissions = f.permissions;
      this.hashMethod = f.hashMethod;
      this.serialFilter = f.serialFilter;
      this.clock = f.clock;
    }
  }

  public @Nullable Path getDirectory() {
    return directory == null ? null : Path.of(directory);
  }

  public FileSystemCacheConfiguration<K, V> setDirectory(@Nullable Path directory) {
    this.directory = directory == null ? null : directory.toAbsolutePath().toString();
    return this;
  }

  public int getThreshold() {
    return threshold;
  }

  public FileSystemCacheConfiguration<K, V> setThreshold(int threshold) {
    if (threshold < 0) {
      throw new IllegalArgumentException("threshold must be >= 0 but was " + threshold);
    }
    this.threshold = threshold;
    return this;
  }

  public @Nullable Set<PosixFilePermission> getPermissions() {
    return permissions;
  }

  public FileSystemCacheConfiguration<K, V> setPermissions(@Nullable Set<PosixFilePermission> permissions) {
    this.permissions = permissions == null ? null : Set.copyOf(permissions);
    return this;
  }

  public String getHashMethod() {
    return hashMethod;
  }

  public FileSystemCacheConfiguration<K, V> setHashMethod(String hashMethod) {
    FileStore.digest(hashMethod); // fails fast on an unknown name
    this.hashMethod = hashMethod;
    return this;
  }

  @Override
  public @Nullable String getSerialFilter() {
    return serialFilter;
  }

  /**
   * Sets the patterns that widen the classes Java serialisation may read back ({@link
   * java.io.ObjectInputFilter.Config#createFilter} syntax), or null for the default list.
   */
  public FileSystemCacheConfiguration<K, V> setSerialFilter(@Nullable String patterns) {
    SerialFilter.of(java.util.Arrays.asList(patterns)); // fails fast on a bad pattern
    this.serialFilter = patterns;
    return this;
  }

  @Override
  public @Nullable Clock getClock() {
    return clock;
  }

  /** Sets the clock expiry times are read from (tests), or null for the system clock. */
  public FileSystemCacheConfiguration<K, V> setClock(@Nullable Clock clock) {
    this.clock = clock;
    return this;
  }
}
