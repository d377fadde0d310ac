package dev.engagement.examples.bench;

import dev.engagement.core.Batch;
import dev.engagement.core.BatchSummary;
import dev.engagement.core.Rollover;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures rollover throughput (letters/s) on copies of the example letters, after a warm-up,
 * with the number of threads given, and the heap in use after the run; then runs the original
 * app's rules restated in Python ({@code ../shared/bench/baseline_rollover.py}, python-docx) on
 * the same letters, if it is there, and prints the ratio. Not a test: run it by hand.
 *
 * <p>{@code RolloverBench [letters=2000] [threads=cores] [rounds=3]}
 */
public final class RolloverBench {
  private RolloverBench() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    // under target/, not the system temp folder: file creation there can be much slower (it is on
    // the project's machines), which would measure the folder, not the library
    Path target = Files.createDirectories(Path.of("engagement-examples", "target"));
    Path work = Files.createTempDirectory(target, "rollover-bench-");
    Path in = work.resolve("in");
    List<Path> sources = new ArrayList<>();
    try (Stream<Path> s = Files.list(Path.of("engagement-examples/letters"))) {
      s.filter(p -> p.getFileName().toString().endsWith(".docx") && !p.getFileName().toString().startsWith("~")
              && !p.getFileName().toString().contains("DO NOT ROLL"))
          .sorted()
          .forEach(sources::add);
    }
    Files.createDirectories(in);
    for (int i = 0; i < count; i++) {
      Path src = sources.get(i % sources.size());
      Files.copy(src, in.resolve(String.format(Locale.ROOT, "Client %05d 2024 Engagement Letter.docx", i)));
    }
    long bytes = 0;
    for (Path p : sources) {
      bytes += Files.size(p);
    }
    System.out.printf(Locale.ROOT, "%d letters (copies of %d example letters, %d bytes on average), %d thread(s)%n",
        count, sources.size(), bytes / sources.size(), threads);
    Batch batch = Batch.builder().threads(threads).build();
    Rollover rollover = Rollover.ofDefaults();
    double best = 0;
    for (int round = 0; round <= rounds; round++) {
      Path out = work.resolve("out" + round);
      long t0 = System.nanoTime();
      BatchSummary s = batch.run(rollover, List.of(in), out);
      double secs = (System.nanoTime() - t0) / 1e9;
      double rate = count / secs;
      System.out.printf(Locale.ROOT, "%s: %.2f s, %.0f letters/s (%s)%n", round == 0 ? "warm-up" : "round " + round, secs, rate, s);
      if (round > 0) {
        best = Math.max(best, rate);
      }
      delete(out);
    }
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf(Locale.ROOT, "best: %.0f letters/s; heap in use after GC: %.1f MiB%n", best, heap / 1048576.0);

    Path baseline = Path.of("..", "shared", "bench", "baseline_rollover.py");
    if (Files.exists(baseline) && Files.exists(Path.of("/usr/bin/python3"))) {
      List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", baseline.toString(),
          "engagement-core/src/main/resources/dev/engagement/core/user-config.json", work.resolve("py").toString()));
      try (Stream<Path> s = Files.list(in)) {
        s.sorted().forEach(p -> cmd.add(p.toString()));
      }
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String last = "";
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          last = line;
        }
      }
      p.waitFor();
      System.out.println("python-docx baseline: " + last);
      String[] parts = last.split(": ");
      if (parts.length == 2 && parts[1].endsWith("letters/s")) {
        double py = Double.parseDouble(parts[1].replace(" letters/s", ""));
        System.out.printf(Locale.ROOT, "ratio: %.1fx the baseline%n", best / py);
      }
    } else {
      System.out.println("python-docx baseline: not run (../shared/bench or /usr/bin/python3 missing)");
    }
    delete(work);
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
