package dev.engagement.core.spi;

import java.nio.file.Path;

/**
 * Converts a Word document to PDF. The default is {@link dev.engagement.core.LibreOfficeConverter}
 * (LibreOffice headless through JODConverter); firms that need Word-exact output can plug in
 * their own (for example a Windows service driving Word).
 *
 * <p>Implementations are thread-safe (a batch converts from several workers at once) and are
 * closed by their owner, not by the jobs that use them.
 *
 * @since 0.1
 */
public interface PdfConverter extends AutoCloseable {
  /**
   * Converts one document. Tracked changes have been dealt with before (a letter with
   * unaccepted changes is refused or its changes accepted by the caller).
   *
   * @param docx the document; it must not be modified
   * @param pdf the PDF to write; it does not exist yet
   * @throws PdfConversionException with a message for people (no office installed, the
   *     conversion failed or timed out...)
   */
  void convert(Path docx, Path pdf);

  /** Stops whatever the converter started (office processes). */
  @Override
  default void close() {}

  /**
   * Thrown when a conversion fails; the message is meant for people. The job that called the
   * converter fails that one letter with it.
   */
  final class PdfConversionException extends dev.engagement.core.EngagementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and, if it helps, what to install or change
     * @param cause the exception underneath, or null
     */
    public PdfConversionException(String message, @org.jspecify.annotations.Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
