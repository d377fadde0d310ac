package dev.engagement.cache;

import dev.engagement.core.testing.MissingServer;
import java.io.ByteArrayOutputStream;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Real servers for the tests, on 127.0.0.1 and free ports, in temporary folders: Redis
 * (standalone, with a sentinel, a 3-master cluster) and memcached (plain and SASL). Each server
 * is a child process started directly (its process id is the server's) and stopped by that id.
 * Without the server programs, tests are skipped, except in CI ({@code CI=true}) where they fail.
 */
final class LocalServers {
  private LocalServers() {}

  /** A started server process. */
  static final class Server implements AutoCloseable {
    final String name;
    final int port;
    final Process process;

    Server(String name, int port, Process process) {
      this.name = name;
      this.port = port;
      this.process = process;
    }

    long pid() {
      return process.pid();
    }

    boolean alive() {
      return process.isAlive();
    }

    /** Stops the server by its process id and waits until it is gone. */
    @Override
    public void close() {
      if (!process.isAlive()) {
        return;
      }
      process.destroy(); // SIGTERM to this pid
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String toString() {
      return name + " on 127.0.0.1:" + port + " (pid " + pid() + ")";
    }
  }

  /** Servers to stop together (a sentinel setup, a cluster). */
  static final class Group implements AutoCloseable {
    final List<Server> servers = new ArrayList<>();
    final Path dir;

    Group(Path dir) {
      this.dir = dir;
      Runtime.getRuntime().addShutdownHook(new Thread(this::close));
    }

    Server add(Server s) {
      servers.add(s);
      return s;
    }

    @Override
    public void close() {
      for (int i = servers.size() - 1; i >= 0; i--) {
        servers.get(i).close();
      }
    }
  }

  static void requireProgram(String program) {
    requireProgram(program, System.getenv("CI"));
  }

  /**
   * Skips the test when a server program is missing, or fails it when the environment variable
   * {@code CI} is set (to anything but {@code false} or {@code 0}): CI must run every test.
   */
  static void requireProgram(String program, String ci) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return;
      }
    }
    MissingServer.skipOrFail(program + " is not installed (.ci/setup installs it)", ci);
  }

  /** Sends a signal (STOP, CONT, KILL...) to a server by its process id. */
  static void signal(Server server, String signal) {
    try {
      Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(server.pid())).redirectErrorStream(true).start();
      if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + server + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String program(String name) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/usr/local/bin", "/bin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, name))) {
        return dir + "/" + name;
      }
    }
    return name;
  }

  /** Returns a free port (with port + 10000 free too, for a cluster's bus, when asked). */
  static int freePort(boolean withBus) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = withBus ? ThreadLocalRandom.current().nextInt(20000, 30000) : 0;
      try (ServerSocket s = new ServerSocket()) {
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", port));
        int p = s.getLocalPort();
        if (!withBus) {
          return p;
        }
        try (ServerSocket bus = new ServerSocket()) {
          bus.bind(new InetSocketAddress("127.0.0.1", p + 10000));
          return p;
        }
      } catch (IOException e) {
        // taken: try another
      }
    }
    throw new IllegalStateException("no free port");
  }

  static Process start(Path dir, Map<String, String> env, String... command) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(dir.resolve("server-" + Path.of(command[0]).getFileName() + "-" + System.nanoTime() + ".log").toFile());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command[0] + ": " + e, e);
    }
  }

  static void await(String what, Duration timeout, Process process, BooleanSupplier ready) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(what + " exited with code " + process.exitValue());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      sleep(20);
    }
    throw new IllegalStateException(what + " not ready after " + timeout);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- Redis

  /** Sends one Redis command and returns its reply flattened to text, or null if none. */
  static String redis(int port, String password, String... args) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      if (password != null) {
        out.write(resp("AUTH", password));
        readReply(in);
      }
      out.write(resp(args));
      out.flush();
      return readReply(in);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Sends one Redis command of binary arguments and returns a bulk or simple reply as its bytes
   * (null for a null bulk reply).
   */
  static byte[] redisBytes(int port, byte[]... args) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      s.setSoTimeout(5000);
      ByteArrayOutputStream cmd = new ByteArrayOutputStream();
      cmd.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (byte[] a : args) {
        cmd.write(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        cmd.write(a);
        cmd.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      s.getOutputStream().write(cmd.toByteArray());
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      String l = line(in);
      switch (l.charAt(0)) {
        case '$': {
          int n = Integer.parseInt(l.substring(1));
          if (n < 0) {
            return null;
          }
          byte[] b = in.readNBytes(n + 2);
          return java.util.Arrays.copyOf(b, n);
        }
        case '-':
          throw new IllegalStateException("Redis: " + l);
        default:
          return l.substring(1).getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] resp(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\r') {
        in.read();
        break;
      }
      b.write(c);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private static String readReply(InputStream in) throws IOException {
    String l = line(in);
    if (l.isEmpty()) {
      return "";
    }
    switch (l.charAt(0)) {
      case '$': {
        int n = Integer.parseInt(l.substring(1));
        if (n < 0) {
          return "";
        }
        byte[] b = in.readNBytes(n + 2);
        return new String(b, 0, n, StandardCharsets.UTF_8);
      }
      case '*': {
        int n = Integer.parseInt(l.substring(1));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
          sb.append(readReply(in)).append('\n');
        }
        return sb.toString();
      }
      default:
        return l;
    }
  }

  static Server redisServer(Path root, String name, int port, String... extra) {
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    List<String> cmd = new ArrayList<>(List.of(
        program("redis-server"), "--bind", "127.0.0.1", "--port", Integer.toString(port),
        "--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
        "--logfile", dir.resolve("redis.log").toString(), "--repl-diskless-sync-delay", "0"));
    cmd.addAll(List.of(extra));
    Process p = start(dir, Map.of(), cmd.toArray(String[]::new));
    String password = null;
    for (int i = 0; i < extra.length - 1; i++) {
      if (extra[i].equals("--requirepass")) {
        password = extra[i + 1];
      }
    }
    String pw = password;
    await(name, Duration.ofSeconds(20), p, () -> {
      String r = redis(port, pw, "PING");
      return r != null && r.contains("PONG");
    });
    return new Server(name, port, p);
  }

  /** A standalone Redis. */
  static Group redis(Path root, String... extra) {
    requireProgram("redis-server");
    Group g = new Group(root);
    g.add(redisServer(root, "redis", freePort(false), extra));
    return g;
  }

  /** A Redis master and one sentinel watching it as {@code mymaster}; the sentinel is the second server. */
  static Group redisWithSentinel(Path root) {
    requireProgram("redis-server");
    requireProgram("redis-sentinel");
    Group g = new Group(root);
    Server master = g.add(redisServer(root, "master", freePort(false)));
    int sport = freePort(false);
    Path sdir = root.resolve("sentinel");
    try {
      Files.createDirectories(sdir);
      Files.writeString(
          sdir.resolve("sentinel.conf"),
          "bind 127.0.0.1\nport " + sport + "\ndaemonize no\ndir " + sdir + "\nlogfile " + sdir.resolve("sentinel.log")
              + "\nsentinel monitor mymaster 127.0.0.1 " + master.port + " 1\n"
              + "sentinel down-after-milliseconds mymaster 5000\nsentinel failover-timeout mymaster 10000\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    Process p = start(sdir, Map.of(), program("redis-sentinel"), sdir.resolve("sentinel.conf").toString());
    Server sentinel = g.add(new Server("sentinel", sport, p));
    await("sentinel", Duration.ofSeconds(20), p, () -> {
      String r = redis(sport, null, "SENTINEL", "get-master-addr-by-name", "mymaster");
      return r != null && r.contains(Integer.toString(master.port));
    });
    return g;
  }

  /** A Redis Cluster of three masters. */
  static Group redisCluster(Path root) {
    requireProgram("redis-server");
    requireProgram("redis-cli");
    Group g = new Group(root);
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int port = freePort(true);
      Path dir = root.resolve("node" + i);
      Server s = g.add(redisServer(root, "node" + i, port, "--cluster-enabled", "yes",
          "--cluster-config-file", dir.resolve("nodes.conf").toString(), "--cluster-node-timeout", "5000"));
      nodes.add("127.0.0.1:" + s.port);
    }
    List<String> cmd = new ArrayList<>(List.of(program("redis-cli"), "--cluster", "create"));
    cmd.addAll(nodes);
    cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process create = start(root, Map.of(), cmd.toArray(String[]::new));
    try {
      if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
        create.destroyForcibly();
        g.close();
        throw new IllegalStateException("redis-cli --cluster create failed (see " + root + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    for (Server s : g.servers) {
      await("cluster node " + s.port, Duration.ofSeconds(30), s.process, () -> {
        String info = redis(s.port, null, "CLUSTER", "INFO");
        return info != null && info.contains("cluster_state:ok");
      });
    }
    return g;
  }

  // ---------------------------------------------------------------- memcached

  private static List<String> memcachedCommand(int port) {
    List<String> cmd = new ArrayList<>(List.of(program("memcached"), "-l", "127.0.0.1", "-p", Integer.toString(port),
        "-U", "0", "-m", "64"));
    if ("root".equals(System.getProperty("user.name"))) {
      cmd.addAll(List.of("-u", "root")); // memcached refuses to run as root without it
    }
    return cmd;
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A memcached without authentication. */
  static Group memcached(Path root) {
    requireProgram("memcached");
    Group g = new Group(root);
    int port = freePort(false);
    Process p = start(root, Map.of(), memcachedCommand(port).toArray(String[]::new));
    await("memcached", Duration.ofSeconds(20), p, () -> accepts(port));
    g.add(new Server("memcached", port, p));
    return g;
  }

  /** A memcached that takes only SASL PLAIN logins of one user (binary protocol only). */
  static Group saslMemcached(Path root, String user, String password) {
    requireProgram("memcached");
    requireProgram("saslpasswd2");
    Group g = new Group(root);
    Path sasl = root.resolve("sasl");
    try {
      Files.createDirectories(sasl);
      Files.writeString(sasl.resolve("memcached.conf"),
          "mech_list: plain\nsasldb_path: " + sasl.resolve("sasldb2") + "\n");
      Process pw = new ProcessBuilder(program("saslpasswd2"), "-p", "-a", "memcached", "-c", "-f",
          sasl.resolve("sasldb2").toString(), user).redirectErrorStream(true).start();
      pw.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
      pw.getOutputStream().close();
      pw.getInputStream().readAllBytes();
      if (!pw.waitFor(20, TimeUnit.SECONDS) || pw.exitValue() != 0) {
        throw new IllegalStateException("saslpasswd2 failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    int port = freePort(false);
    List<String> cmd = memcachedCommand(port);
    cmd.add("-S");
    Process p = start(root, Map.of("SASL_CONF_PATH", sasl.toString()), cmd.toArray(String[]::new));
    await("SASL memcached", Duration.ofSeconds(20), p, () -> accepts(port));
    g.add(new Server("sasl-memcached", port, p));
    return g;
  }
}
