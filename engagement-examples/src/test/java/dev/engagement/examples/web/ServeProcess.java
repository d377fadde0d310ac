package dev.engagement.examples.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar engagement.jar serve ...} in its own process, as users start it: waits for the
 * line with its URL, collects stdout and stderr, and stops it with SIGTERM (as Ctrl-C would).
 */
final class ServeProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("engagement.jar", "target/engagement.jar"));
  static final String SECRET = "web-test-secret-0123456789abcdef0123456789";
  private static final Pattern URL = Pattern.compile("(http://[0-9.]+:[0-9]+/)");
  private static final Pattern WORK = Pattern.compile("work folder (\\S+)\\)");

  final Process process;
  final String url;
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();

  private ServeProcess(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** Starts {@code serve --port 0} with these arguments in a folder, with {@code SECRET_KEY} set. */
  static ServeProcess start(Path folder, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(), "serve", "--port", "0"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(folder.toFile());
    pb.environment().put("SECRET_KEY", SECRET);
    Process p = pb.start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    ServeProcess[] self = new ServeProcess[1];
    List<String> early = new ArrayList<>();
    Thread reader = new Thread(() -> pump(p.getInputStream(), lines), "serve-stdout");
    reader.setDaemon(true);
    reader.start();
    List<String> errLines = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread errReader = new Thread(() -> pump(p.getErrorStream(), errLines), "serve-stderr");
    errReader.setDaemon(true);
    errReader.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        if (!p.isAlive()) {
          break;
        }
        continue;
      }
      early.add(line);
      Matcher m = URL.matcher(line);
      if (m.find()) {
        self[0] = new ServeProcess(p, m.group(1));
        self[0].out.addAll(early);
        ServeProcess s = self[0];
        Thread rest = new Thread(() -> {
          try {
            while (true) {
              String l = lines.poll(1, TimeUnit.SECONDS);
              if (l != null) {
                synchronized (s.out) {
                  s.out.add(l);
                }
              } else if (!p.isAlive() && lines.isEmpty()) {
                return;
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }, "serve-stdout-collect");
        rest.setDaemon(true);
        rest.start();
        s.errSource = errLines;
        return s;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("serve printed no URL: " + early + " / " + errLines);
  }

  private List<String> errSource = List.of();

  private static void pump(java.io.InputStream in, java.util.Collection<String> into) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        into.add(l);
      }
    } catch (IOException e) {
      into.add("(read failed: " + e + ")");
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  String out() {
    synchronized (out) {
      return String.join("\n", out);
    }
  }

  String err() {
    synchronized (errSource) {
      return String.join("\n", errSource);
    }
  }

  /** Returns the work folder the server logged. */
  Path workFolder() {
    Matcher m = WORK.matcher(err());
    if (!m.find()) {
      throw new AssertionError("no work folder in the log: " + err());
    }
    return Path.of(m.group(1));
  }

  /** Sends SIGTERM (as Ctrl-C's shutdown does) and waits for the process to end; returns its exit code. */
  int stop() throws InterruptedException {
    // through the handle: Process.destroy() would also close the streams we still read
    process.toHandle().destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("serve did not stop within 90 s of SIGTERM");
    }
    Thread.sleep(300);
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** Returns the example firm's user-config.json (core's example file, or its built-in one before the split). */
  static java.io.InputStream exampleSettings() {
    java.io.InputStream in = dev.engagement.core.Settings.class.getResourceAsStream("example-user-config.json");
    return in != null ? in : dev.engagement.core.Settings.class.getResourceAsStream("user-config.json");
  }

  static void copyLetters(Path to) throws IOException {
    Files.createDirectories(to);
    try (var s = Files.list(Path.of("letters"))) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(p.getFileName()));
      }
    }
  }
}
