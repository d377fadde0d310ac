package dev.engagement.examples;

import dev.engagement.core.Batch;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Rollover;
import dev.engagement.core.Settings;
import dev.engagement.core.SettingsException;
import dev.engagement.core.YearPolicy;
import dev.engagement.core.spi.ProcessListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code engagement rollover}: rolls letters forward a year. */
@Command(
    name = "rollover",
    mixinStandardHelpOptions = true,
    description = {
      "Rolls engagement letters forward a year: years +1, fee paragraphs from the settings,",
      "new file names. Inputs are never modified; outputs go to --out."
    })
final class RolloverCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: the settings' PROCESSED_FILES_DIRECTORY, temp/complete).")
  @Nullable Path out;

  @Option(
      names = "--settings",
      paramLabel = "FILE",
      description = "A user-config.json (default: the built-in one).")
  @Nullable Path settings;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report here.")
  @Nullable Path report;

  @Option(
      names = "--events",
      paramLabel = "FILE",
      description = "Write every event here, one JSON object per line.")
  @Nullable Path events;

  @Option(names = "--dry-run", description = "Compute and report everything, write no letter.")
  boolean dryRun;

  @Option(
      names = "--years",
      paramLabel = "window|all",
      defaultValue = "window",
      description =
          "Which years roll: 'window' (the letter's year -1..+1, default) or 'all' (as the"
              + " original app).")
  YearPolicy years = YearPolicy.WINDOW;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: the number of processors).")
  @Nullable Integer threads;

  @Mixin CacheOptions cache = new CacheOptions();

  @Option(names = {"-v", "--verbose"}, description = "Log details (debug level).")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary and failures.")
  boolean quiet;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Letters (.docx) and folders.")
  List<Path> inputs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new EngagementCli.UsageException("no such file or folder: " + input);
      }
    }
    if (threads != null && threads < 1) {
      throw new EngagementCli.UsageException("--threads must be at least 1");
    }
    Settings s;
    try {
      s = settings == null ? Settings.ofDefaults() : Settings.load(settings);
    } catch (SettingsException e) {
      throw new EngagementCli.UsageException(e.getMessage());
    }
    Path outDir = out != null ? out : Path.of(s.processedDirectory());
    try (CacheOptions.Opened opened = cache.open(s, stderr)) {
      Rollover.Builder builder = Rollover.builder().settings(s).years(years).dryRun(dryRun);
      if (opened != null) {
        builder.resultCache(opened.results());
      }
      return run(builder.build(), outDir, stdout, stderr);
    }
  }

  private int run(Rollover rollover, Path outDir, PrintWriter stdout, PrintWriter stderr) throws IOException {
    List<ProcessListener> listeners = new ArrayList<>();
    ConsoleListener console = new ConsoleListener(stdout, stderr, outDir, quiet);
    listeners.add(console);
    EventsFile eventsFile = events == null ? null : EventsFile.open(events);
    if (eventsFile != null) {
      listeners.add(ProcessEvent.listener(eventsFile::write));
    }
    ReportFile reportFile =
        report == null ? null : ReportFile.open(report, rollover.reportName(), dryRun, inputs, outDir);
    Batch.Builder batch = Batch.builder().method("CLI").listener(ProcessListener.of(listeners));
    if (threads != null) {
      batch.threads(threads);
    }
    BatchSummary summary;
    try {
      summary =
          batch.build().run(rollover, inputs, outDir, r -> {
            if (reportFile != null) {
              reportFile.add(r);
            }
          });
      if (reportFile != null) {
        reportFile.finish(summary);
      }
    } catch (UncheckedIOException e) {
      throw new IOException(e.getMessage(), e.getCause());
    } finally {
      if (eventsFile != null) {
        eventsFile.close();
      }
      if (reportFile != null) {
        reportFile.discard();
      }
    }
    console.summary(rollover.completeMessage(summary), report);
    return 0;
  }
}
