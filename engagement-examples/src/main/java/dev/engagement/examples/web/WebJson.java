package dev.engagement.examples.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.FileResult;
import dev.engagement.examples.results.ResultJson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The web app's one configured {@link ObjectMapper} and its JSON answers. Thread-safe. */
final class WebJson {
  static final ObjectMapper MAPPER = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private WebJson() {}

  /** Returns {@code {"status": status, "message": message}}, the original app's answer. */
  static ObjectNode answer(String status, String message) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("status", status);
    o.put("message", message);
    return o;
  }

  static void send(HttpServletResponse res, int code, ObjectNode body) throws IOException {
    res.setStatus(code);
    res.setContentType("application/json;charset=UTF-8");
    res.setHeader("Cache-Control", "no-store");
    byte[] bytes = MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }

  static void error(HttpServletResponse res, int code, String message) throws IOException {
    send(res, code, answer("error", message));
  }

  /**
   * Returns a result for the page: names relative to the upload ({@code output} is {@link
   * FileResult#outputName()}: in a preview, the name a real run would give, numbered when two
   * letters want one name), no server paths.
   */
  static ObjectNode result(FileResult r, Paths paths) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("input", r.letter().relativePath());
    o.put("status", r.status().jsonName());
    o.put("output", r.outputName().orElse(null));
    o.put("message", r.message().map(paths::clean).orElse(null));
    o.put("cached", r.cached());
    ResultJson.putChanges(o, r);
    ArrayNode notes = o.putArray("notes");
    r.notes().forEach(n -> notes.add(paths.clean(n)));
    return o;
  }

  /** The folders of one batch, to take server paths out of messages. */
  interface Paths {
    String clean(String message);
  }
}
