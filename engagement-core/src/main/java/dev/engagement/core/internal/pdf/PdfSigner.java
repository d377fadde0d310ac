package dev.engagement.core.internal.pdf;

import dev.engagement.core.spi.SignatureSource;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.jspecify.annotations.Nullable;

/**
 * The PDFBox side of signing one PDF: read it, find the closing and the partner, stamp the
 * partner's signature above the name, record the signer, save, and read the result back. Only
 * loaded when PDFBox is on the class path (check {@link OptionalJars#PDFBOX} first).
 *
 * <p>Thread-safe: immutable.
 */
public final class PdfSigner {
  /** The document information key that records who signed. */
  public static final String SIGNED_BY = "EngagementSignedBy";

  private final List<String> closings;
  private final SignatureBlock block;
  private final SignatureSource signatures;

  /**
   * Creates a signer.
   *
   * @param closings the closings looked for
   * @param partners the known partners
   * @param signatures where signatures come from
   */
  public PdfSigner(List<String> closings, List<String> partners, SignatureSource signatures) {
    this.closings = List.copyOf(closings);
    this.block = new SignatureBlock(closings, partners);
    this.signatures = signatures;
  }

  /**
   * Who signed, and where.
   *
   * @param partner the partner, as known
   * @param page the 0-based page of the signature
   */
  public record Signed(String partner, int page) {}

  /** Thrown, with a message for people, when a PDF is not signed. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean unreadable;

    Refused(String message, boolean unreadable, @Nullable Throwable cause) {
      super(message, cause);
      this.unreadable = unreadable;
    }

    /** Returns whether the input could not be opened as a PDF at all. */
    public boolean unreadable() {
      return unreadable;
    }
  }

  /**
   * Signs a PDF, given as its bytes, into {@code output} (overwritten).
   *
   * @return who signed
   * @throws Refused if it cannot be signed: unreadable, protected, already signed, no closing,
   *     no known partner, no signature file, a rotated page, a signature that cannot be used
   * @throws IOException if reading or writing fails
   */
  public Signed sign(byte[] input, Path output) throws IOException {
    try (PDDocument doc = load(input)) {
      if (doc.isEncrypted()) {
        throw refused("the PDF is protected (encrypted): signatures cannot be added to it");
      }
      String signed = doc.getDocumentInformation().getCustomMetadataValue(SIGNED_BY);
      if (signed != null) {
        throw refused("it is already signed (by " + signed + ")");
      }
      List<PdfLines.Line> lines = PdfLines.read(doc);
      SignatureBlock.Match match = block.find(lines);
      if (match == null) {
        PdfLines.Segment closing = block.firstClosing(lines);
        if (closing == null) {
          throw refused("no closing line found (looked for: " + String.join(" ", closings) + ")");
        }
        throw refused(
            "no known partner's name follows the closing \""
                + closing.text()
                + "\" (known partners: "
                + String.join(", ", block.partners())
                + ")");
      }
      SignatureSource.Signature signature =
          signatures
              .find(match.partner())
              .orElseThrow(
                  () ->
                      refused(
                          "no signature file for "
                              + match.partner()
                              + " "
                              + signatures.describe(match.partner())));
      if (doc.getPage(match.name().page()).getRotation() % 360 != 0) {
        throw refused("the page with the signature block is rotated, which is not supported");
      }
      Stamper.Place place = Stamper.placeAbove(doc, match.name().page(), match.name().positions());
      Closeable signatureDocument;
      try {
        signatureDocument = Stamper.stamp(doc, place, signature);
      } catch (IllegalArgumentException e) {
        throw new Refused(String.valueOf(e.getMessage()), false, e);
      }
      try {
        doc.getDocumentInformation().setCustomMetadataValue(SIGNED_BY, match.partner());
        doc.save(output.toFile());
      } finally {
        signatureDocument.close();
      }
      try (PDDocument check = Loader.loadPDF(output.toFile())) {
        if (check.getNumberOfPages() != doc.getNumberOfPages()) {
          throw refused("the signed PDF does not read back whole");
        }
      }
      return new Signed(match.partner(), match.name().page());
    }
  }

  private static PDDocument load(byte[] content) {
    try {
      return Loader.loadPDF(content);
    } catch (InvalidPasswordException e) {
      throw new Refused("the PDF is password-protected", true, e);
    } catch (IOException e) {
      throw new Refused("it is not a readable PDF (" + e.getMessage() + ")", true, e);
    }
  }

  private static Refused refused(String reason) {
    return new Refused(reason, false, null);
  }
}
