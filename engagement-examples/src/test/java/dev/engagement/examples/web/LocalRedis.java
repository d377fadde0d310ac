package dev.engagement.examples.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for the web tests, on 127.0.0.1 and a free port, without
 * persistence, in a temporary folder; stopped by its own process handle. Without the program the
 * test is skipped, except in CI (the environment variable {@code CI} set), where it fails.
 */
final class LocalRedis implements AutoCloseable {
  private static final List<String> DIRS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin");

  final int port;
  private final Process process;

  private LocalRedis(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Returns whether this is a CI run ({@code .ci/run} sets {@code CI=true}). */
  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  /** Skips the test, or fails it in CI. */
  static void skipOrFail(String message) {
    if (inCi()) {
      throw new AssertionError(message + " (CI is set: what a test needs must be there)");
    }
    Assumptions.abort(message);
  }

  /** Starts a Redis in {@code dir}. */
  static LocalRedis start(Path dir) throws IOException, InterruptedException {
    String program = null;
    for (String d : DIRS) {
      if (program == null && Files.isExecutable(Path.of(d, "redis-server"))) {
        program = d + "/redis-server";
      }
    }
    if (program == null) {
      skipOrFail("redis-server is not installed: run .ci/setup");
    }
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                program, "--bind", "127.0.0.1", "--port", Integer.toString(port), "--protected-mode", "no",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.out").toFile())
            .start();
    LocalRedis redis = new LocalRedis(port, p);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"+PONG".equals(redis.command("PING"))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        redis.close();
        throw new IllegalStateException("redis-server did not start (see " + dir + ")");
      }
      Thread.sleep(20);
    }
    return redis;
  }

  /** Returns the server's URL. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Sends a command whose answer is one line ({@code +PONG}, {@code :3}); null if none comes. */
  String command(String... args) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(5000);
      StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      OutputStream out = s.getOutputStream();
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c >= 0 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops the server (SIGTERM, then SIGKILL) and waits until it is gone. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
