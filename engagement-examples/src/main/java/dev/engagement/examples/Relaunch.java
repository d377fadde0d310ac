package dev.engagement.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a job command (rollover, entities, pdf, sign) in a second JVM whose flags suit a batch,
 * since {@code java -jar} cannot carry JVM flags: {@code -XX:TieredStopAtLevel=1} (the C1
 * compiler only) and {@code -XX:+UseSerialGC}. Measured on a 2-core machine, the optimizing C2
 * compiler kept about a third of a core busy for the whole of a 2,000- or 10,000-letter batch
 * without making the letters faster (their time goes to allocation, inflating and deflating, and
 * the file system), and cost 30-40% of the run's wall time; the first JVM costs about 0.1 s.
 *
 * <p>Only the shipped form is relaunched, {@code java [options] -jar engagement.jar ...}: the
 * second JVM gets the same {@code java}, jar, arguments and the first JVM's options (heap sizes,
 * system properties), inherits the console, and its exit code is the command's. A signal to the first JVM is passed on (SIGTERM) and waited for, so the report and
 * the events file are written as without the relaunch, and the exit code is still 130 or 143;
 * if the first JVM is killed, the second stops the batch as for SIGTERM.
 *
 * <p>Not relaunched: batches of fewer than 200 files (over before the compiler matters), other
 * commands (a server runs long: C2 pays there), help and version, a JVM started with compiler,
 * GC or agent options (they are the user's choice), and when {@code
 * -Dengagement.relaunch=false} or the environment variable {@code ENGAGEMENT_RELAUNCH=false} says
 * so.
 */
final class Relaunch {
  /** Set in the second JVM (to the first one's process id), so that it does not relaunch. */
  static final String MARKER = "engagement.relaunched";

  /** The flags the second JVM gets. */
  static final List<String> FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private static final Set<String> JOB_COMMANDS = Set.of("rollover", "entities", "pdf", "sign");
  private static final long STOP_WAIT_MINUTES = 5;
  private static final int MIN_FILES = 200;

  private Relaunch() {}

  /**
   * Runs the command in a second JVM when that helps, and returns its exit code; empty when this
   * JVM is to run it.
   */
  static OptionalInt runIfUseful(String[] args) {
    if (!wanted(args)) {
      return OptionalInt.empty();
    }
    // the shipped form only, java [options] -jar engagement.jar ...: what came before -jar are
    // the JVM's options (read from the process, without the cost of the management beans)
    String[] all = ProcessHandle.current().info().arguments().orElse(new String[0]);
    int jar = List.of(all).indexOf("-jar");
    if (jar < 0 || jar + 1 >= all.length) {
      return OptionalInt.empty();
    }
    List<String> jvm = List.of(all).subList(0, jar);
    for (String a : jvm) {
      if (a.startsWith("-XX:") || a.startsWith("-agent") || a.startsWith("-javaagent") || a.startsWith("-Xrun")
          || a.startsWith("-Xdebug") || a.equals("-Xint") || a.equals("-Xcomp") || a.startsWith("@")) {
        return OptionalInt.empty();
      }
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaCommand());
    cmd.addAll(jvm);
    cmd.addAll(FLAGS);
    cmd.add("-D" + MARKER + "=" + ProcessHandle.current().pid());
    cmd.add("-jar");
    cmd.add(all[jar + 1]);
    cmd.addAll(List.of(args));
    Process child;
    try {
      child = new ProcessBuilder(cmd).inheritIO().start();
    } catch (IOException | RuntimeException e) {
      return OptionalInt.empty(); // run here, as before
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> passOn(child), "engagement-relaunch"));
    while (true) {
      try {
        return OptionalInt.of(child.waitFor());
      } catch (InterruptedException e) {
        // the main thread is not interrupted on a signal; keep waiting for the command's code
      }
    }
  }

  /**
   * In the second JVM: stops the batch (as a signal would) if the first JVM dies, e.g. killed
   * with SIGKILL, so that no batch goes on unseen.
   */
  static void watchParent(StopOnSignal stop) {
    String marker = System.getProperty(MARKER);
    if (marker == null) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(marker);
    } catch (NumberFormatException e) {
      return;
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      stop.cancellation().cancel();
      return;
    }
    parent.get().onExit().thenRun(() -> stop.cancellation().cancel());
  }

  private static boolean wanted(String[] args) {
    if (System.getProperty(MARKER) != null
        || "false".equalsIgnoreCase(System.getProperty("engagement.relaunch"))
        || "false".equalsIgnoreCase(System.getenv("ENGAGEMENT_RELAUNCH"))
        || args.length == 0
        || !JOB_COMMANDS.contains(args[0].toLowerCase(Locale.ROOT))) {
      return false;
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return false;
      }
    }
    return atLeastFiles(args, MIN_FILES);
  }

  /**
   * Returns whether the arguments that name existing files and folders hold at least {@code n}
   * files (folders walked, stopping at n). A batch of a few letters is over before the
   * compiler matters, and the second JVM would cost more than it saves. The count may include
   * an option's folder (an existing output folder): it only chooses the faster way to run.
   */
  private static boolean atLeastFiles(String[] args, int n) {
    int[] count = {0};
    for (int i = 1; i < args.length && count[0] < n; i++) {
      Path p;
      try {
        p = Path.of(args[i]);
      } catch (InvalidPathException e) {
        continue;
      }
      if (Files.isRegularFile(p)) {
        count[0]++;
      } else if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).limit(n - count[0]).forEach(f -> count[0]++);
        } catch (IOException | UncheckedIOException e) {
          // not worth a decision
        }
      }
    }
    return count[0] >= n;
  }

  private static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** On a signal to the first JVM: passes SIGTERM on to the second and waits for it to end. */
  private static void passOn(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      child.waitFor(STOP_WAIT_MINUTES, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
