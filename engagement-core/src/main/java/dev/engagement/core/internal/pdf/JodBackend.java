package dev.engagement.core.internal.pdf;

import dev.engagement.core.spi.PdfConverter.PdfConversionException;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.office.OfficeManager;
import org.jodconverter.local.LocalConverter;
import org.jodconverter.local.filter.DefaultFilterChain;
import org.jodconverter.local.filter.NoopFilter;
import org.jodconverter.local.office.ExistingProcessAction;
import org.jodconverter.local.office.LocalOfficeManager;
import org.jodconverter.local.office.LocalOfficeUtils;
import org.jodconverter.local.process.ProcessManager;
import org.jodconverter.local.process.ProcessQuery;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LibreOffice headless through JODConverter: a pool of office processes on free loopback
 * ports, each with its own profile, restarted after a number of tasks, with a task timeout. This
 * class is only loaded when JODConverter is on the class path.
 *
 * <p>What makes it start and convert as fast as a plain {@code soffice --convert-to}:
 *
 * <ul>
 *   <li>Each process's profile is copied from a small template that records the installed
 *       version as the last one run ({@code ooSetupLastVersion}) and the extensions as in sync
 *       ({@code user/extensions/buildid}). A profile without them makes LibreOffice 7.2+ run its
 *       graphics self-tests (GraphicsRenderTests, 7-8 s of CPU here) at every start, since a
 *       headless office never records the version; and a brand-new profile makes the first start
 *       exit with code 81 and start again.
 *   <li>Processes are our own children, found and killed through their {@link Process} handle:
 *       JODConverter's default on Unix runs {@code ps} twice per start to find the pid.
 *   <li>Documents are converted as loaded, as {@code soffice --convert-to} does: JODConverter's
 *       default refresh (a second layout of the whole document) is left out.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class JodBackend {
  private static final Logger logger = LoggerFactory.getLogger(JodBackend.class);
  private static final Pattern SETUP_VERSION =
      Pattern.compile("<prop oor:name=\"ooSetupVersion\">\\s*<value>([0-9]+\\.[0-9]+)</value>");

  private final OfficeManager manager;
  private final LocalConverter converter;
  private final Path workDir;
  private final Thread shutdownHook;

  private JodBackend(OfficeManager manager, Path workDir) {
    this.manager = manager;
    this.workDir = workDir;
    this.converter =
        LocalConverter.builder()
            .officeManager(manager)
            .filterChain(new DefaultFilterChain(false, NoopFilter.NOOP))
            .build();
    this.shutdownHook = new Thread(this::stopQuietly, "engagement-office-shutdown");
  }

  /**
   * Returns LibreOffice's folder.
   *
   * @param officeHome the folder given, or null to look in the usual places
   * @throws PdfConversionException saying how to install LibreOffice if it is not there
   */
  public static File officeHome(@Nullable Path officeHome) {
    File home = officeHome != null ? officeHome.toFile() : LocalOfficeUtils.getDefaultOfficeHome();
    if (home == null || !home.isDirectory()) {
      throw new PdfConversionException(notInstalled(officeHome), null);
    }
    try {
      LocalOfficeUtils.validateOfficeHome(home);
    } catch (IllegalStateException e) {
      throw new PdfConversionException(notInstalled(officeHome) + " (" + e.getMessage() + ")", e);
    }
    return home;
  }

  /**
   * Starts the office processes.
   *
   * @param home LibreOffice's folder (from {@link #officeHome})
   * @param processes the pool size
   * @param taskTimeoutMillis how long one conversion may take
   * @param maxTasksPerProcess after how many conversions a process is restarted
   * @throws PdfConversionException if LibreOffice is not found or does not start
   */
  public static JodBackend start(
      File home, int processes, long taskTimeoutMillis, int maxTasksPerProcess) {
    int[] ports = new int[processes];
    for (int i = 0; i < processes; i++) {
      ports[i] = freePort();
    }
    Path workDir;
    try {
      workDir = Files.createTempDirectory("engagement-office-");
    } catch (IOException e) {
      throw new PdfConversionException("no temporary folder for LibreOffice's profiles: " + e, e);
    }
    Path template = template(home.toPath(), workDir.resolve("template"));
    LocalOfficeManager.Builder builder =
        LocalOfficeManager.builder()
            .officeHome(home)
            .workingDir(workDir.toFile())
            .hostName("127.0.0.1")
            .portNumbers(ports)
            .processManager(ChildProcesses.INSTANCE)
            .existingProcessAction(ExistingProcessAction.FAIL)
            .maxTasksPerProcess(maxTasksPerProcess)
            .taskExecutionTimeout(taskTimeoutMillis)
            .taskQueueTimeout(Math.max(taskTimeoutMillis * 10, 600_000L))
            .processTimeout(120_000L)
            .processRetryInterval(100L);
    if (template != null) {
      builder.templateProfileDir(template.toFile());
    }
    OfficeManager manager = builder.build();
    try {
      manager.start();
    } catch (OfficeException | RuntimeException e) {
      deleteTree(workDir);
      throw new PdfConversionException(
          "LibreOffice (" + home + ") could not be started: " + e.getMessage(), e);
    }
    JodBackend backend = new JodBackend(manager, workDir);
    Runtime.getRuntime().addShutdownHook(backend.shutdownHook);
    logger.info("LibreOffice started from {} with {} process(es)", home, processes);
    return backend;
  }

  /**
   * Converts a .docx to a PDF. A conversion cancelled because its office process died or was
   * being restarted (after a crash or another document's timeout) is tried once more; a
   * conversion that times out is not.
   */
  public void convert(Path docx, Path pdf) {
    for (int attempt = 1; ; attempt++) {
      try {
        converter
            .convert(docx.toFile())
            .as(DefaultDocumentFormatRegistry.DOCX)
            .to(pdf.toFile())
            .as(DefaultDocumentFormatRegistry.PDF)
            .execute();
        return;
      } catch (OfficeException e) {
        if (attempt < 2 && restarted(e)) {
          logger.debug("Conversion of {} cancelled by an office restart; trying again", docx, e);
          deleteQuietly(pdf);
          pause();
          continue;
        }
        throw new PdfConversionException(describe(e), e);
      }
    }
  }

  private static boolean restarted(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.util.concurrent.CancellationException
          || c instanceof com.sun.star.lang.DisposedException) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.util.concurrent.TimeoutException) {
        return "LibreOffice did not finish the conversion in time (the office process was"
            + " restarted)";
      }
    }
    return "LibreOffice could not convert it: " + rootMessage(e);
  }

  private static void deleteQuietly(Path p) {
    try {
      java.nio.file.Files.deleteIfExists(p);
    } catch (IOException e) {
      logger.debug("Could not delete {}", p, e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the office processes. */
  public void stop() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs anyway
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      manager.stop();
    } catch (OfficeException | RuntimeException e) {
      logger.warn("Stopping LibreOffice failed", e);
    } finally {
      deleteTree(workDir);
    }
  }

  /** Returns the folder of the profiles (the template and one per process); for tests. */
  Path workDir() {
    return workDir;
  }

  /**
   * Writes the template profile into {@code dir}: {@code user/registrymodifications.xcu} with the
   * installed version as the last one run, and {@code user/extensions/buildid}. What cannot be
   * found is left out (LibreOffice then starts as slowly as with a new profile); null if the
   * folder cannot be written.
   */
  static @Nullable Path template(Path home, Path dir) {
    Optional<String> version = setupVersion(home);
    Optional<String> buildId = buildId(home);
    logger.debug("LibreOffice in {}: version {}, build {}", home, version.orElse("unknown"), buildId.orElse("unknown"));
    try {
      Path user = Files.createDirectories(dir.resolve("user"));
      StringBuilder xcu =
          new StringBuilder(
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oor:items"
                  + " xmlns:oor=\"http://openoffice.org/2001/registry\""
                  + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                  + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
      if (version.isPresent()) {
        xcu.append("<item oor:path=\"/org.openoffice.Setup/Product\"><prop oor:name=\"ooSetupLastVersion\"")
            .append(" oor:op=\"fuse\"><value>")
            .append(version.get())
            .append("</value></prop></item>\n");
      }
      xcu.append("</oor:items>\n");
      Files.writeString(user.resolve("registrymodifications.xcu"), xcu, StandardCharsets.UTF_8);
      if (buildId.isPresent()) {
        Files.writeString(
            Files.createDirectories(user.resolve("extensions")).resolve("buildid"), buildId.get(), StandardCharsets.UTF_8);
      }
      return dir;
    } catch (IOException e) {
      logger.warn("Could not write a LibreOffice profile template ({}); the office starts without one", e.toString());
      deleteTree(dir);
      return null;
    }
  }

  /** The installed version ({@code 7.4}), from the registry LibreOffice ships. */
  static Optional<String> setupVersion(Path home) {
    for (String candidate :
        List.of("share/registry/main.xcd", "share/.registry/main.xcd", "Resources/registry/main.xcd")) {
      Path xcd = home.resolve(candidate);
      if (!Files.isRegularFile(xcd)) {
        continue;
      }
      try {
        Matcher m = SETUP_VERSION.matcher(Files.readString(xcd, StandardCharsets.UTF_8));
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      } catch (IOException | RuntimeException e) {
        logger.debug("Could not read {}", xcd, e);
      }
    }
    return Optional.empty();
  }

  /** The build id ({@code buildid=} in {@code versionrc}, or {@code version.ini} on Windows). */
  static Optional<String> buildId(Path home) {
    for (String candidate : List.of("program/versionrc", "program/version.ini", "Resources/versionrc")) {
      Path rc = home.resolve(candidate);
      if (!Files.isRegularFile(rc)) {
        continue;
      }
      try (BufferedReader in = Files.newBufferedReader(rc, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.startsWith("buildid=") && line.length() > "buildid=".length()) {
            return Optional.of(line.substring("buildid=".length()).strip());
          }
        }
      } catch (IOException | RuntimeException e) {
        logger.debug("Could not read {}", rc, e);
      }
    }
    return Optional.empty();
  }

  private static void deleteTree(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      logger.debug("Could not delete {}", dir, e);
    }
  }

  /**
   * The office processes are this JVM's children: killed through their handle (SIGKILL, with
   * whatever they started), never looked up with {@code ps}.
   */
  private static final class ChildProcesses implements ProcessManager {
    static final ChildProcesses INSTANCE = new ChildProcesses();

    @Override
    public boolean canFindPid() {
      return false;
    }

    @Override
    public long findPid(ProcessQuery query) {
      return PID_UNKNOWN;
    }

    @Override
    public void kill(@Nullable Process process, long pid) {
      if (process != null) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }
  }

  private static String notInstalled(@Nullable Path officeHome) {
    String where = officeHome == null ? "in the usual places" : "in " + officeHome;
    return "LibreOffice was not found "
        + where
        + ": install it (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui;"
        + " macOS: brew install --cask libreoffice; Windows: the installer from"
        + " libreoffice.org) or give its folder (--office-home)";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new PdfConversionException("no free local port for LibreOffice: " + e.getMessage(), e);
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return m == null || m.isBlank() ? c.getClass().getSimpleName() : m;
  }
}
