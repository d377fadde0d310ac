package dev.engagement.examples;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.FileResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the JSON report: {@code {"process", "dryRun", "summary", "results"}}. Results stream
 * to a side file as they come (nothing of the batch is held in memory); at the end the report is
 * assembled in a temporary file and moved into place, so a report is never half written. The
 * temporary files carry the process id ({@code .~report-<pid>-...}); those a killed process left
 * in the report's folder are removed when the next report there is opened. Not thread-safe.
 */
final class ReportFile {
  private static final String PREFIX = ".~report-";
  private static final long PID = ProcessHandle.current().pid();

  private final Path target;
  private final Path resultsPart;
  private final String process;
  private final boolean dryRun;
  private final Path outDir;
  private final BufferedWriter results;
  private boolean first = true;
  private boolean finished;

  private ReportFile(Path target, String process, boolean dryRun, Path outDir) throws IOException {
    this.target = target;
    this.process = process;
    this.dryRun = dryRun;
    this.outDir = outDir;
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    removeStale(parent);
    this.resultsPart = Files.createTempFile(parent, PREFIX + PID + "-", ".part");
    this.results = Files.newBufferedWriter(resultsPart, StandardCharsets.UTF_8);
  }

  static ReportFile open(Path target, String process, boolean dryRun, Path outDir) throws IOException {
    return new ReportFile(target, process, dryRun, outDir);
  }

  void add(FileResult r) {
    try {
      if (!first) {
        results.write(",\n");
      }
      first = false;
      results.write("    ");
      results.write(Json.MAPPER.writeValueAsString(Json.result(r, outDir)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
    }
  }

  void finish(BatchSummary summary) throws IOException {
    results.close();
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), PREFIX + PID + "-", ".json");
    try {
      try (OutputStream os = Files.newOutputStream(temp)) {
        JsonGenerator g = Json.MAPPER.getFactory().createGenerator(os, JsonEncoding.UTF8);
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeStringField("process", process);
        g.writeBooleanField("dryRun", dryRun);
        g.writeObjectFieldStart("summary");
        g.writeNumberField("success", summary.success());
        g.writeNumberField("unchanged", summary.unchanged());
        g.writeNumberField("skipped", summary.skipped());
        g.writeNumberField("failed", summary.failed());
        g.writeNumberField("notStarted", summary.notStarted());
        g.writeEndObject();
        g.writeFieldName("results");
        g.writeRaw(" : [\n");
        g.flush();
        Files.copy(resultsPart, os);
        os.write("\n  ]\n}\n".getBytes(StandardCharsets.UTF_8));
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      finished = true;
    } finally {
      Files.deleteIfExists(temp);
      Files.deleteIfExists(resultsPart);
    }
  }

  /** Removes the report's temporary files left in a folder by processes no longer running. */
  private static void removeStale(Path folder) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, PREFIX + "*")) {
      for (Path p : s) {
        String rest = p.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0 || dash > 18 || !rest.substring(0, dash).chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(rest.substring(0, dash));
        if (pid != PID && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      // a report's leftovers are not worth failing the batch for
    }
  }

  void discard() {
    if (!finished) {
      try {
        results.close();
        Files.deleteIfExists(resultsPart);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
