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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the JSON report: {@code {"process", "dryRun", "summary", "results"}}. Results stream
 * to a side file as they come (nothing of the batch is held in memory); at the end the report is
 * assembled in a temporary file and moved into place, so a report is never half written. Not
 * thread-safe.
 */
final class ReportFile {
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
    this.resultsPart = Files.createTempFile(parent, ".~report-", ".part");
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
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".~report-", ".json");
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
