package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.internal.pdf.JodBackend;
import dev.engagement.core.internal.pdf.OptionalJars;
import dev.engagement.core.spi.PdfConverter;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Converts Word documents to PDF with LibreOffice headless, through JODConverter: a small pool
 * of office processes (by default {@code min(cores, 2)}) started on first use, on free loopback
 * ports, each restarted after a number of conversions; a conversion that takes longer than the
 * task timeout, or an office process that crashes, fails that one document and the process is
 * restarted for the next.
 *
 * <p>JODConverter is an optional dependency of {@code engagement-core}: add {@code
 * org.jodconverter:jodconverter-local-lo:4.4.9} to print. Without it, or without LibreOffice,
 * every conversion fails with a message saying what to install.
 *
 * <pre>{@code
 * try (LibreOfficeConverter office = LibreOfficeConverter.builder().processes(2).build()) {
 *   PdfPrint print = PdfPrint.builder().converter(office).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Close it to stop the office processes (a shutdown hook does it otherwise).
 *
 * @since 0.1
 */
public final class LibreOfficeConverter implements PdfConverter {
  private final @Nullable Path officeHome;
  private final int processes;
  private final Duration taskTimeout;
  private final int maxTasksPerProcess;
  private final Object lock = new Object();
  private @Nullable JodBackend backend;
  private @Nullable PdfConversionException startFailure;
  private boolean closed;

  private LibreOfficeConverter(Builder b) {
    this.officeHome = b.officeHome;
    this.processes = b.processes;
    this.taskTimeout = b.taskTimeout;
    this.maxTasksPerProcess = b.maxTasksPerProcess;
  }

  /**
   * Returns a converter with the defaults: LibreOffice looked for where JODConverter looks,
   * {@code min(cores, 2)} processes, 120 s per conversion, a restart every 200 conversions.
   * Nothing starts before the first conversion.
   *
   * @return the converter
   */
  public static LibreOfficeConverter ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a new builder, holding the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns whether JODConverter ({@code org.jodconverter:jodconverter-local-lo}) is on the class
   * path. It says nothing about LibreOffice itself: a missing LibreOffice shows at the first
   * conversion.
   *
   * @return true if JODConverter can be loaded
   */
  public static boolean available() {
    return OptionalJars.JODCONVERTER.present();
  }

  /**
   * Converts one document, starting the office processes on the first call.
   *
   * @param docx the document; it is only read
   * @param pdf the PDF to write; it does not exist yet
   * @throws PdfConversionException if JODConverter or LibreOffice is missing (then every later
   *     call fails the same way at once), if the office processes do not start, or if the
   *     conversion fails or takes longer than the task timeout
   * @throws IllegalStateException if the converter is closed
   */
  @Override
  public void convert(Path docx, Path pdf) {
    requireNonNull(docx, "docx");
    requireNonNull(pdf, "pdf");
    backend().convert(docx, pdf);
  }

  private JodBackend backend() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the converter is closed");
      }
      if (backend != null) {
        return backend;
      }
      if (startFailure != null) {
        throw new PdfConversionException(startFailure.getMessage(), startFailure);
      }
      if (!available()) {
        startFailure =
            new PdfConversionException(OptionalJars.JODCONVERTER.missing("PDF printing needs JODConverter"), null);
        throw startFailure;
      }
      java.io.File home;
      try {
        home = JodBackend.officeHome(officeHome);
      } catch (PdfConversionException e) {
        // not installed: every letter fails the same way, no need to look again
        startFailure = e;
        throw e;
      }
      // a failed start (a port taken meanwhile...) is tried again for the next letter
      backend = JodBackend.start(home, processes, taskTimeout.toMillis(), maxTasksPerProcess);
      return backend;
    }
  }

  /**
   * Stops the office processes, if they were started, and refuses further conversions. Calling
   * it again does nothing.
   */
  @Override
  public void close() {
    JodBackend b;
    synchronized (lock) {
      closed = true;
      b = backend;
      backend = null;
    }
    if (b != null) {
      b.stop();
    }
  }

  /** Builds a {@link LibreOfficeConverter}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Path officeHome;
    private int processes = Math.min(Runtime.getRuntime().availableProcessors(), 2);
    private Duration taskTimeout = Duration.ofSeconds(120);
    private int maxTasksPerProcess = 200;

    private Builder() {}

    /**
     * Sets LibreOffice's folder; by default JODConverter looks for it in the usual places.
     *
     * @param officeHome the folder, e.g. {@code /usr/lib/libreoffice}, or null to look for it
     * @return this builder
     */
    public Builder officeHome(@Nullable Path officeHome) {
      this.officeHome = officeHome;
      return this;
    }

    /**
     * Sets the number of office processes, that is how many letters convert at once (default
     * {@code min(cores, 2)}).
     *
     * @param processes the number of processes
     * @return this builder
     * @throws IllegalArgumentException if {@code processes} is less than 1
     */
    public Builder processes(int processes) {
      if (processes < 1) {
        throw new IllegalArgumentException("processes must be >= 1 but was " + processes);
      }
      this.processes = processes;
      return this;
    }

    /**
     * Sets how long one conversion may take (default 120 s); a conversion that takes longer
     * fails that letter and its office process is restarted.
     *
     * @param taskTimeout the timeout
     * @return this builder
     * @throws IllegalArgumentException if {@code taskTimeout} is zero or negative
     */
    public Builder taskTimeout(Duration taskTimeout) {
      if (taskTimeout.isNegative() || taskTimeout.isZero()) {
        throw new IllegalArgumentException("taskTimeout must be > 0 but was " + taskTimeout);
      }
      this.taskTimeout = taskTimeout;
      return this;
    }

    /**
     * Sets after how many conversions an office process is restarted (default 200).
     *
     * @param maxTasksPerProcess the number of conversions
     * @return this builder
     * @throws IllegalArgumentException if {@code maxTasksPerProcess} is less than 1
     */
    public Builder maxTasksPerProcess(int maxTasksPerProcess) {
      if (maxTasksPerProcess < 1) {
        throw new IllegalArgumentException(
            "maxTasksPerProcess must be >= 1 but was " + maxTasksPerProcess);
      }
      this.maxTasksPerProcess = maxTasksPerProcess;
      return this;
    }

    /**
     * Returns the converter; nothing starts before the first conversion.
     *
     * @return the converter
     */
    public LibreOfficeConverter build() {
      return new LibreOfficeConverter(this);
    }
  }
}
