package dev.engagement.examples;

import dev.engagement.cache.CacheConfigurationException;
import dev.engagement.core.SettingsException;
import dev.engagement.events.BroadcastConfigurationException;
import dev.engagement.events.CsrfConfigurationException;
import dev.engagement.events.CsrfTokens;
import dev.engagement.examples.web.WebConfig;
import dev.engagement.examples.web.WebServer;
import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code engagement serve}: the web app on embedded Tomcat, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the web app (Rollover, Entity Check, PDF Printer, PDF Signatures, Settings) with",
      "live progress over Socket.IO, on 127.0.0.1 unless told otherwise, until Ctrl-C.",
      "Needs SECRET_KEY (32+ characters) in the environment or in .env (see .env.sample)."
    })
final class ServeCommand implements Callable<Integer> {
  private static final long MIB = 1024L * 1024;

  @Spec CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "N", defaultValue = "5000",
      description = "Port (default: ${DEFAULT-VALUE}, the original app's; 0 picks a free one).")
  int port = 5000;

  @Option(names = "--settings", paramLabel = "FILE",
      description = "The user-config.json to use and to save the settings page to (default: user-config.json"
          + " in the current folder if it exists).")
  @Nullable Path settings;

  @Option(names = "--example-settings",
      description = "Without a settings file, use the example firm's partners and rates (for a demo; every page says so).")
  boolean exampleSettings;

  @Option(names = "--signatures", paramLabel = "DIR",
      description = "Folder of partners' signature files First_Last.pdf/.png (default: images/signatures beside the settings file).")
  @Nullable Path signatures;

  @Option(names = "--max-files", paramLabel = "N", defaultValue = "500",
      description = "Most files in one upload (default: ${DEFAULT-VALUE}).")
  int maxFiles = 500;

  @Option(names = "--max-file-size", paramLabel = "MB", defaultValue = "50",
      description = "Largest file of an upload, in MiB (default: ${DEFAULT-VALUE}).")
  long maxFileMb = 50;

  @Option(names = "--max-upload-size", paramLabel = "MB", defaultValue = "500",
      description = "Largest upload, in MiB (default: ${DEFAULT-VALUE}).")
  long maxUploadMb = 500;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads of each batch (default: the number of processors).")
  @Nullable Integer threads;

  @Option(names = "--redis", paramLabel = "URL",
      description = {"Redis shared by several serve processes behind one load balancer: events reach a page"
          + " connected to any of them, and the result cache is RedisCache on it"
          + " (redis://[[user]:password@]host[:port][/db] or rediss://; default: the settings' CACHE_REDIS_URL"
          + " when CACHE_TYPE is RedisCache, else none)."})
  @Nullable String redis;

  @Option(names = "--open", description = "Open the app in the default browser.")
  boolean open;

  @Option(names = {"-v", "--verbose"}, description = "Log details (debug level).")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new EngagementCli.UsageException("--port must be between 0 and 65535");
    }
    if (maxFiles < 1 || maxFileMb < 1 || maxUploadMb < 1 || (threads != null && threads < 1)) {
      throw new EngagementCli.UsageException("--max-files, --max-file-size, --max-upload-size and --threads must be at least 1");
    }
    if (settings != null && exampleSettings) {
      throw new EngagementCli.UsageException("--settings and --example-settings exclude each other");
    }
    if (settings != null && !Files.isRegularFile(settings)) {
      throw new EngagementCli.UsageException("no such settings file: " + settings);
    }
    if (System.getProperty("org.slf4j.simpleLogger.log.dev.engagement.examples.web") == null && !verbose) {
      System.setProperty("org.slf4j.simpleLogger.log.dev.engagement.examples.web", "info");
    }
    PrintWriter out = spec.commandLine().getOut();
    CsrfTokens csrf;
    try {
      csrf = CsrfTokens.fromEnvironment();
    } catch (CsrfConfigurationException e) {
      throw new EngagementCli.UsageException("cannot start: " + e.getMessage());
    }
    WebConfig.Builder builder = WebConfig.builder(csrf);
    try {
      builder.redisUrl(redis);
    } catch (IllegalArgumentException e) {
      throw new EngagementCli.UsageException("--redis: " + e.getMessage());
    }
    WebConfig config =
        builder
            .host(host)
            .port(port)
            .settingsFile(settings)
            .exampleSettings(exampleSettings)
            .signatures(signatures)
            .maxFiles(maxFiles)
            .maxFileBytes(maxFileMb * MIB)
            .maxUploadBytes(maxUploadMb * MIB)
            .threads(threads)
            .build();
    WebServer server;
    try {
      server = WebServer.start(config);
    } catch (SettingsException e) {
      throw new EngagementCli.UsageException(e.getMessage());
    } catch (IOException | BroadcastConfigurationException | CacheConfigurationException e) {
      throw new EngagementCli.UsageException("cannot start: " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("Stopping: running batches may finish for up to 30 s...");
      out.flush();
      server.close(Duration.ofSeconds(30));
      out.println("Stopped; temporary files removed.");
      out.flush();
      stopped.countDown();
    }, "engagement-serve-stop"));
    out.printf(Locale.ROOT, "Engagement letters web app on %s (Ctrl-C stops it)%n", server.url());
    if (server.settingsAreProvisional()) {
      out.println(exampleSettings
          ? "Using the EXAMPLE settings (a fictional firm's partners and rates): save the Settings page to use yours."
          : "No settings file yet: fee paragraphs are left as they are until the Settings page is saved.");
    }
    out.flush();
    if (open) {
      browse(server.url(), spec.commandLine().getErr());
    }
    stopped.await();
    return 0;
  }

  private static void browse(String url, PrintWriter err) {
    try {
      if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
        return;
      }
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      String[] command =
          os.contains("win") ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url}
              : os.contains("mac") ? new String[] {"open", url}
              : new String[] {"xdg-open", url};
      new ProcessBuilder(command).inheritIO().start();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      err.println("engagement: could not open a browser (" + e.getMessage() + "); open " + url + " yourself");
      err.flush();
    }
  }
}
