package dev.engagement.examples.web;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.SettingsException;
import dev.engagement.events.BroadcastAdapter;
import dev.engagement.events.BroadcastConfigurationException;
import dev.engagement.events.CsrfTokens;
import dev.engagement.events.RedisBroadcast;
import dev.engagement.events.SocketIoConfig;
import dev.engagement.events.SocketIoHandler;
import dev.engagement.events.SocketIoServer;
import dev.engagement.events.SocketIoSocket;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.logging.Level;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.websocket.server.WsSci;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app on embedded Tomcat: the five pages, the upload routes, the downloads and the
 * Socket.IO endpoint of engagement-events, bound to one address and port.
 *
 * <pre>{@code
 * try (WebServer server = WebServer.start(WebConfig.builder(CsrfTokens.fromEnvironment()).port(0).build())) {
 *   System.out.println(server.url());
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close} stops taking requests, lets running batches finish for a while
 * (then cancels them), and removes every temporary file of the server.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(WebServer.class);

  /** Keeps Tomcat's java.util.logging quiet (a logger's level is lost once it is collected). */
  private static final java.util.logging.Logger TOMCAT_LOG = java.util.logging.Logger.getLogger("org.apache");

  private final Tomcat tomcat;
  private final Connector connector;
  private final WebApp app;
  private final Path work;
  private final String url;
  private boolean closed;

  private WebServer(Tomcat tomcat, Connector connector, WebApp app, Path work, String url) {
    this.tomcat = tomcat;
    this.connector = connector;
    this.app = app;
    this.work = work;
    this.url = url;
  }

  /**
   * Starts a server.
   *
   * @param config how it runs
   * @return the running server
   * @throws SettingsException if the settings file is missing or invalid
   * @throws IOException if the address cannot be bound or the work folder cannot be made
   * @throws BroadcastConfigurationException if the Redis of {@link WebConfig#redisUrl} or of the
   *     settings ({@code CACHE_TYPE} RedisCache with {@code CACHE_REDIS_URL}) cannot be reached
   * @throws dev.engagement.cache.CacheConfigurationException if {@code _cache_config.json} beside
   *     the settings is not valid
   */
  public static WebServer start(WebConfig config) throws IOException {
    requireNonNull(config, "config");
    TOMCAT_LOG.setLevel(Level.WARNING);
    SettingsStore settings = SettingsStore.open(config);
    // several instances: --redis, else the settings' RedisCache URL, carries the events of them all
    String redisUrl = config.redisUrl() != null ? config.redisUrl() : Caches.redisUrl(settings.current(), settings.folder());
    BroadcastAdapter broadcast = BroadcastAdapter.NONE;
    if (redisUrl != null) {
      broadcast = RedisBroadcast.connect(redisUrl);
      logger.info("Events go through Redis at {}: pages connected to any server on it see every batch", RedisUrls.safe(redisUrl));
    }
    Path work;
    SocketIoServer io;
    try {
      work = Files.createTempDirectory("engagement-serve-");
      io =
          SocketIoServer.builder()
              .config(SocketIoConfig.ofDefaults())
              .handler(new CsrfOnConnect(config.csrf()))
              .broadcast(broadcast)
              .build();
    } catch (IOException | RuntimeException e) {
      broadcast.close();
      throw e;
    }
    WebApp app;
    Tomcat tomcat = new Tomcat();
    try {
      app = new WebApp(config, settings, io, redisUrl, new Batches(work.resolve("batches"), Clock.systemUTC()), work);
      tomcat.setBaseDir(work.resolve("tomcat").toString());
      Connector connector = new Connector();
      connector.setPort(config.port());
      connector.setProperty("address", config.host());
      connector.setProperty("server", "engagement");
      // every part of an upload counts against both (Tomcat 11 defaults: 50 parts, 1,000 parameters)
      connector.setMaxPartCount(config.maxFiles() + 16);
      connector.setMaxParameterCount(config.maxFiles() + 64);
      // a folder picker sends folder/sub/name: longer than Tomcat's default of 512 bytes per part header
      connector.setMaxPartHeaderSize(16 * 1024);
      connector.setMaxPostSize(1024 * 1024);
      // read the rest of a refused upload (up to the limit), so the client sees the answer
      connector.setProperty("maxSwallowSize", Long.toString(Math.min(Integer.MAX_VALUE, config.maxUploadBytes())));
      tomcat.setConnector(connector);
      StandardHost host = (StandardHost) tomcat.getHost();
      ErrorReportValve errors = new ErrorReportValve();
      errors.setShowReport(false);
      errors.setShowServerInfo(false);
      host.getPipeline().addValve(errors);
      Context context = tomcat.addContext("", work.resolve("tomcat").toString());
      if (context instanceof StandardContext standard) {
        standard.setClearReferencesThreadLocals(false);
        standard.setClearReferencesRmiTargets(false);
      }
      Path uploads = Files.createDirectories(work.resolve("uploads"));
      Pages pages = new Pages(app);
      Tomcat.addServlet(context, "pages", pages);
      for (String page : new String[] {"", "/entityChecker", "/pdfPrinter", "/pdfSignatures", "/settings"}) {
        context.addServletMapping(page, "pages");
      }
      Wrapper jobs = Tomcat.addServlet(context, "jobs", new JobServlet(app));
      jobs.setMultipartConfigElement(
          new MultipartConfigElement(uploads.toString(), config.maxFileBytes(), config.maxUploadBytes(), 64 * 1024));
      for (JobKind k : JobKind.values()) {
        context.addServletMapping(k.route, "jobs");
      }
      Tomcat.addServlet(context, "static", new StaticFiles());
      context.addServletMapping("/static/*", "static");
      Tomcat.addServlet(context, "downloads", new Downloads(app));
      context.addServletMapping("/downloads/*", "downloads");
      // Tomcat runs its WebSocket filter only for requests a servlet is mapped to
      Tomcat.addServlet(context, "not-found", new NotFound());
      context.addServletMapping("/", "not-found");
      context.addServletContainerInitializer(new WsSci(), null);
      context.addServletContainerInitializer(
          (classes, servletContext) -> {
            servletContext
                .addFilter("gate", new Gate())
                .addMappingForUrlPatterns(EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), false, "/*");
            io.register((ServerContainer) servletContext.getAttribute(ServerContainer.class.getName()));
          },
          null);
      tomcat.start();
      if (connector.getLocalPort() < 0) {
        throw new IOException("cannot listen on " + config.host() + ":" + config.port() + " (is the port taken?)");
      }
      String shown = config.host();
      if (shown.contains(":")) {
        shown = "[" + shown + "]";
      } else if (shown.equals("0.0.0.0")) {
        shown = InetAddress.getLoopbackAddress().getHostAddress();
      }
      String url = "http://" + shown + ":" + connector.getLocalPort() + "/";
      logger.info("Serving on {} (work folder {})", url, work);
      return new WebServer(tomcat, connector, app, work, url);
    } catch (IOException | LifecycleException | RuntimeException e) {
      io.close();
      try {
        tomcat.stop();
        tomcat.destroy();
      } catch (LifecycleException | RuntimeException stop) {
        e.addSuppressed(stop);
      }
      Batches.deleteTree(work);
      if (e instanceof IOException io2) {
        throw io2;
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("the server could not start: " + e.getMessage(), e);
    }
  }

  /** Returns the server's address, e.g. {@code http://127.0.0.1:5000/}. */
  public String url() {
    return url;
  }

  /** Returns the port it listens on. */
  public int port() {
    return connector.getLocalPort();
  }

  /** Returns its private work folder (uploads, outputs kept for downloads), removed by {@link #close}. */
  public Path workFolder() {
    return work;
  }

  /** Returns whether the settings in use are the example firm's or have no firm's rates yet. */
  public boolean settingsAreProvisional() {
    return app.settings.origin() != SettingsStore.Origin.FILE;
  }

  /** Stops the server: see the class description. Waits up to 30 s for running batches. */
  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  /**
   * Stops the server, letting running batches finish for up to {@code grace}.
   *
   * @param grace how long running batches may take before they are cancelled
   */
  public synchronized void close(Duration grace) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connector.pause();
      if (app.batches.running() > 0) {
        logger.info("Waiting for {} running batch(es) to finish", app.batches.running());
      }
      app.batches.close(grace);
      app.io.close();
      tomcat.stop();
      tomcat.destroy();
    } catch (LifecycleException | RuntimeException e) {
      logger.warn("The server did not stop cleanly", e);
    } finally {
      app.close();
      Batches.deleteTree(work);
    }
  }

  /** Sends each page a CSRF token as soon as it connects, and when it asks (the {@code csrf} message). */
  private static final class CsrfOnConnect implements SocketIoHandler {
    private final CsrfTokens csrf;

    CsrfOnConnect(CsrfTokens csrf) {
      this.csrf = csrf;
    }

    @Override
    public void onConnect(SocketIoSocket socket) {
      csrf.send(socket, socket.handshake().queryParameter("process").orElse(""));
    }

    /** A page asks for a fresh token with the event {@code csrf} (tokens live an hour). */
    @Override
    public boolean onEvent(SocketIoSocket socket, String event, java.util.List<com.fasterxml.jackson.databind.JsonNode> args, dev.engagement.events.Ack ack) {
      if (event.equals("csrf")) {
        csrf.send(socket, socket.handshake().queryParameter("process").orElse(""));
        return true;
      }
      return false;
    }
  }

  /** 404 for everything else. */
  private static final class NotFound extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      WebJson.error(resp, 404, "Not found.");
    }
  }
}
