package dev.engagement.core.internal.pdf;

import dev.engagement.core.spi.PdfConverter.PdfConversionException;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.jodconverter.core.document.DefaultDocumentFormatRegistry;
import org.jodconverter.core.office.OfficeException;
import org.jodconverter.core.office.OfficeManager;
import org.jodconverter.local.LocalConverter;
import org.jodconverter.local.office.ExistingProcessAction;
import org.jodconverter.local.office.LocalOfficeManager;
import org.jodconverter.local.office.LocalOfficeUtils;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LibreOffice headless through JODConverter: a pool of office processes on free loopback
 * ports, each with its own profile, restarted after a number of tasks, with a task timeout. This
 * class is only loaded when JODConverter is on the class path.
 *
 * <p>Thread-safe.
 */
public final class JodBackend {
  private static final Logger logger = LoggerFactory.getLogger(JodBackend.class);

  private final OfficeManager manager;
  private final LocalConverter converter;
  private final Thread shutdownHook;

  private JodBackend(OfficeManager manager) {
    this.manager = manager;
    this.converter = LocalConverter.builder().officeManager(manager).build();
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
    OfficeManager manager =
        LocalOfficeManager.builder()
            .officeHome(home)
            .hostName("127.0.0.1")
            .portNumbers(ports)
            .existingProcessAction(ExistingProcessAction.FAIL)
            .maxTasksPerProcess(maxTasksPerProcess)
            .taskExecutionTimeout(taskTimeoutMillis)
            .taskQueueTimeout(Math.max(taskTimeoutMillis * 10, 600_000L))
            .processTimeout(120_000L)
            .build();
    try {
      manager.start();
    } catch (OfficeException e) {
      throw new PdfConversionException(
          "LibreOffice (" + home + ") could not be started: " + e.getMessage(), e);
    }
    JodBackend backend = new JodBackend(manager);
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
