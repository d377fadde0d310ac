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
 * same copies of letters, and times each from process start to exit. Both sides get the same
 * settings, the example firm's ({@code example-user-config.json} of engagement-core), so both
 * rewrite the fee sentences; the bench checks that both wrote the same output names. It prints
 * each round, the median of each side, the ratio, and the machine (cores, CPU, load before and
 * after: on a shared machine the load changes the figures, so compare runs with their load).
 *
 * <p>Two letter sets: {@code examples}, copies of the example letters of {@code
 * engagement-examples/letters} (about 5 KB each), and {@code realistic}, copies of the real
 * engagement letters of {@code ../shared/corpus/real/engagement-letters} (made by Word, 20 and
 * 60 KB, read at run time, never copied into the repository) taking turns with the example
 * letters. Without that folder, the realistic set falls back to the examples and says so.
 *
 * <p>Also: the same command kept in one JVM ({@code -Dengagement.relaunch=false}: the command
 * line otherwise runs a batch this size in a second JVM with batch flags, see {@code Relaunch}),
 * start-up (the command on no letter), the first 500 letters, and 10,000 letters with {@code
 * -Xmx256m}, whose every output is checked to be byte for byte what a run of the three example
 * letters gives. Not a test: run it by hand from the repository root
 * after {@code mvn -q -DskipTests package}.
 *
 * <p>{@code RolloverBench [letters=2000] [rounds=5] [big=10000] [set=examples|realistic]} (big=0
 * skips the 10,000 run; the set may also be given as {@code -Dbench.letters=realistic}, the
 * argument wins; {@code -Dengagement.jar=PATH} measures another build of the jar)
 */
public final class RolloverBench {
  private static final Path JAR =
      Path.of(System.getProperty("engagement.jar", "engagement-examples/target/engagement.jar"));
  private static final Path BASELINE = Path.of("..", "shared", "bench", "baseline_rollover.py");
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  /** The example firm's settings, given to both sides (the default user-config.json has no rates). */
  private static final Path SETTINGS =
      Path.of("engagement-core", "src", "main", "resources", "dev", "engagement", "core", "example-user-config.json");
  private static final Path REAL_LETTERS = Path.of("..", "shared", "corpus", "real", "engagement-letters");

  private RolloverBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int big = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    String set = args.length > 3 ? args[3] : System.getProperty("bench.letters", "examples");
    if (!set.equals("examples") && !set.equals("realistic")) {
      throw new IllegalArgumentException("the letter set must be examples or realistic but was " + set);
    }
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
      String described = "copies of " + sources.size() + " example letters";
      if (set.equals("realistic")) {
        List<Path> real = realLetters();
        if (real.isEmpty()) {
          System.out.println("realistic letters: " + REAL_LETTERS + " is missing or holds no .docx;"
              + " falling back to the example letters");
          set = "examples";
        } else {
          List<Path> mixed = new ArrayList<>(sources);
          mixed.addAll(real);
          sources = List.copyOf(mixed);
          described = "copies of " + real.size() + " real engagement letters (" + REAL_LETTERS + ") taking turns with "
              + (sources.size() - real.size()) + " example letters";
        }
      }
      Path in = letters(work.resolve("in"), sources, count);
      Path in500 = letters(work.resolve("in500"), sources, Math.min(500, count));
      Path none = Files.createDirectories(work.resolve("none"));
      System.out.printf(Locale.ROOT, "letter set %s: %d letters, %s, %d bytes on average%n", set, count, described,
          averageSize(in));
      System.out.printf(Locale.ROOT, "settings (both sides): %s%n%n", SETTINGS);

      boolean python = Files.exists(BASELINE) && Files.exists(PYTHON);
      if (!python) {
        System.out.println("python-docx baseline: not run (" + BASELINE + " or " + PYTHON + " missing)");
      }
      double[] py = new double[rounds];
      double[] java = new double[rounds];
      double[] oneJvm = new double[rounds];
      List<List<String>> outputs = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        outputs.clear();
        if (python) {
          py[r] = python(work, in, outputs);
        }
        java[r] = run(work, List.of(), in, "java", outputs);
        oneJvm[r] = run(work, List.of("-Dengagement.relaunch=false"), in, "one-jvm", outputs);
        if (r == 0) {
          System.out.println(sameOutputs(outputs));
        }
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
        start[r] = run(work, List.of(), none, "start", new ArrayList<>());
        first500[r] = run(work, List.of(), in500, "500", new ArrayList<>());
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

  /**
   * Runs the command line on a folder, into a new output folder, adds the names of its outputs to
   * {@code outputs}, and returns the seconds.
   */
  private static double run(Path work, List<String> jvm, Path in, String what, List<List<String>> outputs)
      throws Exception {
    Path out = work.resolve("out-" + what + "-" + System.nanoTime());
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvm);
    cmd.addAll(List.of("-jar", JAR.toString(), "rollover", "-q", "--settings", SETTINGS.toString(), "--out",
        out.toString(), in.toString()));
    double secs = timed(cmd, work.resolve(what + ".log"));
    outputs.add(names(out));
    delete(out);
    return secs;
  }

  /**
   * Runs the original rules in Python on the files of a folder, adds the names of its outputs to
   * {@code outputs}, and returns the seconds.
   */
  private static double python(Path work, Path in, List<List<String>> outputs) throws Exception {
    Path out = work.resolve("py-" + System.nanoTime());
    List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), BASELINE.toString(), SETTINGS.toString(), out.toString()));
    try (Stream<Path> s = Files.list(in)) {
      s.sorted().forEach(p -> cmd.add(p.toString()));
    }
    double secs = timed(cmd, work.resolve("python.log"));
    outputs.add(names(out));
    delete(out);
    return secs;
  }

  /** The sorted file names in a folder; none if it does not exist (nothing was written). */
  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Says whether every run of a round wrote the same output names, and how many. */
  private static String sameOutputs(List<List<String>> outputs) {
    List<Integer> counts = outputs.stream().map(List::size).toList();
    boolean same = outputs.stream().distinct().count() == 1;
    return (same ? "same work: every run of round 1 wrote the same " + counts.get(0) + " output names"
        : "NOT THE SAME WORK: the runs of round 1 wrote different output names (counts " + counts + ")")
        + " (python first if run)";
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
   * letters they are copies of.
   */
  private static void big(Path work, List<Path> sources, int count) throws Exception {
    Path in = letters(work.resolve("big-in"), sources, count);
    Path reference = letters(work.resolve("big-ref"), sources, sources.size());
    Path refOut = work.resolve("big-ref-out");
    Path out = work.resolve("big-out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    timed(List.of(java, "-jar", JAR.toString(), "rollover", "-q", "--settings", SETTINGS.toString(), "--out",
        refOut.toString(), reference.toString()), work.resolve("big-ref.log"));
    Path gc = work.resolve("big-gc.log");
    double secs = timed(List.of(java, "-Xmx256m", "-Xlog:gc:file=" + gc, "-jar", JAR.toString(), "rollover", "-q",
        "--settings", SETTINGS.toString(), "--out", out.toString(), in.toString()), work.resolve("big.log"));
    // a letter with nothing to roll has no output, in both runs
    int identical = 0;
    int expected = 0;
    for (int i = 0; i < count; i++) {
      Path output = out.resolve(String.format(Locale.ROOT, "Client %05d 2025 Engagement Letter.docx", i));
      Path ref = refOut.resolve(String.format(Locale.ROOT, "Client %05d 2025 Engagement Letter.docx", i % sources.size()));
      if (Files.exists(ref)) {
        expected++;
        if (Files.exists(output) && Arrays.equals(Files.readAllBytes(output), Files.readAllBytes(ref))) {
          identical++;
        }
      }
    }
    int outputs = names(out).size();
    System.out.printf(Locale.ROOT, "%n%d letters with -Xmx256m: %.2f s, %.0f letters/s; %d outputs (%d expected), %d"
        + " byte for byte those of the %d letters they copy; heap after the last GC: %s%n", count, secs, count / secs,
        outputs, expected, identical, sources.size(), lastHeap(gc));
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

  /** The real engagement letters of the corpus, or none if the folder is missing. */
  private static List<Path> realLetters() throws IOException {
    if (!Files.isDirectory(REAL_LETTERS)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(REAL_LETTERS)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".docx")).sorted().toList();
    }
  }

  private static Path letters(Path dir, List<Path> sources, int count) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < count; i++) {
      Files.copy(sources.get(i % sources.size()), dir.resolve(String.format(Locale.ROOT, "Client %05d 2024 Engagement Letter.docx", i)));
    }
    return dir;
  }

  /** The average size of the files of a folder. */
  private static long averageSize(Path dir) throws IOException {
    long bytes = 0;
    int n = 0;
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        bytes += Files.size(p);
        n++;
      }
    }
    return n == 0 ? 0 : bytes / n;
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
