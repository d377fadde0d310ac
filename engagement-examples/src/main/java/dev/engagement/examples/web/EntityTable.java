package dev.engagement.examples.web;

import dev.engagement.core.Entity;
import dev.engagement.core.FileResult;
import dev.engagement.core.LetterEntities;
import dev.engagement.core.Status;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The entity check's answer, as in the original app: the HTML of the entity table (file,
 * address; a row opens its entities), here with the summary and the download links (xlsx, csv).
 */
final class EntityTable {
  private EntityTable() {}

  static void send(HttpServletResponse res, Batches.Finished b, String message, WebJson.Paths paths)
      throws IOException {
    StringBuilder h = new StringBuilder(4096);
    h.append("<div class=\"entity-result\" data-batch=\"").append(b.id()).append("\">\n");
    h.append("<p class=\"summary\">").append(Html.escape(message)).append("</p>\n");
    h.append("<p class=\"downloads\">")
        .append("<a class=\"button download\" href=\"/downloads/").append(b.id()).append("/entities.xlsx\" download>")
        .append("Download the table (Excel .xlsx)</a> ")
        .append("<a class=\"button download\" href=\"/downloads/").append(b.id()).append("/entities.csv\" download>")
        .append("Download the table (CSV)</a></p>\n");
    h.append("<table class=\"entities\">\n<thead><tr><th>File</th><th>Address</th></tr></thead>\n<tbody>\n");
    int i = 0;
    for (FileResult r : b.results()) {
      i++;
      LetterEntities e = r.detail(LetterEntities.class).orElse(new LetterEntities(null, java.util.List.of()));
      String cls = r.status() == Status.FAILED ? "letter failed" : r.status() == Status.SKIPPED ? "letter skipped" : "letter";
      h.append("<tr class=\"").append(cls).append("\" tabindex=\"0\" aria-expanded=\"false\" aria-controls=\"entities-")
          .append(i).append("\" data-status=\"").append(r.status().jsonName()).append("\">");
      h.append("<td>").append(Html.escape(r.letter().relativePath())).append("</td><td>");
      if (r.status() == Status.FAILED || r.status() == Status.SKIPPED) {
        h.append("<span class=\"why\">").append(Html.escape(r.status() == Status.FAILED ? "Failed: " : "Skipped: "))
            .append(Html.escape(paths.clean(r.message().orElse("")))).append("</span>");
      } else if (e.address() == null) {
        h.append("<span class=\"none\">(no address found)</span>");
      } else {
        h.append(Html.escape(e.address()).replace("\n", "<br>"));
      }
      h.append("</td></tr>\n");
      h.append("<tr class=\"entities-row\" id=\"entities-").append(i).append("\" hidden><td colspan=\"2\">");
      if (e.entities().isEmpty()) {
        h.append("<p class=\"none\">No \u201cName of Entity / Type of Return\u201d rows found.</p>");
      } else {
        h.append("<ul class=\"entity-list\">");
        for (Entity x : e.entities()) {
          h.append("<li><strong>").append(Html.escape(x.nameOfEntity())).append("</strong>: ")
              .append(Html.escape(x.typeOfReturn())).append("</li>");
        }
        h.append("</ul>");
      }
      h.append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</div>\n");
    byte[] bytes = h.toString().getBytes(StandardCharsets.UTF_8);
    res.setStatus(200);
    res.setContentType("text/html;charset=UTF-8");
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Batch-Id", b.id());
    res.setContentLength(bytes.length);
    res.getOutputStream().write(bytes);
  }
}
