package dev.engagement.examples;

import dev.engagement.core.PdfSign;
import dev.engagement.core.Settings;
import dev.engagement.core.spi.SignatureSource;
import java.nio.file.Files;
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

/** {@code engagement sign}: stamps partners' signatures on letters' PDFs. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Stamps each partner's signature above their name, after \"Very truly yours,\".",
      "Signatures are First_Last.pdf (one page) or First_Last.png files in --signatures."
    })
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobRun run;

  @Option(names = "--signatures", paramLabel = "DIR", defaultValue = "images/signatures",
      description = "Folder of signature files (default: ${DEFAULT-VALUE}).")
  Path signatures = Path.of("images", "signatures");

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the settings' PDF_SIGNATURES_DIRECTORY, temp/signatures).")
  @Nullable Path out;

  @Option(names = "--closing", paramLabel = "TEXT",
      description = "A closing line to look for (repeatable; default: Very truly yours, Sincerely, Respectfully...).")
  List<String> closings = new ArrayList<>();

  @Option(names = "--partner", paramLabel = "NAME", description = "Another known partner's name (repeatable).")
  List<String> partners = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    run.check();
    if (!Files.isDirectory(signatures)) {
      throw new EngagementCli.UsageException(
          "no such signatures folder: " + signatures + " (give it with --signatures DIR)");
    }
    Settings settings = run.settings();
    Path outDir = out != null ? out : Path.of(settings.signaturesDirectory());
    PdfSign.Builder sign =
        PdfSign.builder().signatures(SignatureSource.folder(signatures)).settings(settings).partners(partners);
    if (!closings.isEmpty()) {
      sign.closings(closings);
    }
    try (CacheOptions.Opened cache = run.cache.open(settings, spec.commandLine().getErr())) {
      if (cache != null) {
        sign.resultCache(cache.results());
      }
      run.run(sign.build(), outDir, false, "signed", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }
}
