package dev.engagement.examples;

import dev.engagement.core.Batch;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.FileResult;
import dev.engagement.core.Job;
import dev.engagement.core.ProcessEvent;
import dev.engagement.core.Settings;
import dev.engagement.core.SettingsException;
import dev.engagement.core.spi.ProcessListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the job commands share: inputs, settings, the result cache, report, events, threads,
 * console lines and progress bar, and stopping cleanly on SIGINT/SIGTERM. A picocli mixin.
 */
final class JobRun {
  @Spec(Spec.Target.MIXEE)
  @Nullable CommandSpec mixee;

  @Option(names = "--settings", paramLabel = "FILE", description = "Your firm's user-config.json (without it: the built-in settings; rollover then uses the example firm's rates and says so).")
  @Nullable Path settings;

  @Option(names = "--report", paramLabel = "FILE", description = "Write a JSON report here.")
  @Nullable Path report;

  @Option(names = "--events", paramLabel = "FILE", description = "Write every event here, one JSON object per line.")
  @Nullable Path events;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: the number of processors).")
  @Nullable Integer threads;

  @Option(names = {"-v", "--verbose"}, description = "Log details (debug level).")
  boolean verbose;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary and failures.")
  boolean quiet;

  @Mixin CacheOptions cache = new CacheOptions();

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "Files and folders.")
  List<Path> inputs = new ArrayList<>();

  /** Checks the inputs and options; throws a usage error. */
  void check() {
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        throw new EngagementCli.UsageException("no such file or folder: " + input);
      }
    }
    if (threads != null && threads < 1) {
      throw new EngagementCli.UsageException("--threads must be at least 1");
    }
  }

  /** Loads the settings (a bad file is a usage error). */
  Settings settings() {
    try {
      return settings == null ? Settings.ofDefaults() : Settings.load(settings);
    } catch (SettingsException e) {
      throw new EngagementCli.UsageException(e.getMessage());
    }
  }

  /**
   * Runs a job over the inputs into {@code outDir}, with the report, the events file and the
   * console lines, and prints the summary.
   */
  BatchSummary run(Job job, Path outDir, boolean dryRun, String done, PrintWriter out, PrintWriter err)
      throws IOException {
    return run(job, outDir, dryRun, done, out, err, r -> {});
  }

  /**
   * Runs a job; {@code outDir} null for a job that writes no files (then the console prints only
   * failures). Each result also goes to {@code results}.
   */
  BatchSummary run(
      Job job,
      @Nullable Path outDir,
      boolean dryRun,
      String done,
      PrintWriter out,
      PrintWriter err,
      Consumer<FileResult> results)
      throws IOException {
    List<ProcessListener> listeners = new ArrayList<>();
    Path shown = outDir == null ? Path.of("") : outDir;
    ConsoleListener console = new ConsoleListener(out, err, shown, quiet || outDir == null, done);
    listeners.add(console);
    EventsFile eventsFile = events == null ? null : EventsFile.open(events);
    if (eventsFile != null) {
      listeners.add(ProcessEvent.listener(eventsFile::write));
    }
    ReportFile reportFile =
        report == null ? null : ReportFile.open(report, job.reportName(), dryRun, shown);
    StopOnSignal stop = stop();
    Batch.Builder batch =
        Batch.builder()
            .method("CLI")
            .listener(ProcessListener.of(listeners))
            .cancellation(stop.cancellation());
    if (threads != null) {
      batch.threads(threads);
    }
    BatchSummary summary;
    stop.batchStarted(err);
    try {
      Consumer<FileResult> sink =
          r -> {
            if (reportFile != null) {
              reportFile.add(r);
            }
            results.accept(r);
          };
      summary =
          outDir == null
              ? batch.build().run(job, inputs, sink)
              : batch.build().run(job, inputs, outDir, sink);
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
    if (outDir != null) {
      console.summary(job.wording().completeMessage(summary), report);
    }
    if (summary.stopped()) {
      err.println(
          "engagement: stopped before "
              + summary.notStarted()
              + (summary.notStarted() == 1 ? " file" : " files")
              + " (listed as not started); run the same command again to finish them");
      err.flush();
    }
    return summary;
  }

  /** Returns the command line's stopper (a fresh one when the mixin runs outside it). */
  private StopOnSignal stop() {
    CommandSpec parent = mixee == null ? null : mixee.parent();
    Object cli = parent == null ? null : parent.userObject();
    return cli instanceof EngagementCli ? ((EngagementCli) cli).stop : new StopOnSignal();
  }
}
