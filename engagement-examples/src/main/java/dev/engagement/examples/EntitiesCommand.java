package dev.engagement.examples;

import dev.engagement.core.Batch;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.EntityCheck;
import dev.engagement.core.FileResult;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.spi.ProcessListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code engagement entities}: the client address and entity rows of each letter. */
@Command(
    name = "entities",
    mixinStandardHelpOptions = true,
    description = {
      "Reads each letter's client address and its \"Name of Entity / Type of Return\" rows.",
      "--out FILE writes .json, .csv or .xlsx (by its extension); without it, a table is printed."
    })
final class EntitiesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the results to a .json, .csv or .xlsx file.")
  @Nullable Path out;

  @Option(names = "--events", paramLabel = "FILE", description = "Write every event here, one JSON object per line.")
  @Nullable Path events;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of processors).")
  @Nullable Integer threads;

  @Option(names = {"-v", "--verbose"}, description = "Log details (debug level).")
  boolean verbose;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Letters (.docx) and folders.")
  List<Path> inputs = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    PrintWriter stdout = spec.commandLine().getOut();
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new EngagementCli.UsageException("no such file or folder: " + input);
      }
    }
    EntityOutputs.Format format = null;
    if (out != null) {
      format = EntityOutputs.Format.of(out);
      if (format == null) {
        throw new EngagementCli.UsageException(
            "--out must end with .json, .csv or .xlsx but was " + out.getFileName());
      }
    }
    if (threads != null && threads < 1) {
      throw new EngagementCli.UsageException("--threads must be at least 1");
    }
    EntityCheck check = EntityCheck.ofDefaults();
    Batch.Builder batch = Batch.builder().method("CLI");
    if (threads != null) {
      batch.threads(threads);
    }
    EventsFile eventsFile = events == null ? null : EventsFile.open(events);
    List<FileResult> results = new ArrayList<>();
    BatchSummary summary;
    try {
      if (eventsFile != null) {
        batch.listener(ProcessEvent.listener(eventsFile::write));
      }
      batch.listener(
          new ProcessListener() {
            @Override
            public void result(dev.engagement.core.BatchContext b, FileResult r) {
              if (r.status() == dev.engagement.core.Status.FAILED) {
                spec.commandLine().getErr().println("FAILED     " + r.letter().relativePath() + ": " + r.message().orElse(""));
              }
            }
          });
      summary = batch.build().run(check, inputs, results::add);
    } finally {
      if (eventsFile != null) {
        eventsFile.close();
      }
    }
    if (out == null || format == null) {
      EntityOutputs.table(stdout, results);
    } else {
      EntityOutputs.write(out, format, results);
    }
    stdout.println(check.completeMessage(summary) + (out == null ? "" : " Written to " + out));
    stdout.flush();
    return 0;
  }
}
