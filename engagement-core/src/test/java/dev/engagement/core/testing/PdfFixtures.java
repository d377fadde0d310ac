package dev.engagement.core.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.contentstream.PDFStreamEngine;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.state.Concatenate;
import org.apache.pdfbox.contentstream.operator.state.Restore;
import org.apache.pdfbox.contentstream.operator.state.Save;
import org.apache.pdfbox.contentstream.operator.state.SetMatrix;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.util.Matrix;

/** Builds letter PDFs and signature files with PDFBox and Java2D, and reads stamps back. */
public final class PdfFixtures {
  /** Points per line. */
  public static final float LEADING = 14f;

  private PdfFixtures() {}

  /**
   * A line of text at a position.
   *
   * @param page the page index
   * @param x the left edge from the crop box's left
   * @param fromTop the baseline's distance from the crop box's top
   * @param text the text
   */
  public record Text(int page, float x, float fromTop, String text) {}

  /** Returns lines one below the other on page 0 at x=72, starting 72 pt from the top. */
  public static List<Text> column(String... lines) {
    List<Text> out = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      out.add(new Text(0, 72, 72 + i * LEADING, lines[i]));
    }
    return out;
  }

  /** Writes a Letter-size PDF with the given lines (Helvetica 11) and crop box origin. */
  public static Path letter(Path file, float cropX, float cropY, List<Text> lines) {
    try (PDDocument doc = new PDDocument()) {
      int pages = lines.stream().mapToInt(Text::page).max().orElse(0) + 1;
      for (int i = 0; i < pages; i++) {
        PDPage page = new PDPage(new PDRectangle(0, 0, 612 + cropX, 792 + cropY));
        page.setCropBox(new PDRectangle(cropX, cropY, 612, 792));
        doc.addPage(page);
      }
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      for (int i = 0; i < pages; i++) {
        PDPage page = doc.getPage(i);
        try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
          for (Text t : lines) {
            if (t.page() != i) {
              continue;
            }
            cs.beginText();
            cs.setFont(font, 11);
            cs.newLineAtOffset(cropX + t.x(), cropY + 792 - t.fromTop());
            cs.showText(t.text());
            cs.endText();
          }
        }
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      doc.save(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes a signature PDF: a full white Letter page with a blue squiggle near its middle. */
  public static Path signaturePdf(Path file) {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.setStrokingColor(0.1f, 0.1f, 0.6f);
        cs.setLineWidth(3);
        cs.moveTo(200, 400);
        cs.curveTo(240, 460, 280, 340, 320, 400);
        cs.curveTo(360, 460, 400, 340, 440, 410);
        cs.stroke();
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      doc.save(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes a signature PNG: transparent, with a dark squiggle and a wide transparent margin. */
  public static Path signaturePng(Path file) {
    BufferedImage img = new BufferedImage(600, 200, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(20, 20, 90));
    g.setStroke(new BasicStroke(6));
    g.draw(new CubicCurve2D.Float(100, 120, 200, 20, 300, 180, 500, 60));
    g.dispose();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ImageIO.write(img, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * An XObject drawn on a page.
   *
   * @param name its resource name
   * @param form whether it is a form (else an image)
   * @param ctm the transformation in effect when it was drawn
   */
  public record Drawn(String name, boolean form, Matrix ctm) {}

  /** Returns the XObjects drawn directly by a page's content, with their transformations. */
  public static List<Drawn> drawn(PDPage page) {
    List<Drawn> out = new ArrayList<>();
    PDFStreamEngine engine =
        new PDFStreamEngine() {
          {
            addOperator(new Concatenate(this));
            addOperator(new Save(this));
            addOperator(new Restore(this));
            addOperator(new SetMatrix(this));
          }

          @Override
          protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            if (operator.getName().equals("Do") && !operands.isEmpty() && operands.get(0) instanceof COSName) {
              COSName n = (COSName) operands.get(0);
              PDXObject x = getResources().getXObject(n);
              out.add(new Drawn(n.getName(), x instanceof PDFormXObject,
                  getGraphicsState().getCurrentTransformationMatrix().clone()));
              return;
            }
            super.processOperator(operator, operands);
          }
        };
    try {
      engine.processPage(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Renders a page at 72 dpi (one pixel per point, origin at the crop box's top left). */
  public static BufferedImage render(PDDocument doc, int page) {
    try {
      return new PDFRenderer(doc).renderImageWithDPI(page, 72, ImageType.RGB);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts dark pixels (any channel under 160) in a rectangle of an image, clipped to it. */
  public static int darkPixels(BufferedImage img, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x1); x++) {
        int rgb = img.getRGB(x, y);
        if (((rgb >> 16) & 0xFF) < 160 || ((rgb >> 8) & 0xFF) < 160 || (rgb & 0xFF) < 160) {
          n++;
        }
      }
    }
    return n;
  }

  /** Returns {minX, minY, maxX, maxY} of pixels that differ between two same-size images, or null. */
  public static int[] difference(BufferedImage a, BufferedImage b) {
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        if (Math.abs((a.getRGB(x, y) & 0xFF) - (b.getRGB(x, y) & 0xFF)) > 40
            || Math.abs(((a.getRGB(x, y) >> 16) & 0xFF) - ((b.getRGB(x, y) >> 16) & 0xFF)) > 40) {
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
