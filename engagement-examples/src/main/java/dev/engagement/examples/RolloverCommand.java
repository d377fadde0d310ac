package dev.engagement.examples;

import dev.engagement.core.PartnerRate;
import dev.engagement.core.Rollover;
import dev.engagement.core.Settings;
import dev.engagement.core.YearPolicy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
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

  @Option(
      names = "--replace-partners",
      description = {
        "Write the settings' partner list into fee paragraphs that name other partners.",
        "Without it, such a paragraph is left as it is and the report names both lists."
      })
  boolean replacePartners;

  @Override
  public Integer call() throws Exception {
    run.check();
    Settings settings = settings();
    Path outDir = out != null ? out : Path.of(settings.processedDirectory());
    try (CacheOptions.Opened cache = run.cache.open(settings, spec.commandLine().getErr())) {
      Rollover.Builder rollover =
          Rollover.builder()
              .settings(settings)
              .years(years)
              .dryRun(dryRun)
              .replacePartners(replacePartners);
      if (cache != null) {
        rollover.resultCache(cache.results());
      }
      run.run(rollover.build(), outDir, dryRun, "rolled", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }

  /**
   * Returns the settings given with --settings or, without it, the example firm's, saying so in
   * one line on stderr (the library's own defaults hold no rates: the first command of the README
   * would otherwise leave every fee paragraph alone).
   */
  private Settings settings() {
    if (run.settings != null) {
      return run.settings();
    }
    Settings example = Settings.example();
    Set<String> partners = new LinkedHashSet<>();
    for (PartnerRate p : example.compliancePartnerRates()) {
      partners.add(p.name());
    }
    for (PartnerRate p : example.consultingPartnerRates()) {
      partners.add(p.name());
    }
    spec.commandLine()
        .getErr()
        .println(
            "engagement: no --settings given: using the built-in example firm's settings (partners "
                + String.join(", ", partners)
                + " and their rates); give your firm's user-config.json with --settings FILE");
    return example;
  }
}
