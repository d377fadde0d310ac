package dev.engagement.cache.internal.filesystem;

import dev.engagement.cache.internal.jcache.Store;
import dev.engagement.cache.internal.jcache.StoreCache;
import dev.engagement.cache.internal.jcache.StoreCacheManager;
import dev.engagement.cache.internal.jcache.StoreCachingProvider;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.CacheException;
import javax.cache.configuration.Configuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FileSystemCache's JCache provider. A cache lives in the folder its {@link
 * FileSystemCacheConfiguration} names (kept when the JVM ends), else in a folder named after the
 * cache under its manager's root: the folder of a {@code file:} manager URI (kept), or a
 * temporary folder made for the manager and deleted when it closes.
 *
 * <p>Keys and values of any {@code Serializable} type may be stored. Values read back go through
 * a {@link dev.engagement.cache.internal.jcache.SerialFilter}: strings, boxed primitives, dates,
 * {@code java.time} values and the JDK's collections are read by default; other classes must be
 * allowed with the property {@value dev.engagement.cache.internal.jcache.SerialFilter#PROPERTY}
 * (of the cache manager, or of the system) or {@link
 * FileSystemCacheConfiguration#setSerialFilter}, in {@link
 * java.io.ObjectInputFilter.Config#createFilter} syntax ({@code com.example.Dto;com.example.model.*}).
 *
 * <p>Thread-safe.
 */
public final class FileSystemCachingProvider extends StoreCachingProvider {
  private static final Logger logger = LoggerFactory.getLogger(FileSystemCachingProvider.class);

  private final Map<Store, StoreCache<?, ?>> owners = new ConcurrentHashMap<>();

  /** Creates the provider (JCache loads it by class name). */
  public FileSystemCachingProvider() {}

  @Override
  protected @Nullable AutoCloseable openManagerResources(StoreCacheManager manager) {
    return new Root(manager.getURI());
  }

  @Override
  protected Store openStore(StoreCacheManager manager, String cacheName, Configuration<?, ?> configuration) {
    Path dir = null;
    int threshold = 0;
    String hash = "sha256";
    FileSystemCacheConfiguration<?, ?> fs = null;
    Clock clock = Clock.systemUTC();
    if (configuration instanceof FileSystemCacheConfiguration<?, ?> f) {
      if (f.getClock() != null) {
        clock = f.getClock();
      }
      fs = f;
      dir = f.getDirectory();
      threshold = f.getThreshold();
      hash = f.getHashMethod();
    }
    boolean managed = dir == null;
    if (dir == null) {
      Root root = (Root) manager.resources();
      if (root == null) {
        throw new IllegalStateException("a FileSystemCache manager without a root");
      }
      dir = root.path().resolve(folderName(cacheName));
    }
    FileStore[] self = new FileStore[1];
    FileStore store =
        new FileStore(
            dir,
            threshold,
            fs == null ? null : fs.getPermissions(),
            hash,
            managed,
            n -> {
              StoreCache<?, ?> c = owners.get(self[0]);
              if (c != null) {
                c.evicted(n);
              }
            },
            clock);
    self[0] = store;
    logger.debug("FileSystemCache: cache {} in {}", cacheName, dir);
    return new OwnedStore(store);
  }

  @Override
  protected void created(StoreCache<?, ?> cache, Configuration<?, ?> configuration) {
    if (cache.store() instanceof OwnedStore o) {
      owners.put(o.delegate, cache);
    }
  }

  private static String folderName(String cacheName) {
    String s = URLEncoder.encode(cacheName, StandardCharsets.UTF_8).replace("*", "%2A");
    return s.equals(".") || s.equals("..") || s.isEmpty() ? "%2E" + s : s;
  }

  /** Forgets its cache when closed, so that the provider holds no closed cache. */
  private final class OwnedStore implements Store {
    final FileStore delegate;

    OwnedStore(FileStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public @Nullable Record get(byte[] key) {
      return delegate.get(key);
    }

    @Override
    public void put(byte[] key, byte[] value, long expiresAt) {
      delegate.put(key, value, expiresAt);
    }

    @Override
    public void touch(byte[] key, long expiresAt) {
      delegate.touch(key, expiresAt);
    }

    @Override
    public boolean remove(byte[] key) {
      return delegate.remove(key);
    }

    @Override
    public java.util.Iterator<byte[]> keys() {
      return delegate.keys();
    }

    @Override
    public void clear() {
      delegate.clear();
    }

    @Override
    public void destroy() {
      delegate.destroy();
    }

    @Override
    public void close() {
      owners.remove(delegate);
      delegate.close();
    }

    @Override
    public String toString() {
      return delegate.toString();
    }
  }

  /** Temporary roots of managers not closed yet: deleted when the JVM ends, if still there. */
  private static final java.util.Set<Root> TEMPORARY_ROOTS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Root r : TEMPORARY_ROOTS) {
                    try {
                      r.close();
                    } catch (IOException | RuntimeException e) {
                      // the JVM is ending: nothing more to do
                    }
                  }
                },
                "engagement-jcache-cleanup"));
  }

  /** The root folder of a manager: the folder of a file: URI, or a temporary one. */
  private static final class Root implements AutoCloseable {
    private final URI uri;
    private @Nullable Path path;
    private boolean temporary;

    Root(URI uri) {
      this.uri = uri;
    }

    synchronized Path path() {
      if (path == null) {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
          path = Path.of(uri);
        } else {
          try {
            path = Files.createTempDirectory("engagement-jcache-");
            temporary = true;
            TEMPORARY_ROOTS.add(this);
          } catch (IOException e) {
            throw new CacheException("FileSystemCache cannot create a temporary folder: " + e, e);
          }
        }
      }
      return path;
    }

    @Override
    public synchronized void close() throws IOException {
      if (temporary && path != null) {
        Files.walkFileTree(
            path,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
              }
            });
        path = null;
        TEMPORARY_ROOTS.remove(this);
      }
    }
  }
}
