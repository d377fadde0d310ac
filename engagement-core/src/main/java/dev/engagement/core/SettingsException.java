package dev.engagement.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when a settings file does not exist, cannot be read or a setting is invalid; the message
 * names the file and, for an invalid setting, the offending key.
 *
 * @since 0.1
 */
public class SettingsException extends EngagementException {
  private static final long serialVersionUID = 1L;

  /** The offending setting's {@code config_name}, or null if the whole file is wrong. */
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
    this("Invalid settings in " + source + (key == null ? "" : ": " + key) + ": " + reason, key, cause);
  }

  private SettingsException(String message, @Nullable String key, @Nullable Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** A settings file that is not there is missing, not invalid. */
  static SettingsException missing(String source, Throwable cause) {
    return new SettingsException(
        "Could not load the settings from " + source + ": the file does not exist", null, cause);
  }

  /**
   * Returns the offending setting's {@code config_name}, if one is to blame.
   *
   * @return the key, e.g. {@code COMPLIANCE_PARTNER_RATES}, or empty if the whole file is wrong
   *     (missing, unreadable, not JSON, not a list)
   */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
