package dev.engagement.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engagement.events.Ack;
import dev.engagement.events.SocketIoConfig;
import dev.engagement.events.SocketIoHandler;
import dev.engagement.events.SocketIoServer;
import dev.engagement.events.SocketIoSocket;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code engagement socketio-fixture}: serves, on 127.0.0.1, the application that the official
 * Socket.IO v5 protocol test suite ({@code socket.io-protocol/test-suite}) expects, over the
 * events module's endpoint in embedded Tomcat: namespaces {@code /} and {@code /custom}, the
 * {@code auth} echo, {@code message-back}, {@code message-with-ack}, pingInterval 300, pingTimeout
 * 200, maxPayload 1000000, connectTimeout 1000; plain HTTP requests to {@code /socket.io/} are
 * answered 400 (the server offers WebSocket only).
 */
@Command(
    name = "socketio-fixture",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the fixture application of the official Socket.IO v5 protocol test suite on",
      "127.0.0.1, until stopped (Ctrl-C). Point the suite's URL at http://127.0.0.1:PORT."
    })
final class SocketIoFixtureCommand implements Callable<Integer> {
  /** The timings and limits the official suite expects. */
  static final SocketIoConfig CONFIG =
      SocketIoConfig.builder()
          .pingInterval(Duration.ofMillis(300))
          .pingTimeout(Duration.ofMillis(200))
          .maxPayload(1_000_000)
          .connectTimeout(Duration.ofMillis(1000))
          .build();

  /** Keeps Tomcat's java.util.logging quiet (a logger's level is lost once it is collected). */
  private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "3000",
      description = "Port on 127.0.0.1 (default: 3000, the suite's; 0 picks a free one).")
  int port = 3000;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new EngagementCli.UsageException("--port must be between 0 and 65535");
    }
    PrintWriter out = spec.commandLine().getOut();
    Running running = start(port);
    // Ctrl-C or SIGTERM: the JVM runs its shutdown hooks and then halts, whatever this thread is
    // doing, so the hook itself stops the server and removes the temporary folder
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              try {
                running.close();
              } catch (LifecycleException | RuntimeException e) {
                // stopping anyway: the folder is removed by close() whatever Tomcat says
              } finally {
                stopped.countDown();
              }
            },
            "socketio-fixture-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out.printf(
        Locale.ROOT,
        "Socket.IO fixture on http://127.0.0.1:%d%s (pingInterval 300, pingTimeout 200,"
            + " maxPayload 1000000, connectTimeout 1000); Ctrl-C stops it.%n",
        running.port(), SocketIoServer.PATH);
    out.flush();
    stopped.await();
    return 0;
  }

  /** A started fixture; closing it more than once does nothing. */
  static final class Running implements AutoCloseable {
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Tomcat tomcat;
    private final SocketIoServer server;
    private final Path baseDir;
    private final int port;

    private Running(Tomcat tomcat, SocketIoServer server, Path baseDir, int port) {
      this.tomcat = tomcat;
      this.server = server;
      this.baseDir = baseDir;
      this.port = port;
    }

    int port() {
      return port;
    }

    /** Returns the temporary folder (Tomcat's base), removed on close. */
    Path baseDir() {
      return baseDir;
    }

    @Override
    public void close() throws LifecycleException {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        server.close();
        tomcat.stop();
        tomcat.destroy();
      } finally {
        deleteQuietly(baseDir);
      }
    }
  }

  /** Starts the fixture on 127.0.0.1 and a port (0: a free one). */
  static Running start(int port) throws LifecycleException, IOException {
    TOMCAT_LOG.setLevel(Level.WARNING);
    SocketIoServer server =
        SocketIoServer.builder()
            .config(CONFIG)
            .handler(new FixtureHandler(true))
            .namespace("/custom", new FixtureHandler(false))
            .build();
    Path base = Files.createTempDirectory("engagement-socketio-fixture");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    if (context instanceof StandardContext standard) {
      standard.setClearReferencesThreadLocals(false);
      standard.setClearReferencesRmiTargets(false);
    }
    // Tomcat runs its WebSocket filter only for requests a servlet is mapped to
    Tomcat.addServlet(context, "not-found", new NotFound());
    context.addServletMapping("/", "not-found");
    context.addServletContainerInitializer(new WsSci(), null);
    context.addServletContainerInitializer(
        (classes, servletContext) -> {
          servletContext
              .addFilter("socket.io-handshake", new HandshakeFilter())
              .addMappingForUrlPatterns(null, false, "/socket.io/*");
          server.register(
              (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
        },
        null);
    try {
      tomcat.start();
    } catch (LifecycleException | RuntimeException e) {
      server.close();
      deleteQuietly(base);
      throw e;
    }
    if (connector.getLocalPort() < 0) {
      server.close();
      tomcat.stop();
      tomcat.destroy();
      deleteQuietly(base);
      throw new IOException("cannot listen on 127.0.0.1:" + port + " (is the port taken?)");
    }
    return new Running(tomcat, server, base, connector.getLocalPort());
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // a temporary folder left behind is harmless
    }
  }

  /** The suite's application: the auth echo, message-back and message-with-ack. */
  static final class FixtureHandler implements SocketIoHandler {
    private final boolean main;

    FixtureHandler(boolean main) {
      this.main = main;
    }

    @Override
    public void onConnect(SocketIoSocket socket) {
      socket.emit("auth", socket.handshake().auth());
    }

    @Override
    public boolean onEvent(SocketIoSocket socket, String event, List<JsonNode> args, Ack ack) {
      if (main && event.equals("message")) {
        socket.emit("message-back", args.toArray());
        return true;
      }
      if (main && event.equals("message-with-ack")) {
        ack.send(args.toArray());
        return true;
      }
      return false;
    }
  }

  /**
   * Answers 400 to plain HTTP requests to {@code /socket.io/} (no long-polling here) and to
   * WebSocket handshakes with a bad query, before the upgrade.
   */
  static final class HandshakeFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      HttpServletResponse response = (HttpServletResponse) res;
      String upgrade = request.getHeader("Upgrade");
      Optional<String> error;
      if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
        error = Optional.of("Bad request: this server offers Socket.IO over WebSocket only"
            + " (transports: ['websocket'])");
      } else {
        error =
            SocketIoServer.handshakeError(
                request.getParameter("EIO"), request.getParameter("transport"), request.getParameter("sid"));
      }
      if (error.isPresent()) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(error.get().getBytes(StandardCharsets.UTF_8));
        return;
      }
      chain.doFilter(req, res);
    }
  }

  /** 404 for everything that is not the Socket.IO endpoint. */
  static final class NotFound extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }
}
