package dev.engagement.examples;

import dev.engagement.core.BatchSummary;
import dev.engagement.core.EntityCheck;
import dev.engagement.core.FileResult;
import dev.engagement.core.Settings;
import dev.engagement.examples.entities.EntityOutputs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

  @Mixin JobRun run;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the results to a .json, .csv or .xlsx file.")
  @Nullable Path out;

  @Override
  public Integer call() throws Exception {
    run.check();
    PrintWriter stdout = spec.commandLine().getOut();
    EntityOutputs.Format format = null;
    if (out != null) {
      format = EntityOutputs.Format.of(out);
      if (format == null) {
        throw new EngagementCli.UsageException(
            "--out must end with .json, .csv or .xlsx but was " + out.getFileName());
      }
    }
    Settings settings = run.settings();
    List<FileResult> results = new ArrayList<>();
    EntityCheck check;
    BatchSummary summary;
    try (CacheOptions.Opened cache = run.cache.open(settings, spec.commandLine().getErr())) {
      EntityCheck.Builder builder = EntityCheck.builder();
      if (cache != null) {
        builder.resultCache(cache.results());
      }
      check = builder.build();
      summary = run.run(check, null, false, "checked", stdout, spec.commandLine().getErr(), results::add);
    }
    if (out == null || format == null) {
      EntityOutputs.table(stdout, results);
    } else {
      EntityOutputs.write(out, format, results);
    }
    stdout.println(check.wording().completeMessage(summary) + (out == null ? "" : " Written to " + out));
    stdout.flush();
    return 0;
  }
}
