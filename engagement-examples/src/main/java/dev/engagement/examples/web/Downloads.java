package dev.engagement.examples.web;

import dev.engagement.examples.entities.EntityOutputs;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /downloads/<batch>/<name>}: a batch's outputs as a zip ({@code rolled-letters.zip},
 * {@code pdfs.zip}, {@code signed-pdfs.zip}, with the upload's folders), or the entity table
 * ({@code entities.xlsx}, {@code entities.csv}, {@code entities.json}, written by the command
 * line's {@link EntityOutputs}). Batch ids are random; batches are kept for a while.
 */
final class Downloads extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient WebApp app;

  Downloads(WebApp app) {
    this.app = app;
  }

  static String label(JobKind kind) {
    return switch (kind) {
      case ROLLOVER -> "Download the rolled letters (.zip)";
      case PRINT -> "Download the PDFs (.zip)";
      case SIGN -> "Download the signed PDFs (.zip)";
      default -> "Download";
    };
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String info = req.getPathInfo() == null ? "" : req.getPathInfo();
    String[] parts = info.split("/");
    if (parts.length != 3) {
      WebJson.error(res, 404, "No such download.");
      return;
    }
    Optional<Batches.Finished> found = app.batches.find(parts[1]);
    if (found.isEmpty()) {
      WebJson.error(res, 404, "No such download: the batch is unknown or was removed (batches are kept "
          + Batches.KEEP.toHours() + " hours)."
          + (app.redisUrl == null
              ? ""
              : " With several servers, a batch's files are on the server that ran it: the load balancer must"
                  + " send each browser to one server (sticky sessions)."));
      return;
    }
    Batches.Finished b = found.get();
    String name = parts[2];
    res.setHeader("Cache-Control", "no-store");
    if (name.equals(b.kind().zipName)) {
      res.setContentType("application/zip");
      res.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
      zip(b.out(), res.getOutputStream());
      return;
    }
    if (b.kind() == JobKind.ENTITIES && name.startsWith("entities.")) {
      EntityOutputs.Format format = formatOf(name);
      if (format != null) {
        Path temp = Files.createTempFile(b.dir(), ".~download-", "-" + name);
        try {
          Files.delete(temp);
          EntityOutputs.write(temp, format, b.results());
          res.setContentType(
              switch (format) {
                case XLSX -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
                case CSV -> "text/csv;charset=UTF-8";
                default -> "application/json;charset=UTF-8";
              });
          res.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
          res.setContentLengthLong(Files.size(temp));
          Files.copy(temp, res.getOutputStream());
        } finally {
          Files.deleteIfExists(temp);
        }
        return;
      }
    }
    WebJson.error(res, 404, "No such download.");
  }

  private static EntityOutputs.@Nullable Format formatOf(String name) {
    return switch (name) {
      case "entities.xlsx" -> EntityOutputs.Format.XLSX;
      case "entities.csv" -> EntityOutputs.Format.CSV;
      case "entities.json" -> EntityOutputs.Format.JSON;
      default -> null;
    };
  }

  private static void zip(Path out, OutputStream target) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(out)) {
      files = s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    try (ZipOutputStream zip = new ZipOutputStream(target)) {
      for (Path f : files) {
        String rel = out.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
        if (rel.startsWith(".~")) {
          continue;
        }
        zip.putNextEntry(new ZipEntry(rel));
        Files.copy(f, zip);
        zip.closeEntry();
      }
    }
  }
}
