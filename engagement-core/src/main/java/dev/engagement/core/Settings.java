package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the original app's {@code user-config.json}: a JSON list of {@code {id, name,
 * config_name, description, type, value}} entries with types {@code string}, {@code number} and
 * {@code list}, with typed getters for the keys the jobs use. Unknown keys are kept as they are.
 *
 * <p>Loading validates every entry and names the offending key in the {@link SettingsException}.
 * A missing rate is not an error: a fee paragraph whose rates are missing is left as it is, and
 * the result says so. A blank string or an empty list counts as missing.
 *
 * <p>The built-in defaults ({@link #ofDefaults()}) hold no firm's data: folders and the cache type
 * only, no partners and no rates, so that no letter gets another firm's rates by accident. The
 * example firm of the examples and demos is {@link #example()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Settings {
  /** Where rolled letters go ({@code temp/complete} by default). */
  public static final String PROCESSED_FILES_DIRECTORY = "PROCESSED_FILES_DIRECTORY";

  /** Where PDFs go ({@code temp/pdf}). */
  public static final String PDF_FILES_DIRECTORY = "PDF_FILES_DIRECTORY";

  /** Where signed PDFs go ({@code temp/signatures}). */
  public static final String PDF_SIGNATURES_DIRECTORY = "PDF_SIGNATURES_DIRECTORY";

  /** The cache type name ({@code FileSystemCache}). */
  public static final String CACHE_TYPE = "CACHE_TYPE";

  /** Partners' compliance rates: a list of {@code {name, rate}}. */
  public static final String COMPLIANCE_PARTNER_RATES = "COMPLIANCE_PARTNER_RATES";

  /** The compliance associate range, e.g. {@code $150-195}. */
  public static final String COMPLIANCE_ASSOCIATE_RATES = "COMPLIANCE_ASSOCIATE_RATES";

  /** The compliance bookkeeping range, e.g. {@code $65-75}. */
  public static final String COMPLIANCE_BOOKKEEPING_RATES = "COMPLIANCE_BOOKKEEPING_RATES";

  /** Partners' consulting rates: a list of {@code {name, rate}}. */
  public static final String CONSULTING_PARTNER_RATES = "CONSULTING_PARTNER_RATES";

  /** The consulting associate range. */
  public static final String CONSULTING_ASSOCIATE_RATES = "CONSULTING_ASSOCIATE_RATES";

  private static final String DEFAULTS_RESOURCE = "user-config.json";
  private static final String EXAMPLE_RESOURCE = "example-user-config.json";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  private static final Set<String> TYPES = Set.of("string", "number", "list");
  private static final Set<String> DIRECTORY_KEYS =
      Set.of(PROCESSED_FILES_DIRECTORY, PDF_FILES_DIRECTORY, PDF_SIGNATURES_DIRECTORY);
  private static final Set<String> RATE_LIST_KEYS =
      Set.of(COMPLIANCE_PARTNER_RATES, CONSULTING_PARTNER_RATES);
  private static final Set<String> RATE_STRING_KEYS =
      Set.of(COMPLIANCE_ASSOCIATE_RATES, COMPLIANCE_BOOKKEEPING_RATES, CONSULTING_ASSOCIATE_RATES);

  private final String source;
  private final List<Setting> entries;
  private final Map<String, Setting> byKey;

  private Settings(String source, List<Setting> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
    Map<String, Setting> map = new LinkedHashMap<>();
    for (Setting s : this.entries) {
      map.put(s.configName(), s);
    }
    this.byKey = Collections.unmodifiableMap(map);
  }

  /**
   * Returns the built-in defaults: the folders under {@code temp/} ({@code temp/complete}, {@code
   * temp/pdf}, {@code temp/signatures}) and the cache type {@code FileSystemCache}, with no firm's
   * data: the partner and rate entries are there but empty. Rolled with these, fee sentences are
   * left as they are and each result says why. Load your firm's {@code user-config.json} with
   * {@link #load(Path)}, or use {@link #example()} for a demo.
   *
   * @return the defaults (the same instance on every call)
   */
  public static Settings ofDefaults() {
    return BuiltIn.DEFAULTS;
  }

  /**
   * Returns the example firm's settings, for demos and tests: the defaults plus partners Mike
   * Taylor and Bob Maurer at compliance $275 (associates $150-195, bookkeeping $65-75) and
   * consulting $295 (associates $150-195). These are the partners of the example letters and
   * signatures that ship with the examples; never roll a real firm's letters with them.
   *
   * @return the example settings (the same instance on every call)
   */
  public static Settings example() {
    return BuiltIn.EXAMPLE;
  }

  /** The built-in settings, read once on first use. */
  private static final class BuiltIn {
    static final Settings DEFAULTS = resource(DEFAULTS_RESOURCE, "built-in defaults");
    static final Settings EXAMPLE = resource(EXAMPLE_RESOURCE, "built-in example settings");

    private static Settings resource(String resource, String sourceName) {
      try (InputStream in = Settings.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("the " + sourceName + " (" + resource + ") are missing");
        }
        return read(in, sourceName);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Loads a settings file.
   *
   * @param file the {@code user-config.json}
   * @return the settings
   * @throws SettingsException if it does not exist ("Settings file ... not found: the file does
   *     not exist"), cannot be read or is invalid ("Invalid settings in ...")
   */
  public static Settings load(Path file) {
    requireNonNull(file, "file");
    String name = file.toString();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw SettingsException.missing(name, e);
    } catch (IOException e) {
      throw new SettingsException(name, null, "the file cannot be read (" + e + ")", e);
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), name);
  }

  /**
   * Reads settings from a stream (not closed).
   *
   * @param in the stream, UTF-8, read to its end
   * @param sourceName the name to use in messages, e.g. the file's name
   * @return the settings
   * @throws SettingsException if they cannot be read or are invalid
   */
  public static Settings read(InputStream in, String sourceName) {
    try {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), sourceName);
    } catch (IOException e) {
      throw new SettingsException(sourceName, null, "it cannot be read (" + e + ")", e);
    }
  }

  /**
   * Parses settings from JSON text.
   *
   * @param json the text of a {@code user-config.json} (a leading byte order mark is ignored)
   * @param sourceName the name to use in messages, e.g. the file's name
   * @return the settings
   * @throws SettingsException if the text is not valid JSON, not a list of settings, or a
   *     setting is invalid (the message names its {@code config_name})
   */
  public static Settings parse(String json, String sourceName) {
    requireNonNull(json, "json");
    requireNonNull(sourceName, "sourceName");
    String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      String where =
          loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
      String what = e instanceof JsonParseException ? e.getOriginalMessage() : e.getMessage();
      throw new SettingsException(sourceName, null, "it is not valid JSON" + where + ": " + what, e);
    }
    if (root == null || !root.isArray()) {
      throw new SettingsException(
          sourceName, null, "expected a JSON list of settings ([{\"config_name\": ...}, ...])", null);
    }
    List<Setting> list = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode node : root) {
      i++;
      Setting s = entry(sourceName, i, node);
      if (!seen.add(s.configName())) {
        throw new SettingsException(sourceName, s.configName(), "the key appears twice", null);
      }
      list.add(s);
    }
    return new Settings(sourceName, list);
  }

  /**
   * Returns the entries, in file order.
   *
   * @return the entries (an immutable list)
   */
  public List<Setting> entries() {
    return entries;
  }

  /**
   * Returns an entry by its {@code config_name}.
   *
   * @param configName the key, e.g. {@link #PDF_FILES_DIRECTORY}
   * @return the entry, or empty if there is none
   */
  public Optional<Setting> find(String configName) {
    return Optional.ofNullable(byKey.get(configName));
  }

  /**
   * Returns where these settings were read from, for messages.
   *
   * @return the file or source name given when they were read, e.g. {@code user-config.json} or
   *     {@code built-in defaults}
   */
  public String source() {
    return source;
  }

  /**
   * Returns settings with one value set (added as a new entry if the key is new); these
   * settings are unchanged.
   *
   * @param configName the key, e.g. {@link #COMPLIANCE_ASSOCIATE_RATES}
   * @param value a String, Number, or List of {@code Map<String, ?>}/scalars
   * @return the new settings
   * @throws SettingsException if the value does not suit the key
   */
  public Settings with(String configName, Object value) {
    requireNonNull(configName, "configName");
    requireNonNull(value, "value");
    JsonNode node = MAPPER.valueToTree(value);
    String type = node.isArray() ? "list" : node.isNumber() ? "number" : "string";
    List<Setting> list = new ArrayList<>(entries);
    boolean replaced = false;
    for (int i = 0; i < list.size(); i++) {
      Setting old = list.get(i);
      if (old.configName().equals(configName)) {
        ObjectNode o = MAPPER.createObjectNode();
        putIfNotNull(o, "id", old.id());
        putIfNotNull(o, "name", old.name());
        o.put("config_name", configName);
        putIfNotNull(o, "description", old.description());
        o.put("type", old.type());
        o.set("value", node);
        list.set(i, entry(source, i + 1, o));
        replaced = true;
      }
    }
    if (!replaced) {
      ObjectNode o = MAPPER.createObjectNode();
      o.put("config_name", configName);
      o.put("type", type);
      o.set("value", node);
      list.add(entry(source, list.size() + 1, o));
    }
    return new Settings(source, list);
  }

  /**
   * Returns the folder for rolled letters ({@link #PROCESSED_FILES_DIRECTORY}).
   *
   * @return the folder as written in the settings, {@code temp/complete} if not set
   */
  public String processedDirectory() {
    return string(PROCESSED_FILES_DIRECTORY).orElse("temp/complete");
  }

  /**
   * Returns the folder for PDFs ({@link #PDF_FILES_DIRECTORY}).
   *
   * @return the folder as written in the settings, {@code temp/pdf} if not set
   */
  public String pdfDirectory() {
    return string(PDF_FILES_DIRECTORY).orElse("temp/pdf");
  }

  /**
   * Returns the folder for signed PDFs ({@link #PDF_SIGNATURES_DIRECTORY}).
   *
   * @return the folder as written in the settings, {@code temp/signatures} if not set
   */
  public String signaturesDirectory() {
    return string(PDF_SIGNATURES_DIRECTORY).orElse("temp/signatures");
  }

  /**
   * Returns the cache type name ({@link #CACHE_TYPE}), one of the original app's names that
   * {@code engagement-cache} understands.
   *
   * @return the name, {@code FileSystemCache} if not set
   */
  public String cacheType() {
    return string(CACHE_TYPE).orElse("FileSystemCache");
  }

  /**
   * Returns the partners' compliance rates ({@link #COMPLIANCE_PARTNER_RATES}).
   *
   * @return the rates in settings order, empty if not set
   */
  public List<PartnerRate> compliancePartnerRates() {
    return partnerRates(COMPLIANCE_PARTNER_RATES);
  }

  /**
   * Returns the compliance associate range ({@link #COMPLIANCE_ASSOCIATE_RATES}).
   *
   * @return the range as letters write it, e.g. {@code $150-195}, or empty if not set
   */
  public Optional<String> complianceAssociateRates() {
    return string(COMPLIANCE_ASSOCIATE_RATES);
  }

  /**
   * Returns the compliance bookkeeping range ({@link #COMPLIANCE_BOOKKEEPING_RATES}).
   *
   * @return the range as letters write it, e.g. {@code $65-75}, or empty if not set
   */
  public Optional<String> complianceBookkeepingRates() {
    return string(COMPLIANCE_BOOKKEEPING_RATES);
  }

  /**
   * Returns the partners' consulting rates ({@link #CONSULTING_PARTNER_RATES}).
   *
   * @return the rates in settings order, empty if not set
   */
  public List<PartnerRate> consultingPartnerRates() {
    return partnerRates(CONSULTING_PARTNER_RATES);
  }

  /**
   * Returns the consulting associate range ({@link #CONSULTING_ASSOCIATE_RATES}).
   *
   * @return the range as letters write it, e.g. {@code $150-195}, or empty if not set
   */
  public Optional<String> consultingAssociateRates() {
    return string(CONSULTING_ASSOCIATE_RATES);
  }

  /**
   * Returns a string setting, if set and not blank.
   *
   * @param configName the key
   * @return the value, or empty if the key is missing, blank or not of type {@code string}
   */
  public Optional<String> string(String configName) {
    Setting s = byKey.get(configName);
    if (s == null || !(s.value() instanceof String) || ((String) s.value()).isBlank()) {
      return Optional.empty();
    }
    return Optional.of((String) s.value());
  }

  /**
   * Returns a number setting, if set.
   *
   * @param configName the key
   * @return the value (a {@link Long} or a {@link Double}), or empty if the key is missing or not
   *     of type {@code number}
   */
  public Optional<Number> number(String configName) {
    Setting s = byKey.get(configName);
    return s != null && s.value() instanceof Number ? Optional.of((Number) s.value()) : Optional.empty();
  }

  private List<PartnerRate> partnerRates(String key) {
    Setting s = byKey.get(key);
    if (s == null || !(s.value() instanceof List)) {
      return List.of();
    }
    List<PartnerRate> out = new ArrayList<>();
    for (Object o : (List<?>) s.value()) {
      Map<?, ?> m = (Map<?, ?>) o;
      out.add(new PartnerRate((String) m.get("name"), (String) m.get("rate")));
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "Settings{" + source + ", " + byKey.keySet() + "}";
  }

  private static Setting entry(String source, int index, JsonNode node) {
    String where = "entry " + index;
    if (!node.isObject()) {
      throw new SettingsException(source, null, where + " is not a JSON object", null);
    }
    JsonNode keyNode = node.get("config_name");
    if (keyNode == null || !keyNode.isTextual() || !KEY.matcher(keyNode.asText()).matches()) {
      throw new SettingsException(
          source, null, where + " has no valid \"config_name\" (a name like PDF_FILES_DIRECTORY)", null);
    }
    String key = keyNode.asText();
    String id = optionalText(source, key, node, "id");
    String name = optionalText(source, key, node, "name");
    String description = optionalText(source, key, node, "description");
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual() || !TYPES.contains(typeNode.asText())) {
      throw new SettingsException(
          source, key, "\"type\" must be \"string\", \"number\" or \"list\" but was " + typeNode, null);
    }
    String type = typeNode.asText();
    JsonNode v = node.get("value");
    if (v == null || v.isNull()) {
      throw new SettingsException(source, key, "\"value\" is missing", null);
    }
    Object value;
    switch (type) {
      case "string":
        if (!v.isTextual()) {
          throw new SettingsException(source, key, "value must be a string but was " + v, null);
        }
        checkText(source, key, "value", v.asText());
        value = v.asText();
        break;
      case "number":
        if (v.isNumber()) {
          value = v.isIntegralNumber() ? (Number) v.asLong() : (Number) v.asDouble();
        } else if (v.isTextual() && v.asText().strip().matches("-?[0-9]+")) {
          value = Long.parseLong(v.asText().strip());
        } else {
          throw new SettingsException(source, key, "value must be a number but was " + v, null);
        }
        break;
      default:
        if (!v.isArray()) {
          throw new SettingsException(source, key, "value must be a list but was " + v, null);
        }
        value = toJava(v);
        break;
    }
    if (DIRECTORY_KEYS.contains(key) && ((String) checkType(source, key, value, String.class)).isBlank()) {
      throw new SettingsException(source, key, "the folder must not be blank", null);
    }
    if (RATE_STRING_KEYS.contains(key)) {
      checkType(source, key, value, String.class);
    }
    if (RATE_LIST_KEYS.contains(key)) {
      checkPartnerRates(source, key, (ArrayNode) checkType(source, key, v, ArrayNode.class));
    }
    return new Setting(id, name, key, description, type, value);
  }

  private static void checkPartnerRates(String source, String key, ArrayNode list) {
    int i = 0;
    for (JsonNode p : list) {
      String at = "value[" + i + "]";
      if (!p.isObject()) {
        throw new SettingsException(source, key, at + " must be an object {\"name\", \"rate\"} but was " + p, null);
      }
      for (String field : List.of("name", "rate")) {
        JsonNode f = p.get(field);
        if (f == null || !f.isTextual() || f.asText().isBlank()) {
          throw new SettingsException(
              source, key, at + "." + field + " must be a non-empty string but was " + f, null);
        }
        checkText(source, key, at + "." + field, f.asText());
      }
      i++;
    }
  }

  private static Object checkType(String source, String key, Object value, Class<?> type) {
    if (!type.isInstance(value)) {
      throw new SettingsException(
          source, key, "value must be a " + (type == String.class ? "string" : "list") + " for this key", null);
    }
    return value;
  }

  private static void checkText(String source, String key, String field, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
        throw new SettingsException(
            source, key, field + " holds a control character (U+" + String.format(java.util.Locale.ROOT, "%04X", (int) c) + ")", null);
      }
    }
  }

  private static @Nullable String optionalText(String source, String key, JsonNode node, String field) {
    JsonNode f = node.get(field);
    if (f == null || f.isNull()) {
      return null;
    }
    if (!f.isTextual()) {
      throw new SettingsException(source, key, "\"" + field + "\" must be a string but was " + f, null);
    }
    return f.asText();
  }

  private static Object toJava(JsonNode v) {
    if (v.isArray()) {
      List<Object> list = new ArrayList<>();
      for (JsonNode e : v) {
        list.add(toJava(e));
      }
      return Collections.unmodifiableList(list);
    }
    if (v.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), toJava(e.getValue()));
        }
      }
      return Collections.unmodifiableMap(map);
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return v.asText();
  }

  private static void putIfNotNull(ObjectNode o, String field, @Nullable String value) {
    if (value != null) {
      o.put(field, value);
    }
  }
}
