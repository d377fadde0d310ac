package dev.engagement.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures rollover end to end, the way a user meets it, side by side with the original app's
 * rules: each round runs, as separate processes and one after the other, the original rules
 * restated in Python ({@code ../shared/bench/baseline_rollover.py}, python-docx) and the
 * command line ({@code java -jar engagement-examples/target/engagement.jar rollover -q}) on the
 * same copies of the example letters, and times each from process start to exit. It prints each
 * round, the median of each side, the ratio, and the machine (cores, CPU, load before and after:
 * on a shared machine the load changes the figures, so compare runs with their load).
 *
 * <p>Also: the same command kept in one JVM ({@code -Dengagement.relaunch=false}: the command
 * line otherwise runs a batch this size in a second JVM with batch flags, see {@code Relaunch}),
 * start-up (the command on no letter), the first 500 letters, and 10,000 letters with {@code
 * -Xmx256m}, whose every output is checked to be byte for byte what a run of the three example
 * letters gives. Not a test: run it by hand from the repository root
 * after {@code mvn -q -DskipTests package}.
 *
 * <p>{@code RolloverBench [letters=2000] [rounds=5] [big=10000]} (big=0 skips the 10,000 run;
 * {@code -Dengagement.jar=PATH} measures another build of the jar)
 */
public final class RolloverBench {
  private static final Path JAR =
      Path.of(System.getProperty("engagement.jar", "engagement-examples/target/engagement.jar"));
  private static final Path BASELINE = Path.of("..", "shared", "bench", "baseline_rollover.py");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path SETTINGS =
      Path.of("engagement-core", "src", "main", "resources", "dev", "engagement", "core", "user-config.json");

  private RolloverBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int big = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    if (!Files.exists(JAR)) {
      throw new IllegalStateException("build the jar first: mvn -q -DskipTests package (looked for " + JAR + ")");
    }
    // under target/, not the system temp folder: file creation there can be much slower (it is on
    // the project's machines), which would measure the folder, not the library
    Path target = Files.createDirectories(Path.of("engagement-examples", "target"));
    Path work = Files.createTempDirectory(target, "rollover-bench-");
    try {
      System.out.println(machine());
      List<Path> sources = exampleLetters();
      Path in = letters(work.resolve("in"), sources, count);
      Path in500 = letters(work.resolve("in500"), sources, Math.min(500, count));
      Path none = Files.createDirectories(work.resolve("none"));
      System.out.printf(Locale.ROOT, "%d letters: copies of %d example letters, %d bytes on average%n%n",
          count, sources.size(), averageSize(sources));

      boolean python = Files.exists(BASELINE) && Files.exists(PYTHON);
      if (!python) {
        System.out.println("python-docx baseline: not run (" + BASELINE + " or " + PYTHON + " missing)");
      }
      double[] py = new double[rounds];
      double[] java = new double[rounds];
      double[] oneJvm = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        if (python) {
          py[r] = python(work, in);
        }
        java[r] = run(work, List.of(), in, "java");
        oneJvm[r] = run(work, List.of("-Dengagement.relaunch=false"), in, "one-jvm");
        System.out.printf(Locale.ROOT, "round %d: python %s, java %.2f s, java in one JVM %.2f s (load %.2f)%n",
            r + 1, python ? String.format(Locale.ROOT, "%.2f s", py[r]) : "-", java[r], oneJvm[r], load());
      }
      double javaMedian = median(java);
      System.out.printf(Locale.ROOT, "%nend to end, %d letters, process start included (median of %d):%n", count, rounds);
      if (python) {
        double pyMedian = median(py);
        System.out.printf(Locale.ROOT, "  python-docx (original rules) %6.2f s  %6.0f letters/s%n", pyMedian, count / pyMedian);
        System.out.printf(Locale.ROOT, "  engagement.jar               %6.2f s  %6.0f letters/s  %.1fx%n",
            javaMedian, count / javaMedian, pyMedian / javaMedian);
        double one = median(oneJvm);
        System.out.printf(Locale.ROOT, "  engagement.jar in one JVM    %6.2f s  %6.0f letters/s  %.1fx%n", one, count / one, pyMedian / one);
      } else {
        System.out.printf(Locale.ROOT, "  engagement.jar %.2f s, %.0f letters/s%n", javaMedian, count / javaMedian);
      }

      double[] start = new double[rounds];
      double[] first500 = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        start[r] = run(work, List.of(), none, "start");
        first500[r] = run(work, List.of(), in500, "500");
      }
      System.out.printf(Locale.ROOT, "start-up (no letter) %.2f s; the first %d letters %.2f s (medians)%n",
          median(start), Math.min(500, count), median(first500));

      if (big > 0) {
        big(work, sources, big);
      }
      System.out.printf(Locale.ROOT, "%n%s%n", machine());
    } finally {
      delete(work);
    }
  }

  /** Runs the command line on a folder, into a new output folder, and returns the seconds. */
  private static double run(Path work, List<String> jvm, Path in, String what) throws Exception {
    Path out = work.resolve("out-" + what + "-" + System.nanoTime());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", JAR.toString(), "rollover", "-q", "--out", out.toString(), in.toString()));
    double secs = timed(cmd, work.resolve(what + ".log"));
    delete(out);
    return secs;
  }

  /** Runs the original rules in Python on the files of a folder and returns the seconds. */
  private static double python(Path work, Path in) throws Exception {
    Path out = work.resolve("py-" + System.nanoTime());
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), BASELINE.toString(), SETTINGS.toString(), out.toString()));
    try (Stream<Path> s = Files.list(in)) {
      s.sorted().forEach(p -> cmd.add(p.toString()));
    }
    double secs = timed(cmd, work.resolve("python.log"));
    delete(out);
    return secs;
  }

  private static double timed(List<String> cmd, Path log) throws Exception {
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException(cmd.get(0) + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Rolls {@code count} letters in {@code -Xmx256m} and checks every output against a run of the
   * three letters they are copies of.
   */
  private static void big(Path work, List<Path> sources, int count) throws Exception {
    Path in = letters(work.resolve("big-in"), sources, count);
    Path reference = letters(work.resolve("big-ref"), sources, sources.size());
    Path refOut = work.resolve("big-ref-out");
    Path out = work.resolve("big-out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    timed(List.of(java, "-jar", JAR.toString(), "rollover", "-q", "--out", refOut.toString(), reference.toString()),
        work.resolve("big-ref.log"));
    Path gc = work.resolve("big-gc.log");
    double secs = timed(List.of(java, "-Xmx256m", "-Xlog:gc:file=" + gc, "-jar", JAR.toString(), "rollover", "-q",
        "--out", out.toString(), in.toString()), work.resolve("big.log"));
    int identical = 0;
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "Client %05d 2025 Engagement Letter.docx", i);
      String ref = String.format(Locale.ROOT, "Client %05d 2025 Engagement Letter.docx", i % sources.size());
      if (Arrays.equals(Files.readAllBytes(out.resolve(name)), Files.readAllBytes(refOut.resolve(ref)))) {
        identical++;
      }
    }
    long outputs;
    try (Stream<Path> s = Files.list(out)) {
      outputs = s.count();
    }
    System.out.printf(Locale.ROOT, "%n%d letters with -Xmx256m: %.2f s, %.0f letters/s; %d outputs, %d byte for byte"
        + " those of the %d example letters; heap after the last GC: %s%n", count, secs, count / secs, outputs,
        identical, sources.size(), lastHeap(gc));
  }

  /** The heap in use after the last collection, from a -Xlog:gc file ("...M->12M(256M)..."). */
  private static String lastHeap(Path gcLog) throws IOException {
    String last = "no collection";
    for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
      int arrow = line.lastIndexOf("->");
      if (arrow > 0 && line.contains("Pause")) {
        last = line.substring(arrow + 2).split(" ")[0];
      }
    }
    return last;
  }

  private static List<Path> exampleLetters() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("engagement-examples", "letters"))) {
      return s.filter(p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".docx") && !n.startsWith("~") && !n.contains("DO NOT ROLL");
          })
          .sorted()
          .toList();
    }
  }

  private static Path letters(Path dir, List<Path> sources, int count) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      Files.copy(sources.get(i % sources.size()), dir.resolve(String.format(Locale.ROOT, "Client %05d 2024 Engagement Letter.docx", i)));
    }
    return dir;
  }

  private static long averageSize(List<Path> sources) throws IOException {
    long bytes = 0;
    for (Path p : sources) {
      bytes += Files.size(p);
    }
    return bytes / sources.size();
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String machine() throws IOException {
    String cpu = "?";
    Path info = Path.of("/proc/cpuinfo");
    if (Files.exists(info)) {
      cpu = Files.readAllLines(info, StandardCharsets.UTF_8).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("?");
    }
    return String.format(Locale.ROOT, "machine: %d cores (%s), %s %s, Java %s; load average %.2f",
        Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), load());
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
