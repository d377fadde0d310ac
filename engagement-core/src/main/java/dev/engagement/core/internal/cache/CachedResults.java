package dev.engagement.core.internal.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.Change;
import dev.engagement.core.Entity;
import dev.engagement.core.FileResult;
import dev.engagement.core.Letter;
import dev.engagement.core.LetterEntities;
import dev.engagement.core.Status;
import dev.engagement.core.YearNote;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Keys and values of the result cache: the key is a SHA-256 over the input's bytes and name,
 * the job and its options, and the library version; the value is a small header (the result,
 * in JSON) followed by the output file's bytes, behind a frame that makes a damaged value
 * detectable:
 *
 * <pre>
 * "EGC2" | int header length | long output length | SHA-256 of (header, output) | header | output
 * </pre>
 *
 * <p>A value is only decoded when its total length matches the lengths it declares and its
 * digest matches its content: a cut, extended or altered value is refused, never placed.
 *
 * <p>Thread-safe: stateless.
 */
public final class CachedResults {
  private static final byte[] MAGIC = {'E', 'G', 'C', '2'};
  private static final int DIGEST = 32;
  private static final int FRAME = MAGIC.length + 4 + 8 + DIGEST;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String VERSION = loadVersion();

  private CachedResults() {}

  /**
   * A decoded value.
   *
   * @param result the result as it was, with the original letter (to be rebased)
   * @param outputName the output file's name, or null when nothing was written
   * @param output the output file's bytes (empty when nothing was written)
   */
  public record Entry(Stored result, @Nullable String outputName, byte[] output) {}

  /**
   * The cached part of a result.
   *
   * @param status success or unchanged
   * @param message the message, or null
   * @param changes the changes
   * @param yearsLeftAlone the years left alone
   * @param notes the notes
   * @param entities the entity check's detail, or null
   */
  public record Stored(
      Status status,
      @Nullable String message,
      List<Change> changes,
      List<YearNote> yearsLeftAlone,
      List<String> notes,
      @Nullable LetterEntities entities) {}

  /** Returns the library version that goes into keys. */
  public static String version() {
    return VERSION;
  }

  /**
   * Returns the key of a letter for a job.
   *
   * @param input the input's bytes
   * @param fileName the input's file name (it can decide the result, e.g. the letter's year)
   * @param job the job's name and every option that changes its result
   */
  public static String key(byte[] input, String fileName, String job) {
    MessageDigest md = sha256();
    md.update(input);
    update(md, fileName);
    update(md, job);
    update(md, VERSION);
    return HexFormat.of().formatHex(md.digest());
  }

  /** Returns a fingerprint of some strings, for job option strings. */
  public static String fingerprint(String... parts) {
    MessageDigest md = sha256();
    for (String p : parts) {
      update(md, p);
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 32);
  }

  /** Encodes a result and its output. */
  public static byte[] encode(FileResult r, @Nullable String outputName, byte[] output) {
    ObjectNode h = MAPPER.createObjectNode();
    h.put("status", r.status().name());
    h.put("message", r.message().orElse(null));
    h.put("outputName", outputName);
    ArrayNode changes = h.putArray("changes");
    for (Change c : r.changes()) {
      changes.addObject().put("part", c.part()).put("paragraph", c.paragraph())
          .put("before", c.before()).put("after", c.after());
    }
    ArrayNode left = h.putArray("yearsLeftAlone");
    for (YearNote n : r.yearsLeftAlone()) {
      left.addObject().put("part", n.part()).put("paragraph", n.paragraph()).put("text", n.text())
          .put("reason", n.reason()).put("context", n.context());
    }
    ArrayNode notes = h.putArray("notes");
    r.notes().forEach(notes::add);
    r.detail(LetterEntities.class)
        .ifPresent(
            e -> {
              ObjectNode d = h.putObject("entities");
              d.put("address", e.address());
              ArrayNode rows = d.putArray("rows");
              for (Entity x : e.entities()) {
                rows.addObject().put("name_of_entity", x.nameOfEntity()).put("type_of_return", x.typeOfReturn());
              }
            });
    byte[] header;
    try {
      header = MAPPER.writeValueAsBytes(h);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    MessageDigest md = sha256();
    md.update(header);
    md.update(output);
    ByteBuffer b = ByteBuffer.allocate(FRAME + header.length + output.length);
    b.put(MAGIC).putInt(header.length).putLong(output.length).put(md.digest()).put(header).put(output);
    return b.array();
  }

  /**
   * Decodes a value.
   *
   * @throws IllegalArgumentException if the bytes are not a value of this format
   */
  public static Entry decode(byte[] value) {
    if (value.length < FRAME || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalArgumentException("not a cached result of this version");
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    b.position(MAGIC.length);
    int len = b.getInt();
    long outputLength = b.getLong();
    if (len < 0 || outputLength < 0 || (long) FRAME + len + outputLength != value.length) {
      throw new IllegalArgumentException(
          "a damaged cached result: it holds " + value.length + " bytes, its frame says "
              + (len < 0 || outputLength < 0 ? "an impossible length" : (long) FRAME + len + outputLength));
    }
    MessageDigest md = sha256();
    md.update(value, FRAME, value.length - FRAME);
    if (!MessageDigest.isEqual(md.digest(), Arrays.copyOfRange(value, FRAME - DIGEST, FRAME))) {
      throw new IllegalArgumentException("a damaged cached result: its SHA-256 does not match its content");
    }
    JsonNode h;
    try {
      h = MAPPER.readTree(value, FRAME, len);
    } catch (IOException e) {
      throw new IllegalArgumentException("a cached result with a bad header", e);
    }
    List<Change> changes = new ArrayList<>();
    for (JsonNode c : h.path("changes")) {
      changes.add(new Change(c.path("part").asText(), c.path("paragraph").asInt(),
          c.path("before").asText(), c.path("after").asText()));
    }
    List<YearNote> left = new ArrayList<>();
    for (JsonNode n : h.path("yearsLeftAlone")) {
      left.add(new YearNote(n.path("part").asText(), n.path("paragraph").asInt(), n.path("text").asText(),
          n.path("reason").asText(), n.path("context").asText()));
    }
    List<String> notes = new ArrayList<>();
    h.path("notes").forEach(n -> notes.add(n.asText()));
    LetterEntities entities = null;
    JsonNode d = h.get("entities");
    if (d != null && d.isObject()) {
      List<Entity> rows = new ArrayList<>();
      for (JsonNode x : d.path("rows")) {
        rows.add(new Entity(x.path("name_of_entity").asText(), x.path("type_of_return").asText()));
      }
      entities = new LetterEntities(text(d, "address"), rows);
    }
    Stored stored =
        new Stored(
            Status.valueOf(h.path("status").asText()), text(h, "message"), changes, left, notes, entities);
    return new Entry(stored, text(h, "outputName"), Arrays.copyOfRange(value, FRAME + len, value.length));
  }

  /** Returns a result for a letter from a cached entry. */
  public static FileResult.Builder rebuild(String process, Letter letter, Stored s) {
    return FileResult.builder(process, letter, s.status())
        .message(s.message())
        .changes(s.changes())
        .yearsLeftAlone(s.yearsLeftAlone())
        .notes(s.notes())
        .detail(s.entities())
        .cached(true);
  }

  private static @Nullable String text(JsonNode h, String field) {
    JsonNode n = h.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
    md.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String loadVersion() {
    try (InputStream in = CachedResults.class.getResourceAsStream("/dev/engagement/core/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
