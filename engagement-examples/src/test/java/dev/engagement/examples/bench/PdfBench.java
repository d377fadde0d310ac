package dev.engagement.examples.bench;

import dev.engagement.core.Batch;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.FileResult;
import dev.engagement.core.LibreOfficeConverter;
import dev.engagement.core.PdfPrint;
import dev.engagement.core.PdfSign;
import dev.engagement.core.spi.PdfConverter;
import dev.engagement.core.spi.SignatureSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * Measures PDF printing side by side with what a user would do instead, on copies of the example
 * letters: one plain {@code soffice --headless --convert-to pdf --outdir DIR *.docx} (office start
 * included; with the user's own profile, as typed, and with a brand-new one), then our printing
 * with one and two office processes, start and stop of the offices included, in this JVM and
 * through the command line ({@code java -jar engagement.jar pdf}, JVM start included) when the jar
 * is built. The variants take turns, round after round, so that a busy machine slows them alike;
 * each line is one run (wall time, and on Linux the CPU time of every process involved, which a
 * busy machine inflates less), and the summary gives the best and the median. Then, on one office
 * process and one thread, where a letter's time goes: the conversion (JODConverter and
 * LibreOffice) and our checks around it (private copy, tracked-changes scan, PDFBox check,
 * placing); and the signing time per letter. Not a test: run it by hand from the repository root.
 *
 * <p>{@code PdfBench [letters=100] [rounds=3]}; {@code -Dsoffice=PATH} for another soffice.
 */
public final class PdfBench {
  private PdfBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String soffice = System.getProperty("soffice", "soffice");
    Path target = Files.createDirectories(Path.of("engagement-examples", "target"));
    Path work = Files.createTempDirectory(target, "pdf-bench-");
    Path in = work.resolve("in");
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("engagement-examples", "letters"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".docx") && !p.getFileName().toString().startsWith("~"))
          .sorted()
          .forEach(sources::add);
    }
    Files.createDirectories(in);
    for (int i = 0; i < count; i++) {
      Files.copy(sources.get(i % sources.size()), in.resolve(String.format(Locale.ROOT, "Letter %03d.docx", i)));
    }
    Path jar = Path.of("engagement-examples", "target", "engagement.jar");
    System.out.printf(Locale.ROOT, "%d letters (copies of the %d example letters), %d cores, %s%n",
        count, sources.size(), Runtime.getRuntime().availableProcessors(), version(soffice));

    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      Path out = work.resolve("round" + round);
      time(times, cpu, "plain soffice, the user's profile", () -> plain(soffice, in, out.resolve("plain"), null, count));
      time(times, cpu, "plain soffice, a new profile", () -> plain(soffice, in, out.resolve("fresh"), out.resolve("profile"), count));
      for (int processes : new int[] {1, 2}) {
        time(times, cpu, "engagement, " + processes + " office process(es), in this JVM",
            () -> ours(in, out.resolve("ours" + processes), processes, count));
        if (Files.exists(jar)) {
          time(times, cpu, "engagement, " + processes + " office process(es), java -jar engagement.jar pdf",
              () -> cli(jar, in, out.resolve("cli" + processes), processes, count));
        }
      }
      delete(out);
    }
    System.out.println();
    for (Map.Entry<String, List<Double>> e : times.entrySet()) {
      List<Double> c = cpu.get(e.getKey());
      System.out.printf(Locale.ROOT, "%-62s best %5.2f s, median %5.2f s; CPU best %5.2f s, median %5.2f s (%d runs)%n",
          e.getKey() + ":", Collections.min(e.getValue()), pct(e.getValue(), 50),
          c.isEmpty() ? Double.NaN : Collections.min(c), c.isEmpty() ? Double.NaN : pct(c, 50), e.getValue().size());
    }
    breakdown(in, sources.size(), work);
    delete(work);
  }

  interface Run {
    void run() throws Exception;
  }

  private static void time(Map<String, List<Double>> times, Map<String, List<Double>> cpu, String name, Run run)
      throws Exception {
    double c0 = cpuSeconds();
    long t0 = System.nanoTime();
    run.run();
    double secs = (System.nanoTime() - t0) / 1e9;
    double c = cpuSeconds() - c0;
    times.computeIfAbsent(name, k -> new ArrayList<>()).add(secs);
    List<Double> cpus = cpu.computeIfAbsent(name, k -> new ArrayList<>());
    if (!Double.isNaN(c)) {
      cpus.add(c);
    }
    System.out.printf(Locale.ROOT, "%-62s %5.2f s (CPU %5.2f s)%n", name + ":", secs, c);
  }

  /**
   * Returns the CPU time of this JVM and of every child process it has waited for (which
   * includes their own waited-for children): utime + stime + cutime + cstime of {@code
   * /proc/self/stat}, assuming 100 clock ticks a second (Linux); NaN elsewhere.
   */
  private static double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14-17 of stat, counted from the state (field 3) at index 0
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
      return ticks / 100.0;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** One soffice for all letters, as typed by a user; {@code profile} null for the user's own. */
  private static void plain(String soffice, Path in, Path out, Path profile, int count) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(soffice));
    if (profile != null) {
      cmd.add("-env:UserInstallation=" + profile.toAbsolutePath().toUri());
    }
    cmd.addAll(List.of("--headless", "--convert-to", "pdf", "--outdir", out.toString()));
    try (Stream<Path> s = Files.list(in)) {
      s.sorted().forEach(p -> cmd.add(p.toString()));
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("soffice exited with " + p.exitValue());
    }
    check(out, count);
  }

  private static void ours(Path in, Path out, int processes, int count) throws Exception {
    try (LibreOfficeConverter office = LibreOfficeConverter.builder().processes(processes).build()) {
      BatchSummary s = Batch.ofDefaults().run(PdfPrint.builder().converter(office).build(), List.of(in), out);
      if (s.success() != count) {
        throw new IllegalStateException(s.toString());
      }
    }
  }

  private static void cli(Path jar, Path in, Path out, int processes, int count) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(), "pdf", "-q",
                "--office-processes", Integer.toString(processes), "--out", out.toString(), in.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("engagement.jar pdf exited with " + p.exitValue());
    }
    check(out, count);
  }

  /** Where one letter's time goes, on one office process and one thread, and the signing time. */
  private static void breakdown(Path in, int warmUp, Path work) throws Exception {
    List<Path> letters;
    try (Stream<Path> s = Files.list(in)) {
      letters = s.sorted().toList();
    }
    ConcurrentLinkedQueue<Double> conversions = new ConcurrentLinkedQueue<>();
    List<Double> totals = new ArrayList<>();
    List<Double> overheads = new ArrayList<>();
    List<Double> signing = new ArrayList<>();
    double cold;
    try (LibreOfficeConverter office = LibreOfficeConverter.builder().processes(1).build()) {
      PdfConverter timed = (docx, pdf) -> {
        long t = System.nanoTime();
        office.convert(docx, pdf);
        conversions.add((System.nanoTime() - t) / 1e6);
      };
      PdfPrint printer = PdfPrint.builder().converter(timed).build();
      PdfSign signer =
          PdfSign.builder().signatures(SignatureSource.folder(Path.of("engagement-examples", "signatures"))).build();
      long t0 = System.nanoTime();
      FileResult first = printer.print(letters.get(0), work.resolve("cold"));
      cold = (System.nanoTime() - t0) / 1e6;
      if (first.output().isEmpty()) {
        throw new IllegalStateException(first.toString());
      }
      for (int i = 0; i < letters.size(); i++) {
        conversions.clear();
        long t = System.nanoTime();
        FileResult pdf = printer.print(letters.get(i), work.resolve("pdf"));
        double total = (System.nanoTime() - t) / 1e6;
        if (i < warmUp) {
          continue;
        }
        totals.add(total);
        overheads.add(total - conversions.stream().mapToDouble(Double::doubleValue).sum());
        long u = System.nanoTime();
        FileResult signed = signer.sign(pdf.output().orElseThrow(), work.resolve("signed"));
        if (!signed.letter().fileName().contains("DO NOT ROLL") && signed.output().isPresent()) {
          signing.add((System.nanoTime() - u) / 1e6);
        }
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "one office process, one thread, %d warm letters:%n", totals.size());
    System.out.printf(Locale.ROOT, "  first letter, office start included: %.0f ms%n", cold);
    System.out.printf(Locale.ROOT, "  a letter:                           median %.0f ms, p90 %.0f ms%n", pct(totals, 50), pct(totals, 90));
    List<Double> converts = new ArrayList<>();
    for (int i = 0; i < totals.size(); i++) {
      converts.add(totals.get(i) - overheads.get(i));
    }
    System.out.printf(Locale.ROOT, "  of which the conversion:            median %.0f ms, p90 %.0f ms%n", pct(converts, 50), pct(converts, 90));
    System.out.printf(Locale.ROOT, "  of which our checks and placing:    median %.1f ms, p90 %.1f ms%n", pct(overheads, 50), pct(overheads, 90));
    System.out.printf(Locale.ROOT, "signing, %d letters:                  median %.0f ms, p90 %.0f ms%n", signing.size(), pct(signing, 50), pct(signing, 90));
  }

  private static void check(Path out, int count) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      long pdfs = s.filter(p -> p.getFileName().toString().endsWith(".pdf")).count();
      if (pdfs != count) {
        throw new IllegalStateException(out + ": " + pdfs + " PDFs for " + count + " letters");
      }
    }
  }

  private static String version(String soffice) {
    try {
      Process p = new ProcessBuilder(soffice, "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
      p.waitFor();
      return v;
    } catch (IOException e) {
      return "soffice not found (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static double pct(List<Double> values, int p) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return v.get(Math.min(v.size() - 1, Math.max(0, (int) Math.ceil(p / 100.0 * v.size()) - 1)));
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
