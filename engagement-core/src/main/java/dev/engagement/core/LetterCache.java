package dev.engagement.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.cache.CachedResults;
import dev.engagement.core.spi.ResultCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch's side of a job's result cache: the key of a letter, a hit rebuilt as a result with
 * its output, a result stored with its output. A cache that throws fails the letter (stage
 * cache); a value that does not decode (damaged: its length or SHA-256 does not match, or of
 * another format) is a miss, with one warning, and is removed from the cache.
 *
 * <p>Thread-safe: stateless apart from the cache, which must be thread-safe.
 */
final class LetterCache {
  private static final Logger logger = LoggerFactory.getLogger(LetterCache.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LetterCache() {}

  /**
   * A hit.
   *
   * @param result the cached result, for the letter at hand, marked cached
   * @param outputName the output's name, or null when nothing was written
   * @param output the output's bytes
   */
  record Hit(FileResult result, @Nullable String outputName, byte[] output) {}

  /** Returns the key of a letter's bytes for a job. */
  static String key(Job job, Letter letter, byte[] content) {
    return CachedResults.key(content, letter.fileName(), job.cacheIdentity());
  }

  /**
   * Looks a letter up; empty on a miss.
   *
   * @throws DocumentProcessingException (stage cache) if the cache fails
   */
  static Optional<Hit> lookup(ResultCache cache, String key, String process, Letter letter) {
    Optional<byte[]> value;
    try {
      value = cache.get(key);
    } catch (RuntimeException e) {
      throw failure(letter, e);
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    try {
      CachedResults.Frame frame = CachedResults.decode(value.get());
      JsonNode h = readHeader(frame.header());
      String outputName = text(h, "outputName");
      FileResult result = rebuild(process, letter, h);
      logger.debug("{}: result from the cache", letter.relativePath());
      return Optional.of(new Hit(result, outputName, frame.output()));
    } catch (IllegalArgumentException e) {
      logger.warn(
          "Ignoring an unreadable result cache entry for {} and removing it: {}",
          letter.relativePath(),
          e.getMessage());
      try {
        cache.remove(key);
      } catch (RuntimeException removal) {
        logger.debug("Could not remove the unreadable result cache entry for {}", letter.relativePath(), removal);
      }
      return Optional.empty();
    }
  }

  /**
   * Stores a result and its output.
   *
   * @throws DocumentProcessingException (stage cache) if the cache fails
   */
  static void store(ResultCache cache, String key, FileResult r, @Nullable String outputName, byte[] output) {
    byte[] value = CachedResults.encode(header(r, outputName), output);
    try {
      cache.put(key, value);
    } catch (RuntimeException e) {
      throw failure(r.letter(), e);
    }
  }

  private static DocumentProcessingException failure(Letter letter, RuntimeException e) {
    return new DocumentProcessingException(
        "Could not use the result cache",
        letter.relativePath(),
        Stage.CACHE,
        "the result cache failed: " + e.getMessage(),
        e);
  }

  private static byte[] header(FileResult r, @Nullable String outputName) {
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
    try {
      return MAPPER.writeValueAsBytes(h);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode readHeader(byte[] header) {
    try {
      JsonNode h = MAPPER.readTree(header);
      if (h == null || !h.isObject()) {
        throw new IllegalArgumentException("a cached result with a bad header");
      }
      return h;
    } catch (IOException e) {
      throw new IllegalArgumentException("a cached result with a bad header", e);
    }
  }

  private static FileResult rebuild(String process, Letter letter, JsonNode h) {
    Status status;
    try {
      status = Status.valueOf(h.path("status").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a cached result with an unknown status", e);
    }
    if (status != Status.SUCCESS && status != Status.UNCHANGED) {
      throw new IllegalArgumentException("a cached result with the status " + status.jsonName());
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
    return FileResult.builder(process, letter, status)
        .message(text(h, "message"))
        .changes(changes)
        .yearsLeftAlone(left)
        .notes(notes)
        .detail(entities)
        .cached(true)
        .build();
  }

  private static @Nullable String text(JsonNode h, String field) {
    JsonNode n = h.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
