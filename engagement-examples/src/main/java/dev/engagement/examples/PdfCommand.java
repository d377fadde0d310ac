package dev.engagement.examples;

import dev.engagement.core.LibreOfficeConverter;
import dev.engagement.core.PdfPrint;
import dev.engagement.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engagement pdf}: prints letters to PDF through LibreOffice. */
@Command(
    name = "pdf",
    mixinStandardHelpOptions = true,
    description = {
      "Prints letters (.docx) to PDF with LibreOffice: each letter keeps its name with .pdf.",
      "Letters with unaccepted tracked changes are refused unless --accept-changes is given."
    })
final class PdfCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JobRun run;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: the settings' PDF_FILES_DIRECTORY, temp/pdf).")
  @Nullable Path out;

  @Option(names = "--accept-changes", description = "Accept tracked changes before printing instead of refusing the letter.")
  boolean acceptChanges;

  @Option(names = "--office-home", paramLabel = "DIR", description = "LibreOffice's folder (default: looked for in the usual places).")
  @Nullable Path officeHome;

  @Option(names = "--office-processes", paramLabel = "N", description = "LibreOffice processes (default: min(cores, 2)).")
  @Nullable Integer processes;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Longest a letter may take to print (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    run.check();
    if (officeHome != null && !Files.isDirectory(officeHome)) {
      throw new EngagementCli.UsageException("no such folder for --office-home: " + officeHome);
    }
    if (timeoutSeconds < 1 || (processes != null && processes < 1)) {
      throw new EngagementCli.UsageException("--timeout and --office-processes must be at least 1");
    }
    Settings settings = run.settings();
    Path outDir = out != null ? out : Path.of(settings.pdfDirectory());
    LibreOfficeConverter.Builder office =
        LibreOfficeConverter.builder().officeHome(officeHome).taskTimeout(Duration.ofSeconds(timeoutSeconds));
    if (processes != null) {
      office.processes(processes);
    }
    try (LibreOfficeConverter converter = office.build();
        CacheOptions.Opened cache = run.cache.open(settings, spec.commandLine().getErr())) {
      PdfPrint.Builder job = PdfPrint.builder().converter(converter).acceptTrackedChanges(acceptChanges);
      if (cache != null) {
        job.resultCache(cache.results());
      }
      run.run(job.build(), outDir, false, "printed", spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    return 0;
  }
}
