package dev.engagement.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * Writes the example partners' signatures into {@code signatures/}: {@code Mike_Taylor.pdf}, a
 * full Letter page with ink in its middle (as a scanned signature often is: the stamp clips it
 * to its ink), and {@code Bob_Maurer.png}, a transparent PNG. Fictional scribbles.
 *
 * <p>Run: {@code ExampleSignatures <folder>}.
 */
public final class ExampleSignatures {
  private ExampleSignatures() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "signatures");
    Files.createDirectories(dir);
    try (PDDocument doc = new PDDocument()) {
      Calendar fixed = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      fixed.clear();
      fixed.set(2024, Calendar.DECEMBER, 2, 15, 0, 0);
      doc.getDocumentInformation().setCreationDate(fixed);
      doc.getDocumentInformation().setModificationDate(fixed);
      doc.getDocumentInformation().setProducer("engagement examples");
      PDPage page = new PDPage(PDRectangle.LETTER);
      doc.addPage(page);
      try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
        cs.setStrokingColor(0.08f, 0.12f, 0.45f);
        cs.setLineWidth(2.2f);
        cs.setLineCapStyle(1);
        cs.setLineJoinStyle(1);
        // "M"
        cs.moveTo(180, 390);
        cs.curveTo(186, 420, 190, 440, 196, 445);
        cs.curveTo(202, 420, 206, 405, 210, 400);
        cs.curveTo(216, 420, 222, 440, 228, 445);
        cs.curveTo(232, 420, 236, 400, 242, 392);
        // "ike"
        cs.curveTo(250, 405, 256, 412, 262, 400);
        cs.curveTo(268, 392, 276, 420, 282, 398);
        cs.curveTo(292, 380, 300, 415, 312, 400);
        cs.stroke();
        // "Taylor"
        cs.moveTo(330, 440);
        cs.curveTo(350, 446, 380, 446, 400, 438);
        cs.moveTo(365, 444);
        cs.curveTo(360, 420, 356, 402, 352, 388);
        cs.curveTo(372, 400, 384, 410, 396, 398);
        cs.curveTo(410, 385, 420, 420, 432, 396);
        cs.curveTo(446, 372, 456, 430, 470, 398);
        cs.curveTo(480, 380, 500, 396, 520, 402);
        cs.stroke();
      }
      doc.save(dir.resolve("Mike_Taylor.pdf").toFile());
    }
    BufferedImage img = new BufferedImage(720, 220, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(new Color(18, 24, 80));
    g.setStroke(new BasicStroke(5.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    Path2D p = new Path2D.Float();
    // "Bob"
    p.moveTo(70, 60);
    p.curveTo(60, 110, 66, 150, 70, 170);
    p.curveTo(120, 150, 130, 120, 80, 110);
    p.curveTo(140, 100, 150, 60, 72, 62);
    p.moveTo(150, 150);
    p.curveTo(170, 120, 200, 130, 190, 160);
    p.curveTo(180, 185, 150, 170, 160, 150);
    p.curveTo(200, 140, 220, 60, 226, 70);
    p.curveTo(224, 120, 222, 160, 228, 168);
    p.curveTo(260, 150, 262, 120, 232, 140);
    // "Maurer"
    p.moveTo(300, 170);
    p.curveTo(310, 120, 320, 80, 330, 70);
    p.curveTo(340, 120, 350, 140, 356, 150);
    p.curveTo(366, 120, 380, 80, 392, 70);
    p.curveTo(398, 120, 400, 150, 410, 168);
    p.curveTo(440, 130, 460, 140, 470, 160);
    p.curveTo(490, 130, 500, 140, 520, 158);
    p.curveTo(540, 130, 560, 150, 580, 150);
    p.curveTo(610, 130, 640, 150, 670, 140);
    g.draw(p);
    g.dispose();
    ImageIO.write(img, "png", dir.resolve("Bob_Maurer.png").toFile());
  }
}
