package dev.engagement.examples.web;

import static java.util.Objects.requireNonNull;

import dev.engagement.events.CsrfTokens;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link WebServer} runs: where it listens, which settings file it edits, where signatures
 * are read from, the CSRF tokens, the upload limits and the Redis that several instances share.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebConfig {
  /** The default most files in one upload. */
  public static final int DEFAULT_MAX_FILES = 500;

  /** The default largest file of an upload: 50 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;

  /** The default largest upload: 500 MiB. */
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 500L * 1024 * 1024;

  private final String host;
  private final int port;
  private final @Nullable Path settingsFile;
  private final boolean exampleSettings;
  private final Path workingFolder;
  private final @Nullable Path signatures;
  private final CsrfTokens csrf;
  private final int maxFiles;
  private final long maxFileBytes;
  private final long maxUploadBytes;
  private final @Nullable Integer threads;
  private final @Nullable String redisUrl;

  private WebConfig(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.settingsFile = b.settingsFile;
    this.exampleSettings = b.exampleSettings;
    this.workingFolder = b.workingFolder;
    this.signatures = b.signatures;
    this.csrf = requireNonNull(b.csrf, "csrf (CsrfTokens) must be set");
    this.maxFiles = b.maxFiles;
    this.maxFileBytes = b.maxFileBytes;
    this.maxUploadBytes = b.maxUploadBytes;
    this.threads = b.threads;
    this.redisUrl = b.redisUrl;
    if (settingsFile != null && exampleSettings) {
      throw new IllegalArgumentException("a settings file and the example settings exclude each other");
    }
  }

  /**
   * Returns a new builder.
   *
   * @param csrf the CSRF tokens (signed with the application's {@code SECRET_KEY})
   * @return the builder
   */
  public static Builder builder(CsrfTokens csrf) {
    Builder b = new Builder();
    b.csrf = requireNonNull(csrf, "csrf");
    return b;
  }

  /** Returns the address to bind, {@code 127.0.0.1} by default. */
  public String host() {
    return host;
  }

  /** Returns the port, 5000 by default (0: a free one). */
  public int port() {
    return port;
  }

  /** Returns the settings file, or null to use {@code user-config.json} of the working folder. */
  public @Nullable Path settingsFile() {
    return settingsFile;
  }

  /** Returns whether the example firm's settings are used until the settings page is saved. */
  public boolean exampleSettings() {
    return exampleSettings;
  }

  /** Returns the folder a settings file is looked for (and saved) in when none is named. */
  public Path workingFolder() {
    return workingFolder;
  }

  /**
   * Returns the folder of partners' signature files, used when none are uploaded, or null for
   * {@code images/signatures} beside the settings file (the original app's folder).
   */
  public @Nullable Path signatures() {
    return signatures;
  }

  /** Returns the CSRF tokens. */
  public CsrfTokens csrf() {
    return csrf;
  }

  /** Returns the most files in one upload. */
  public int maxFiles() {
    return maxFiles;
  }

  /** Returns the largest file of an upload, in bytes. */
  public long maxFileBytes() {
    return maxFileBytes;
  }

  /** Returns the largest upload, in bytes. */
  public long maxUploadBytes() {
    return maxUploadBytes;
  }

  /** Returns the worker threads of each batch, or null for the number of processors. */
  public @Nullable Integer threads() {
    return threads;
  }

  /**
   * Returns the Redis that several instances share (events through its pub/sub, the result cache
   * on it), or null to take it from the settings ({@code CACHE_TYPE} RedisCache with a {@code
   * CACHE_REDIS_URL}) or run alone.
   */
  public @Nullable String redisUrl() {
    return redisUrl;
  }

  /** Builds a {@link WebConfig}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 5000;
    private @Nullable Path settingsFile;
    private boolean exampleSettings;
    private Path workingFolder = Path.of("").toAbsolutePath();
    private @Nullable Path signatures;
    private @Nullable CsrfTokens csrf;
    private int maxFiles = DEFAULT_MAX_FILES;
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
    private @Nullable Integer threads;
    private @Nullable String redisUrl;

    private Builder() {}

    /**
     * Sets the address to bind.
     *
     * @param host an address or host name
     * @return this builder
     */
    public Builder host(String host) {
      this.host = requireNonNull(host, "host");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port 0 to 65535 (0: a free one)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets the settings file the server reads and the settings page saves.
     *
     * @param settingsFile a {@code user-config.json}, or null
     * @return this builder
     */
    public Builder settingsFile(@Nullable Path settingsFile) {
      this.settingsFile = settingsFile;
      return this;
    }

    /**
     * Uses the example firm's settings (partners and rates of a fictional firm) until the settings
     * page is saved; every page says so.
     *
     * @param exampleSettings whether to
     * @return this builder
     */
    public Builder exampleSettings(boolean exampleSettings) {
      this.exampleSettings = exampleSettings;
      return this;
    }

    /**
     * Sets the folder where {@code user-config.json} is looked for and saved when no settings
     * file is named (the current folder by default).
     *
     * @param workingFolder the folder
     * @return this builder
     */
    public Builder workingFolder(Path workingFolder) {
      this.workingFolder = requireNonNull(workingFolder, "workingFolder").toAbsolutePath();
      return this;
    }

    /**
     * Sets the folder of signature files ({@code images/signatures} beside the settings file by
     * default, the original app's).
     *
     * @param signatures the folder
     * @return this builder
     */
    public Builder signatures(@Nullable Path signatures) {
      this.signatures = signatures;
      return this;
    }

    /**
     * Sets the most files in one upload.
     *
     * @param maxFiles at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxFiles(int maxFiles) {
      if (maxFiles < 1) {
        throw new IllegalArgumentException("maxFiles must be >= 1 but was " + maxFiles);
      }
      this.maxFiles = maxFiles;
      return this;
    }

    /**
     * Sets the largest file of an upload.
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxFileBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxFileBytes must be >= 1 but was " + bytes);
      }
      this.maxFileBytes = bytes;
      return this;
    }

    /**
     * Sets the largest upload (all files together).
     *
     * @param bytes at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxUploadBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxUploadBytes must be >= 1 but was " + bytes);
      }
      this.maxUploadBytes = bytes;
      return this;
    }

    /**
     * Sets the worker threads of each batch.
     *
     * @param threads at least 1, or null for the number of processors
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder threads(@Nullable Integer threads) {
      if (threads != null && threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the Redis that several instances behind one load balancer share: a batch's events reach
     * a page connected to any of them (Redis pub/sub), and the result cache is RedisCache on it,
     * whatever the settings' {@code CACHE_TYPE} says.
     *
     * @param redisUrl {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://}, or
     *     null to take it from the settings
     * @return this builder
     * @throws IllegalArgumentException if it is not such a URL
     */
    public Builder redisUrl(@Nullable String redisUrl) {
      if (redisUrl != null) {
        RedisUrls.check(redisUrl, "the Redis URL");
      }
      this.redisUrl = redisUrl;
      return this;
    }

    /**
     * Returns the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a settings file and the example settings are both set
     */
    public WebConfig build() {
      return new WebConfig(this);
    }
  }
}
