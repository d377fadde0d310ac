package dev.engagement.examples.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engagement.core.Settings;
import dev.engagement.core.SettingsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's settings: read at start, replaced when the settings page saves (validated, then
 * written to a temporary file and moved over the settings file), and read again when the file
 * changes on disk (several servers may share one settings file). Each batch takes the settings
 * current when it starts.
 *
 * <p>Which settings a server without {@code --settings} uses: {@code user-config.json} of its
 * working folder if there is one; else the library's defaults ({@link Settings#ofDefaults()}, which
 * hold no firm's partners or rates: a fee paragraph is then left as it is and its result says so),
 * until the settings page is saved; with {@code --example-settings}, the example firm's ({@link
 * Settings#example()}). Every page and the log say which.
 *
 * <p>Thread-safe.
 */
final class SettingsStore {
  private static final Logger logger = LoggerFactory.getLogger(SettingsStore.class);

  /** The per-client upload limits (0: off), shown and saved with the other settings. */
  static final String DAILY_LIMIT = "DAILY_LIMIT";

  static final String HOURLY_LIMIT = "HOURLY_LIMIT";

  /**
   * The Redis of {@code CACHE_TYPE} RedisCache (Flask-Caching's key; empty: none), shown and saved
   * with the other settings. Read when the server starts, it also carries the events of several
   * instances.
   */
  static final String CACHE_REDIS_URL = "CACHE_REDIS_URL";

  /** Where the settings came from. */
  enum Origin {
    /** A settings file. */
    FILE,
    /** No settings file yet: the library's defaults, without any firm's rates. */
    NO_FILE,
    /** The example firm's settings. */
    EXAMPLE
  }

  private final Path file;
  private volatile Settings current;
  private volatile Origin origin;

  /** The settings file's modification time when it was last read or written here; null: absent. */
  private volatile @Nullable FileTime seen;

  private SettingsStore(Path file, Settings current, Origin origin) {
    this.file = file;
    this.current = current;
    this.origin = origin;
    this.seen = modified(file);
  }

  private static @Nullable FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Opens the settings of a configuration.
   *
   * @throws SettingsException if the named settings file is missing or invalid
   */
  static SettingsStore open(WebConfig config) {
    Path named = config.settingsFile();
    if (named != null) {
      // always read by its absolute path: the path is the settings' source, part of rollover's cache keys
      Path file = named.toAbsolutePath();
      return new SettingsStore(file, withServerSettings(Settings.load(file)), Origin.FILE);
    }
    Path file = config.workingFolder().resolve("user-config.json");
    if (!config.exampleSettings() && Files.isRegularFile(file)) {
      return new SettingsStore(file, withServerSettings(Settings.load(file)), Origin.FILE);
    }
    if (config.exampleSettings()) {
      logger.warn(
          "Using the EXAMPLE settings (a fictional firm's partners and rates): letters rolled now get"
              + " the example fees. Save the settings page to use your own; they will be written to {}",
          file);
      return new SettingsStore(file, withServerSettings(Settings.example()), Origin.EXAMPLE);
    }
    logger.warn(
        "No settings file ({} does not exist): fee paragraphs are left as they are until the firm's"
            + " rates are saved on the settings page",
        file);
    return new SettingsStore(file, withServerSettings(Settings.ofDefaults()), Origin.NO_FILE);
  }

  /** Adds the web app's own settings that a file lacks, with their defaults (off). */
  private static Settings withServerSettings(Settings s) {
    Settings out = s;
    if (out.find(DAILY_LIMIT).isEmpty()) {
      out = out.with(DAILY_LIMIT, 0);
    }
    if (out.find(HOURLY_LIMIT).isEmpty()) {
      out = out.with(HOURLY_LIMIT, 0);
    }
    if (out.find(CACHE_REDIS_URL).isEmpty()) {
      out = out.with(CACHE_REDIS_URL, "");
    }
    return out;
  }

  /**
   * Returns the settings to use now. When the settings file changed on disk since it was last
   * read or written here (another server sharing the file saved its settings page, or someone
   * edited it), it is read again first; a file that cannot be read then is logged and the
   * settings in use are kept.
   */
  Settings current() {
    FileTime now = modified(file);
    if (now != null && !now.equals(seen)) {
      reload(now);
    }
    return current;
  }

  private synchronized void reload(FileTime now) {
    if (now.equals(seen)) {
      return;
    }
    seen = now;
    try {
      current = withServerSettings(Settings.load(file));
      origin = Origin.FILE;
      logger.info("Settings read again from {}: the file changed", file);
    } catch (SettingsException e) {
      logger.warn("The settings file changed but cannot be used; keeping the settings in use: {}", e.getMessage());
    }
  }

  Origin origin() {
    return origin;
  }

  Path file() {
    return file;
  }

  /** Returns the folder beside the settings file (the cache lives there). */
  Path folder() {
    return file.toAbsolutePath().getParent();
  }

  /** Returns a per-client limit, 0 when off. */
  long limit(String key) {
    return current().number(key).map(Number::longValue).orElse(0L);
  }

  /**
   * Validates settings sent by the settings page and saves them.
   *
   * @param json the JSON list of settings
   * @param extraCheck further checks (the cache type), throwing a {@link SettingsException}
   * @return the new settings
   * @throws SettingsException naming the field when a setting is invalid
   * @throws UncheckedIOException if the file cannot be written
   */
  synchronized Settings save(String json, java.util.function.Consumer<Settings> extraCheck) {
    Settings parsed = Settings.parse(json, "the settings form");
    for (String key : List.of(DAILY_LIMIT, HOURLY_LIMIT)) {
      parsed.find(key).ifPresent(s -> {
        if (!(s.value() instanceof Number) || ((Number) s.value()).longValue() < 0) {
          throw new SettingsException("the settings form", key, "must be a whole number, 0 (off) or more", null);
        }
      });
    }
    parsed.find(CACHE_REDIS_URL).ifPresent(u -> {
      if (!(u.value() instanceof String url)) {
        throw new SettingsException("the settings form", CACHE_REDIS_URL, "must be a string (a redis:// URL, or empty)", null);
      }
      if (!url.isBlank()) {
        try {
          RedisUrls.check(url, "it");
        } catch (IllegalArgumentException e) {
          throw new SettingsException("the settings form", CACHE_REDIS_URL, e.getMessage().substring("it ".length()), e);
        }
      }
    });
    if (parsed.find(Settings.PROCESSED_FILES_DIRECTORY).isEmpty()
        && current.find(Settings.PROCESSED_FILES_DIRECTORY).isPresent()) {
      throw new SettingsException(
          "the settings form", Settings.PROCESSED_FILES_DIRECTORY, "is missing: every setting must be sent", null);
    }
    extraCheck.accept(parsed);
    write(json);
    Settings saved = withServerSettings(Settings.load(file));
    current = saved;
    origin = Origin.FILE;
    seen = modified(file);
    logger.info("Settings saved to {}", file);
    return saved;
  }

  private void write(String json) {
    try {
      JsonNode tree = WebJson.MAPPER.readTree(json);
      byte[] bytes =
          (WebJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n")
              .getBytes(StandardCharsets.UTF_8);
      Path dir = folder();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".~user-config-", ".json");
      try {
        Files.write(temp, bytes);
        try {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (JsonProcessingException e) {
      throw new SettingsException("the settings form", null, "it is not valid JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the settings file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Returns the settings file's name for pages, or null when there is none yet. */
  @Nullable String fileName() {
    return origin == Origin.FILE ? file.getFileName().toString() : null;
  }
}
