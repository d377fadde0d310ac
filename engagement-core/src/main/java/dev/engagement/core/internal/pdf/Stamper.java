package dev.engagement.core.internal.pdf;

import dev.engagement.core.spi.SignatureSource.Signature;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.multipdf.LayerUtility;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.TextPosition;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws a partner's signature just above their name: 20 pt tall, its left edge 1.25 in (90 pt)
 * from the left of the page's crop box, 2 pt above the top of the name's letters. A signature
 * PDF is imported as a form XObject clipped to its ink (so a full white page does not shrink to a
 * dot); a PNG is drawn with its transparency, trimmed to its ink.
 *
 * <p>Thread-safe: the ink boxes of the last 64 signature files are cached by file, size and time.
 */
public final class Stamper {
  /** The signature's height in points. */
  public static final float HEIGHT = 20f;

  /** The signature's left edge from the crop box's left, in points (1.25 in). */
  public static final float LEFT = 90f;

  /** The gap between the signature and the top of the name, in points. */
  public static final float GAP = 2f;

  private static final float INK_DPI = 144f;
  /** Signature files seen most recently; a firm has a few, so the oldest go after {@value #INK_ENTRIES}. */
  private static final int INK_ENTRIES = 64;

  private static final Map<String, PDRectangle> INK =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PDRectangle> eldest) {
              return size() > INK_ENTRIES;
            }
          });

  private Stamper() {}

  /**
   * Where the signature goes.
   *
   * @param page the page index
   * @param x the left edge in the page's user space
   * @param y the bottom edge in the page's user space
   */
  public record Place(int page, float x, float y) {}

  /** Computes the place above a name, from its characters' positions. */
  public static Place placeAbove(PDDocument doc, int pageIndex, List<TextPosition> name) {
    PDPage page = doc.getPage(pageIndex);
    PDRectangle crop = page.getCropBox();
    float maxY = 0;
    float maxHeight = 0;
    for (TextPosition t : name) {
      maxY = Math.max(maxY, t.getYDirAdj());
      maxHeight = Math.max(maxHeight, t.getHeightDir());
    }
    float baseline = crop.getLowerLeftY() + crop.getHeight() - maxY;
    float top = baseline + maxHeight;
    return new Place(pageIndex, crop.getLowerLeftX() + LEFT, top + GAP);
  }

  /**
   * Stamps a signature. Close what it returns after saving {@code doc}: a signature PDF stays
   * open until then, as objects imported from it may be read lazily.
   *
   * @throws IOException if the signature file cannot be read
   * @throws IllegalArgumentException with a message for people if the signature cannot be used
   */
  public static Closeable stamp(PDDocument doc, Place place, Signature signature) throws IOException {
    PDPage page = doc.getPage(place.page());
    if (signature.isPng()) {
      BufferedImage img = ImageIO.read(signature.file().toFile());
      if (img == null) {
        throw new IllegalArgumentException("the signature " + signature.file().getFileName() + " is not a PNG image");
      }
      BufferedImage ink = trim(img);
      PDImageXObject x = LosslessFactory.createFromImage(doc, ink);
      float width = ink.getWidth() * HEIGHT / ink.getHeight();
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
        cs.drawImage(x, place.x(), place.y(), width, HEIGHT);
      }
      return () -> {};
    }
    PDDocument sig = Loader.loadPDF(signature.file().toFile());
    try {
      if (sig.getNumberOfPages() < 1) {
        throw new IllegalArgumentException("the signature " + signature.file().getFileName() + " has no page");
      }
      if (sig.getPage(0).getRotation() % 360 != 0) {
        throw new IllegalArgumentException(
            "the signature " + signature.file().getFileName() + " is a rotated page: save it unrotated");
      }
      PDRectangle ink = inkBox(signature.file(), sig);
      PDFormXObject form = new LayerUtility(doc).importPageAsForm(sig, 0);
      form.setMatrix(new AffineTransform());
      form.setBBox(ink);
      float s = HEIGHT / ink.getHeight();
      Matrix m = Matrix.getTranslateInstance(place.x(), place.y());
      m.scale(s, s);
      m.translate(-ink.getLowerLeftX(), -ink.getLowerLeftY());
      try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
        cs.saveGraphicsState();
        cs.transform(m);
        cs.drawForm(form);
        cs.restoreGraphicsState();
      }
      return sig;
    } catch (IOException | RuntimeException e) {
      sig.close();
      throw e;
    }
  }

  /** The tight box of the signature page's non-white pixels, in its user space. */
  static PDRectangle inkBox(Path file, PDDocument sig) throws IOException {
    FileTime time = Files.getLastModifiedTime(file);
    String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + time.toMillis();
    PDRectangle cached = INK.get(key);
    if (cached != null) {
      return cached;
    }
    PDRectangle crop = sig.getPage(0).getCropBox();
    BufferedImage img = new PDFRenderer(sig).renderImageWithDPI(0, INK_DPI, ImageType.RGB);
    int[] box = box(img, false);
    if (box == null) {
      throw new IllegalArgumentException("the signature " + file.getFileName() + " has no ink (a blank page)");
    }
    float scale = INK_DPI / 72f;
    float llx = crop.getLowerLeftX() + box[0] / scale;
    float urx = crop.getLowerLeftX() + (box[2] + 1) / scale;
    float ury = crop.getUpperRightY() - box[1] / scale;
    float lly = crop.getUpperRightY() - (box[3] + 1) / scale;
    PDRectangle ink = new PDRectangle(llx, lly, urx - llx, ury - lly);
    INK.put(key, ink);
    return ink;
  }

  /** Returns the image cut to its ink (non-transparent, non-white pixels). */
  static BufferedImage trim(BufferedImage img) {
    int[] box = box(img, true);
    if (box == null) {
      throw new IllegalArgumentException("the signature image has no ink (it is blank)");
    }
    BufferedImage argb = new BufferedImage(box[2] - box[0] + 1, box[3] - box[1] + 1, BufferedImage.TYPE_INT_ARGB);
    for (int y = box[1]; y <= box[3]; y++) {
      for (int x = box[0]; x <= box[2]; x++) {
        argb.setRGB(x - box[0], y - box[1], img.getRGB(x, y));
      }
    }
    return argb;
  }

  /** Returns {minX, minY, maxX, maxY} of the ink pixels, or null. */
  private static int[] box(BufferedImage img, boolean alpha) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    boolean hasAlpha = alpha && img.getColorModel().hasAlpha();
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int argb = img.getRGB(x, y);
        int a = hasAlpha ? (argb >>> 24) : 255;
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        boolean ink = a > 16 && (r < 235 || g < 235 || b < 235);
        if (ink) {
          minX = Math.min(minX, x);
          minY = Math.min(minY, y);
          maxX = Math.max(maxX, x);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return maxX < 0 ? null : new int[] {minX, minY, maxX, maxY};
  }
}
