package dev.engagement.examples;

import dev.engagement.core.Rollover;
import dev.engagement.core.Settings;
import dev.engagement.core.YearPolicy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

  @Mixin JobRun run;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: the settings' PROCESSED_FILES_DIRECTORY, temp/complete).")
  @Nullable Path out;

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

  @Override
  public Integer call() throws Exception {
    run.check();
    Settings settings = run.settings();
    Path outDir = out != null ? out : Path.of(settings.processedDirectory());
    try (CacheOptions.Opened cache = run.cache.open(settings, spec.commandLine().getErr())) {
      Rollover.Builder rollover = Rollover.builder().settings(settings).years(years).dryRun(dryRun);
      if (cache != null) {
        rollover.resultCache(cache.results());
      }
      run.run(rollover.build(), outDir, dryRun, "rolled", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }
}
