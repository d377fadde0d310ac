package dev.engagement.core.testing;

import dev.engagement.core.spi.PdfConverter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** A converter that writes a blank one-page PDF and counts its calls, for tests without an office. */
public final class FakePdfConverter implements PdfConverter {
  public final AtomicInteger conversions = new AtomicInteger();

  @Override
  public void convert(Path docx, Path pdf) {
    conversions.incrementAndGet();
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.LETTER));
      doc.getDocumentInformation().setTitle(docx.getFileName().toString());
      doc.save(pdf.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
