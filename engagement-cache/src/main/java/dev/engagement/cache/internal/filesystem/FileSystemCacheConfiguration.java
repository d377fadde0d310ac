package dev.engagement.cache.internal.filesystem;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A JCache configuration with FileSystemCache's settings: the folder (else one under the
 * manager's root), the threshold (0 = unlimited), the files' permissions and the hash of file
 * names. Not thread-safe (like {@link MutableConfiguration}).
 */
public final class FileSystemCacheConfiguration<K, V> extends MutableConfiguration<K, V> {
  private static final long serialVersionUID = 1L;

  private @Nullable String directory;
  private int threshold;
  private @Nullable Set<PosixFilePermission> permissions;
  private String hashMethod = "sha256";

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
}
