package dev.engagement.examples.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engagement.core.Batch;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.EngagementException;
import dev.engagement.core.EntityCheck;
import dev.engagement.core.FileResult;
import dev.engagement.core.Job;
import dev.engagement.core.Letter;
import dev.engagement.core.PdfPrint;
import dev.engagement.core.PdfSign;
import dev.engagement.core.Rollover;
import dev.engagement.core.Settings;
import dev.engagement.core.YearPolicy;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.spi.SignatureSource;
import dev.engagement.events.Emitter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import javax.cache.CacheException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The original app's upload routes: {@code POST /engagementLetters/document-rollover} (files in
 * {@code currentYearDirectory}), {@code /entityChecker/check-entities} ({@code
 * entityCheckDirectory}; answers the HTML of the entity table), {@code /pdfPrinter/print-to-pdf}
 * ({@code pdfPrintDirectory}) and {@code /pdfSignatures/add-signatures} ({@code
 * pdfSignaturesDirectory}, with signature files in {@code signatures}).
 *
 * <p>Every upload needs a valid CSRF token (field {@code csrf_token} or header {@code X-CSRFToken}
 * / {@code X-CSRF-Token}), else 400 and a {@code process-error} event. The batch's events go to
 * the page named by the field {@code sid} or the header {@code X-Socket-Id}, to every page without
 * one. Other fields: {@code dryRun} (rollover preview), {@code years} ({@code window} or {@code
 * all}), {@code acceptChanges} (printing). Answers {@code {"status": "success"|"error", "message":
 * ...}}, with the batch's id, summary, results and download links on success.
 */
final class JobServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger logger = LoggerFactory.getLogger(JobServlet.class);
  private static final int MAX_FIELD = 4096;

  private final transient WebApp app;

  JobServlet(WebApp app) {
    this.app = app;
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
    JobKind kind = JobKind.ofRoute(req.getServletPath());
    String sid = header(req, "X-Socket-Id");
    try {
      post(kind, sid, req, res);
    } catch (RuntimeException e) {
      String ref = UUID.randomUUID().toString().substring(0, 8);
      logger.error("Upload to {} failed (reference {})", kind.route, ref, e);
      refuse(kind, sid, res, 500, "Server Error", "The server could not run this batch (reference " + ref + "): see the server log.");
    }
  }

  private void post(JobKind kind, @Nullable String sid, HttpServletRequest req, HttpServletResponse res)
      throws IOException {
    Optional<String> limited =
        app.limits.acquire(
            req.getRemoteAddr(),
            app.settings.limit(SettingsStore.HOURLY_LIMIT),
            app.settings.limit(SettingsStore.DAILY_LIMIT));
    if (limited.isPresent()) {
      refuse(kind, sid, res, 429, "Too Many Requests", limited.get());
      return;
    }
    Collection<Part> parts;
    try {
      parts = req.getParts();
    } catch (IllegalStateException e) {
      refuse(kind, sid, res, 413, "Upload Error", tooLarge(e));
      return;
    } catch (ServletException e) {
      refuse(kind, sid, res, 400, "Upload Error", "Expected a multipart/form-data upload with the files in the field " + kind.field + ".");
      return;
    }
    Map<String, String> fields = new HashMap<>();
    List<Part> files = new ArrayList<>();
    List<Part> signatures = new ArrayList<>();
    for (Part p : parts) {
      if (p.getSubmittedFileName() == null) {
        if (p.getSize() <= MAX_FIELD) {
          try (InputStream in = p.getInputStream()) {
            fields.putIfAbsent(p.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      } else if (p.getName().equals(kind.field)) {
        files.add(p);
      } else if (kind == JobKind.SIGN && p.getName().equals("signatures")) {
        signatures.add(p);
      }
    }
    if (sid == null) {
      sid = fields.get("sid");
    }
    String token = header(req, "X-CSRFToken");
    if (token == null) {
      token = header(req, "X-CSRF-Token");
    }
    if (token == null) {
      token = fields.get("csrf_token");
    }
    if (token == null || !app.csrf.isValid(token)) {
      refuse(kind, sid, res, 400, "CSRF Error",
          token == null
              ? "The CSRF token is missing: reload the page and try again."
              : "The CSRF token is invalid or has expired: reload the page and try again.");
      return;
    }
    if (files.isEmpty()) {
      refuse(kind, sid, res, 400, "Upload Error",
          "No files were uploaded: pick a folder or files first (form field " + kind.field + ").");
      return;
    }
    if (files.size() > app.config.maxFiles()) {
      refuse(kind, sid, res, 413, "Upload Error",
          "Too many files: " + files.size() + " in one upload, at most " + app.config.maxFiles() + ".");
      return;
    }
    run(kind, sid, fields, files, signatures, req, res);
  }

  private void run(
      JobKind kind,
      @Nullable String sid,
      Map<String, String> fields,
      List<Part> files,
      List<Part> signatureParts,
      HttpServletRequest req,
      HttpServletResponse res)
      throws IOException {
    boolean dryRun = kind == JobKind.ROLLOVER && truthy(fields.get("dryRun"));
    String id = app.batches.create();
    Path dir = app.batches.dir(id);
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    boolean kept = false;
    try {
      List<Letter> letters = save(files, in);
      Path signatureDir = null;
      if (!signatureParts.isEmpty()) {
        signatureDir = Files.createDirectories(dir.resolve("signatures"));
        for (Part p : signatureParts) {
          String name = FileNames.clean(p.getSubmittedFileName());
          name = name.substring(name.lastIndexOf('/') + 1);
          try (InputStream s = p.getInputStream()) {
            Files.copy(s, signatureDir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      Settings settings = app.settings.current();
      Paths paths = new Paths(dir, signatureDir == null ? app.signatures() : signatureDir);
      Emitter to = app.emitter(sid);
      Job job;
      try {
        job = job(kind, settings, fields, signatureDir, dryRun);
      } catch (CacheException | dev.engagement.cache.CacheConfigurationException e) {
        refuse(kind, sid, res, 500, "Cache Error",
            "The result cache (" + (app.config.redisUrl() != null ? "RedisCache" : settings.cacheType()) + ") cannot be used: " + paths.clean(String.valueOf(e.getMessage())));
        return;
      }
      List<FileResult> results = new ArrayList<>();
      Batch.Builder batch =
          Batch.builder().method("POST").listener(new WebEvents(to, paths)).cancellation(app.batches.cancellation());
      if (app.config.threads() != null) {
        batch.threads(app.config.threads());
      }
      Batch built = batch.build();
      BatchSummary summary;
      try {
        summary = app.batches.run(id, () -> built.runLetters(job, letters, out, results::add));
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof EngagementException) {
          refuse(kind, sid, res, 500, job.wording().errorTitle(), paths.clean(String.valueOf(c.getMessage())));
          return;
        }
        throw new IllegalStateException("the batch failed", c);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        refuse(kind, sid, res, 503, job.wording().errorTitle(), "The server is stopping: the batch was cancelled.");
        return;
      } catch (RejectedExecutionException e) {
        refuse(kind, sid, res, 503, job.wording().errorTitle(), "The server is stopping: upload the files again when it is back.");
        return;
      }
      if (summary.stopped()) {
        // only a server that stops cancels batches: its work folder, outputs included, goes with it
        refuse(kind, sid, res, 503, job.wording().errorTitle(),
            "The server is stopping: the batch was stopped after " + summary.done() + " of " + summary.total()
                + " files (nothing was kept); upload them again when it is back.");
        return;
      }
      if (sid != null && !sid.isBlank()) {
        // a fresh token for the page that started the batch, on whichever instance it is connected to
        app.csrf.send(to, kind.process);
      }
      Batches.Finished finished = new Batches.Finished(id, kind, dir, List.copyOf(results), dryRun, Instant.now());
      if (!dryRun) {
        app.batches.keep(finished);
        kept = true;
      }
      if (kind == JobKind.ENTITIES) {
        EntityTable.send(res, finished, job.wording().completeMessage(summary), paths);
      } else {
        WebJson.send(res, 200, answer(finished, job.wording().completeMessage(summary), summary, paths));
      }
    } finally {
      if (!kept) {
        app.batches.discard(id);
      }
    }
  }

  private Job job(JobKind kind, Settings settings, Map<String, String> fields, @Nullable Path signatureDir, boolean dryRun) {
    ResultCache cache = app.caches.forSettings(settings, app.settings.folder());
    switch (kind) {
      case ROLLOVER:
        YearPolicy years = "all".equalsIgnoreCase(fields.getOrDefault("years", "window")) ? YearPolicy.ALL : YearPolicy.WINDOW;
        return Rollover.builder().settings(settings).years(years).dryRun(dryRun).resultCache(cache).build();
      case ENTITIES:
        return EntityCheck.builder().resultCache(cache).build();
      case PRINT:
        return PdfPrint.builder()
            .converter(app.office())
            .acceptTrackedChanges(truthy(fields.get("acceptChanges")))
            .resultCache(cache)
            .build();
      default:
        return PdfSign.builder()
            .signatures(SignatureSource.folder(signatureDir != null ? signatureDir : app.signatures()))
            .settings(settings)
            .resultCache(cache)
            .build();
    }
  }

  /** Streams the uploaded files into the batch's private folder under safe names. */
  private static List<Letter> save(List<Part> files, Path in) throws IOException {
    FileNames names = new FileNames();
    List<Letter> letters = new ArrayList<>();
    Path root = in.toAbsolutePath().normalize();
    for (Part p : files) {
      String rel = names.place(p.getSubmittedFileName());
      Path target = root.resolve(rel).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalStateException("a sanitized name left the upload folder: " + rel);
      }
      Files.createDirectories(target.getParent());
      try (InputStream s = p.getInputStream()) {
        Files.copy(s, target);
      }
      p.delete();
      letters.add(new Letter(target, rel));
    }
    return letters;
  }

  private static ObjectNode answer(Batches.Finished b, String message, BatchSummary s, Paths paths) {
    ObjectNode o = WebJson.answer("success", message);
    o.put("batch", b.id());
    o.put("process", b.kind().process);
    o.put("dryRun", b.dryRun());
    o.putObject("summary")
        .put("success", s.success())
        .put("unchanged", s.unchanged())
        .put("skipped", s.skipped())
        .put("failed", s.failed());
    ArrayNode results = o.putArray("results");
    for (FileResult r : b.results()) {
      results.add(WebJson.result(r, paths));
    }
    ArrayNode downloads = o.putArray("downloads");
    if (!b.dryRun() && s.success() > 0 && b.kind().zipName != null) {
      downloads.addObject()
          .put("label", Downloads.label(b.kind()))
          .put("url", "/downloads/" + b.id() + "/" + b.kind().zipName);
    }
    return o;
  }

  /** Answers an error and tells the page through a {@code process-error} event. */
  private void refuse(JobKind kind, @Nullable String sid, HttpServletResponse res, int code, String error, String message)
      throws IOException {
    WebEvents.send(app.emitter(sid), WebEvents.error(error, message, kind.process));
    if (!res.isCommitted()) {
      res.resetBuffer();
      WebJson.error(res, code, message);
    }
  }

  /** Says why Tomcat refused to read an upload, from the exception it gave. */
  private String tooLarge(IllegalStateException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (name.contains("FileCountLimit")) {
        return "Too many files in one upload: at most " + app.config.maxFiles() + ".";
      }
      if (name.contains("FileSizeLimit")) {
        return "The upload is too large: a file is over the server's limit of " + mib(app.config.maxFileBytes()) + ".";
      }
      if (name.contains("SizeLimit") || name.contains("SizeException")) {
        return "The upload is too large: the files together are over the server's limit of "
            + mib(app.config.maxUploadBytes()) + ".";
      }
    }
    return "The upload could not be read: it is malformed or a file name is too long.";
  }

  private static String mib(long bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : (bytes + 1023) / 1024 + " KiB";
  }

  private static @Nullable String header(HttpServletRequest req, String name) {
    String v = req.getHeader(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static boolean truthy(@Nullable String v) {
    return v != null && (v.equalsIgnoreCase("true") || v.equals("1") || v.equalsIgnoreCase("on") || v.equalsIgnoreCase("yes"));
  }

  /** A batch's folders, to take server paths out of messages. */
  static final class Paths implements WebJson.Paths {
    private final Path in;
    private final Path out;
    private final Path dir;
    private final Path signatures;

    Paths(Path dir, Path signatures) {
      this.dir = dir.toAbsolutePath();
      this.in = this.dir.resolve("in");
      this.out = this.dir.resolve("out");
      this.signatures = signatures.toAbsolutePath();
    }

    @Override
    public String clean(String message) {
      String sep = dir.getFileSystem().getSeparator();
      return message
          .replace(in + sep, "")
          .replace(out + sep, "")
          .replace(signatures.toString(), "the signatures folder")
          .replace(dir.toString(), "the upload");
    }
  }
}
