package dev.engagement.core.testing;

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
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} for the tests of every module, on 127.0.0.1 and a free port, without
 * persistence, in a folder of the test's, started as a child process and stopped by its process
 * id. Without the program the test is skipped, except in CI, where it fails ({@link
 * MissingServer}).
 */
public final class LocalRedis implements AutoCloseable {
  private static final List<String> DIRS = List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin");

  /** The port it listens on, on 127.0.0.1. */
  public final int port;
  private final Process process;

  private LocalRedis(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts a Redis with no persistence in {@code dir}. */
  public static LocalRedis start(Path dir) throws IOException, InterruptedException {
    String program = null;
    for (String d : DIRS) {
      if (Files.isExecutable(Path.of(d, "redis-server"))) {
        program = d + "/redis-server";
        break;
      }
    }
    if (program == null) {
      MissingServer.skipOrFail("redis-server is not installed (.ci/setup installs it)");
    }
    Files.createDirectories(dir);
    int port = freePort();
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
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!"+PONG".equals(redis.command("PING"))) {
      if (!p.isAlive()) {
        throw new IllegalStateException("redis-server exited with " + p.exitValue() + " (see " + dir + ")");
      }
      if (System.nanoTime() > deadline) {
        redis.close();
        throw new IllegalStateException("redis-server did not answer within 20 s (see " + dir + ")");
      }
      Thread.sleep(20);
    }
    return redis;
  }

  /** Sends the server a signal by its process id ({@code STOP} freezes it, {@code CONT} thaws it). */
  public void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** Returns the URL of the server. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Sends a command whose answer is one line ({@code +PONG}, {@code :3}); returns that line, or
   * null if the server does not answer.
   */
  public @Nullable String command(String... args) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(2000);
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

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** Stops the server by its process id (SIGTERM, then SIGKILL) and waits until it is gone. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    try {
      signal("CONT"); // a frozen server would not hear the SIGTERM
    } catch (IOException | InterruptedException | RuntimeException e) {
      // it is killed below anyway
    }
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
