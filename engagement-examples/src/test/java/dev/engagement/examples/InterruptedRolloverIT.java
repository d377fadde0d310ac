package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the command line (the shipped {@code engagement.jar}, in its own {@code java} process)
 * with SIGKILL, SIGTERM and SIGINT at random points of a rollover batch, then runs the same
 * command again: every letter has exactly one output, byte for byte the one an uninterrupted run
 * writes, and no temporary file remains. After SIGTERM and SIGINT the process exits 143 and 130
 * having deleted its temporary files and written its report and events file, the letters not
 * reached listed as not started. A batch this size runs in a second JVM (see {@code Relaunch}):
 * the signals go to the first, as a user's would, and the second must follow them.
 *
 * <p>Runs in {@code mvn verify} (failsafe, after the jar is built). The random points come from
 * a seed printed with every failure; {@code -Dengagement.kill.seed=N} replays one.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
final class InterruptedRolloverIT {
  private static final int CLIENTS = 300;
  private static final Path JAR =
      Path.of(System.getProperty("engagement.jar", "target/engagement.jar")).toAbsolutePath();

  @TempDir static Path work;

  private static Path in;
  private static Map<String, byte[]> expected;
  private static int letters;

  /** The letters, and the outputs of an uninterrupted run. */
  @BeforeAll
  static void uninterruptedRun() throws Exception {
    assertThat(JAR).as("the jar is built by mvn package").exists();
    in = work.resolve("in");
    List<Path> examples;
    try (Stream<Path> s = Files.list(EngagementCliTest.LETTERS)) {
      examples =
          s.filter(p -> !p.getFileName().toString().startsWith("~")).sorted().toList();
    }
    // sub-folders, several example letters, and pairs of letters that roll to one name
    for (int i = 0; i < CLIENTS; i++) {
      Path src = examples.get(i % examples.size());
      String name = src.getFileName().toString().replace("2024", "").replace("  ", " ");
      Path folder = in.resolve("group " + (i % 4));
      Files.createDirectories(folder);
      Files.copy(src, folder.resolve(String.format(Locale.ROOT, "Client %03d 2024 %s", i, name)));
      if (i % 10 == 0) {
        Files.copy(src, folder.resolve(String.format(Locale.ROOT, "Client %03d 2024 %s", i, name.replace(".docx", " - final.docx"))));
      }
    }
    try (Stream<Path> s = Files.walk(in)) {
      letters = (int) s.filter(Files::isRegularFile).count();
    }
    Path reference = work.resolve("reference");
    Run run = Run.start(in, reference, work.resolve("reference-report.json"), work.resolve("reference-events.ndjson"));
    // a batch this size runs in a second JVM with the batch flags (Relaunch)
    String second = "";
    while (run.process.isAlive() && second.isEmpty()) {
      second = run.process.descendants()
          .map(h -> String.join(" ", h.info().arguments().orElse(new String[0])))
          .filter(a -> a.contains("-jar"))
          .findFirst()
          .orElse("");
      Thread.sleep(5);
    }
    assertThat(second).contains("-XX:TieredStopAtLevel=1", "-Xmx256m", "rollover");
    assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(run.process.exitValue()).as(run.log()).isZero();
    expected = files(reference);
    assertThat(expected).hasSizeGreaterThan(CLIENTS / 2);
    assertThat(expected.keySet()).anyMatch(k -> k.endsWith(" (2).docx"));
  }

  /** One run of the command line. */
  record Run(Process process, Path out, Path report, Path events, Path logFile) {
    static Run start(Path in, Path out, Path report, Path events) throws IOException {
      Path log = Files.createTempFile(work, "run-", ".log");
      // as at a terminal, SIGINT does its default: a build run in the background of a script
      // (nohup, &) has it ignored, every child inherits that, and the JVM then leaves SIGINT
      // alone (GNU env resets it, then runs java in its place: the same process)
      List<String> cmd = new ArrayList<>(List.of(
          "env", "--default-signal=INT",
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m",
          "-jar", JAR.toString(),
          "rollover", "-q", "--threads", "2",
          "--out", out.toString(),
          "--report", report.toString(),
          "--events", events.toString(),
          in.toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new Run(p, out, report, events, log);
    }

    String log() {
      try {
        return Files.readString(logFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    }
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    if (!Files.exists(dir)) {
      return m;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        m.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return m;
  }

  private static List<String> temporaryFiles(Path... dirs) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.exists(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".~")).forEach(found::add);
      }
    }
    return found;
  }

  /** Counts the outputs placed; while the batch runs, files come and go under the walk. */
  private static int outputs(Path out) throws IOException {
    for (int attempt = 0; ; attempt++) {
      if (!Files.exists(out)) {
        return 0;
      }
      try (Stream<Path> s = Files.walk(out)) {
        return (int) s.filter(p -> p.getFileName().toString().endsWith(".docx")).count();
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(p.pid())).inheritIO().start();
    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Starts a batch, sends the signal at a random point (a random number of outputs placed, or
   * for SIGKILL sometimes a random moment of start-up), and returns the run once it has exited.
   */
  private static Run interrupted(String signal, Random random, String what) throws Exception {
    Path dir = work.resolve(what);
    Path out = dir.resolve("out");
    Path reports = dir.resolve("reports");
    Run run = Run.start(in, out, reports.resolve("report.json"), reports.resolve("events.ndjson"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    if (signal.equals("KILL") && random.nextInt(4) == 0) {
      Thread.sleep(random.nextInt(600));
    } else {
      // a signal other than KILL is sent once the batch has started (the command line has set up
      // its handling by then); the point is a random count of outputs placed
      int target = 1 + random.nextInt(expected.size() / 2);
      while (run.process.isAlive() && System.nanoTime() < deadline
          && (!Files.exists(run.events) || outputs(out) < target)) {
        Thread.sleep(2);
      }
    }
    assertThat(run.process.isAlive()).as(what + ": the batch ended before the signal; " + run.log()).isTrue();
    // the command line runs a batch this size in a second JVM (see Relaunch): the signal goes to
    // the first, as a user's would; the second stops with it, and is waited for here
    List<ProcessHandle> children = run.process.descendants().toList();
    signal(run.process, signal);
    assertThat(run.process.waitFor(120, TimeUnit.SECONDS)).as(what).isTrue();
    for (ProcessHandle child : children) {
      child.onExit().get(120, TimeUnit.SECONDS);
    }
    return run;
  }

  private static void rerunCompletes(Run interrupted, String what) throws Exception {
    Path reports = interrupted.report().getParent();
    Run rerun = Run.start(in, interrupted.out(), interrupted.report(), interrupted.events());
    assertThat(rerun.process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(rerun.process.exitValue()).as(what + ": " + rerun.log()).isZero();
    Map<String, byte[]> actual = files(interrupted.out());
    assertThat(actual.keySet()).as(what + ": every letter has exactly one output").containsExactlyElementsOf(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as(what + ": " + e.getKey()).isEqualTo(e.getValue());
    }
    assertThat(temporaryFiles(interrupted.out(), reports)).as(what).isEmpty();
    JsonNode report = Json.MAPPER.readTree(interrupted.report().toFile());
    assertThat(report.get("summary").get("notStarted").asInt()).isZero();
    assertThat(report.get("summary").get("success").asInt()).isEqualTo(expected.size());
  }

  private static Random random(String what) {
    long seed = Long.getLong("engagement.kill.seed", System.nanoTime());
    System.out.println(what + ": seed " + seed);
    return new Random(seed);
  }

  /**
   * Like {@link #interrupted}, but at another random point when every letter was done before the
   * signal reached the batch (exit 0, or every output placed: on a loaded machine, starting
   * {@code kill} can take longer than the rest of the batch); at most 5 points, then the test
   * fails.
   */
  private static Run interruptedInTime(String signal, Random random, String what) throws Exception {
    for (int attempt = 1; attempt <= 5; attempt++) {
      Run run = interrupted(signal, random, what + "-" + attempt + "-" + random.nextInt(1_000_000));
      int code = run.process.exitValue();
      if (code == 0) {
        JsonNode summary = Json.MAPPER.readTree(run.report().toFile()).get("summary");
        assertThat(summary.get("notStarted").asInt()).as(what + ": exit 0 but letters left: " + run.log()).isZero();
      } else if (signal.equals("KILL")) {
        if (outputs(run.out()) < expected.size()) {
          return run;
        }
      } else if (!Files.exists(run.report())
          || Json.MAPPER.readTree(run.report().toFile()).get("summary").get("notStarted").asInt() > 0) {
        return run;
      }
      System.out.println(what + ": every letter was done before the signal reached the batch (exit " + code
          + "); another point");
    }
    throw new AssertionError(what + ": 5 batches in a row ended before the signal reached them");
  }

  @Test
  void sigkillAtRandomPointsThenARerunCompletesWithoutDuplicates() throws Exception {
    for (int i = 1; i <= 3; i++) {
      String what = "SIGKILL run " + i;
      Random random = random(what);
      Run run = interruptedInTime("KILL", random, what);
      assertThat(run.process.exitValue()).as(what).isEqualTo(137);
      assertThat(outputs(run.out())).as(what).isLessThan(expected.size());
      rerunCompletes(run, what);
    }
  }

  @Test
  void sigtermAndSigintStopCleanlyWithAReportThenARerunCompletes() throws Exception {
    for (String signal : List.of("TERM", "INT", "TERM")) {
      String what = "SIG" + signal;
      Random random = random(what);
      Run run = interruptedInTime(signal, random, what);
      int code = run.process.exitValue();
      assertThat(code).as(what + ": " + run.log()).isEqualTo(signal.equals("INT") ? 130 : 143);
      assertThat(temporaryFiles(run.out(), run.report().getParent())).as(what + " leaves no temporary file").isEmpty();

      // the report and the events file say what was done and what was not started
      JsonNode report = Json.MAPPER.readTree(run.report().toFile());
      JsonNode summary = report.get("summary");
      int notStarted = summary.get("notStarted").asInt();
      assertThat(notStarted).as(what + ": " + run.log()).isPositive();
      int counted = 0;
      for (String status : List.of("success", "unchanged", "skipped", "failed", "notStarted")) {
        counted += summary.get(status).asInt();
      }
      assertThat(counted).isEqualTo(letters);
      assertThat(summary.get("failed").asInt()).isZero();
      JsonNode results = report.get("results");
      assertThat(results).hasSize(letters);
      int placed = 0;
      for (JsonNode r : results) {
        if (r.get("status").asText().equals("success")) {
          placed++;
          Path output = run.out().resolve(r.get("output").asText());
          assertThat(Files.readAllBytes(output)).isEqualTo(expected.get(r.get("output").asText()));
        } else {
          assertThat(r.get("status").asText()).isIn("not_started", "skipped", "unchanged");
        }
      }
      assertThat(placed).isEqualTo(outputs(run.out()));
      List<String> events = Files.readAllLines(run.events(), StandardCharsets.UTF_8);
      assertThat(Json.MAPPER.readTree(events.get(events.size() - 1)).get("type").asText()).isEqualTo("complete");
      assertThat(events.stream().filter(l -> l.contains("\"process-result\"")).count()).isEqualTo(letters);
      assertThat(run.log()).contains("not started");

      rerunCompletes(run, what);
    }
  }
}
