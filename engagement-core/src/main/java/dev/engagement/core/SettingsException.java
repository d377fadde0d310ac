package dev.engagement.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a settings file cannot be read or a setting is invalid; the message names the file
 * and the offending key.
 *
 * @since 0.1
 */
public class SettingsException extends EngagementException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String key;

  /**
   * Creates the exception.
   *
   * @param source the settings file's name
   * @param key the offending setting's {@code config_name}, or null if the whole file is wrong
   * @param reason what is wrong
   * @param cause the underlying exception, or null
   */
  public SettingsException(
      String source, @Nullable String key, String reason, @Nullable Throwable cause) {
    super(
        "Invalid settings in " + source + (key == null ? "" : ": " + key) + ": " + reason, cause);
    this.key = key;
  }

  /** Returns the offending setting's {@code config_name}, if one is to blame. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
