package dev.engagement.examples;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.Failure;
import dev.engagement.core.FileResult;
import dev.engagement.examples.results.ResultJson;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** The one configured {@link ObjectMapper} of the examples, and the JSON shape of results. */
final class Json {
  /** Shared, thread-safe once configured. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Json() {}

  /**
   * Returns a result as the report writes it: {@code input} relative to its INPUT, {@code
   * output} relative to the output folder.
   */
  static ObjectNode result(FileResult r, Path outDir) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("input", r.letter().relativePath());
    o.put("status", r.status().jsonName());
    o.put("output", r.output().map(p -> relative(outDir, p)).orElse(null));
    o.put("message", r.message().orElse(null));
    ResultJson.putChanges(o, r);
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(notes::add);
    o.put("cached", r.cached());
    o.put("alreadyThere", r.outputAlreadyThere());
    if (r.failure().isPresent()) {
      Failure f = r.failure().get();
      o.putObject("failure").put("stage", f.stage().toString()).put("what", f.what()).put("reason", f.reason());
    } else {
      o.putNull("failure");
    }
    return o;
  }

  static @Nullable String relative(Path base, Path p) {
    try {
      return base.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }
}
