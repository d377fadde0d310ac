package dev.engagement.core.internal.pdf;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * The check a printed PDF passes before it is placed: PDFBox reads it and finds pages. Only
 * loaded when PDFBox is on the class path (check {@link OptionalJars#PDFBOX} first).
 *
 * <p>Thread-safe: stateless.
 */
public final class PdfCheck {
  private PdfCheck() {}

  /**
   * Returns the number of pages of a PDF.
   *
   * @param pdf the file
   * @return its page count
   * @throws IOException if PDFBox cannot read it
   */
  public static int pages(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return doc.getNumberOfPages();
    }
  }
}
