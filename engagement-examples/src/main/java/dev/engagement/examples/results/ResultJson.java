package dev.engagement.examples.results;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.Change;
import dev.engagement.core.FileResult;
import dev.engagement.core.YearNote;

/** What changed in a letter, as the report and the page show it. Stateless. */
public final class ResultJson {
  private ResultJson() {}

  /**
   * Adds {@code changes} (each paragraph before and after) and {@code yearsLeftAlone} (each year
   * not rolled, and why) to a result's JSON.
   *
   * @param o the result's JSON object
   * @param r the result
   */
  public static void putChanges(ObjectNode o, FileResult r) {
    ArrayNode changes = o.putArray("changes");
    for (Change c : r.changes()) {
      changes.addObject()
          .put("part", c.part())
          .put("paragraph", c.paragraph())
          .put("before", c.before())
          .put("after", c.after());
    }
    ArrayNode left = o.putArray("yearsLeftAlone");
    for (YearNote n : r.yearsLeftAlone()) {
      left.addObject()
          .put("part", n.part())
          .put("paragraph", n.paragraph())
          .put("text", n.text())
          .put("reason", n.reason())
          .put("context", n.context());
    }
  }
}
