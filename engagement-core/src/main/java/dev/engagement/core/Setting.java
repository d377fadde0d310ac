package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code user-config.json}: {@code {id, name, config_name, description, type,
 * value}}. The value is a {@link String} (type {@code string}), a {@link Number} ({@code number})
 * or a {@link java.util.List} of maps, lists and scalars ({@code list}), all immutable.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the entry's id, e.g. {@code PEL.ProcessedDirectory}
 * @param name its display name
 * @param configName its key, e.g. {@code PROCESSED_FILES_DIRECTORY}
 * @param description its help text
 * @param type {@code string}, {@code number} or {@code list}
 * @param value its value
 * @since 0.1
 */
public record Setting(
    @Nullable String id,
    @Nullable String name,
    String configName,
    @Nullable String description,
    String type,
    Object value) {
  /**
   * Checks the required fields. {@link Settings} validates the rest (type and value agree, known
   * keys hold what the jobs expect) when it reads a file.
   *
   * @param id the entry's id, or null
   * @param name its display name, or null
   * @param configName its key
   * @param description its help text, or null
   * @param type {@code string}, {@code number} or {@code list}
   * @param value its value
   */
  public Setting {
    requireNonNull(configName, "configName");
    requireNonNull(type, "type");
    requireNonNull(value, "value");
  }
}
