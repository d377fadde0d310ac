package dev.engagement.core;

import static dev.engagement.core.testing.PdfFixtures.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.engagement.core.spi.SignatureSource;
import dev.engagement.core.testing.PdfFixtures;
import dev.engagement.core.testing.PdfFixtures.Text;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signatures stamped on PDFs made with PDFBox; each stamp is read back from the page content (an
 * XObject drawn at the expected place and size) and found by rendering (ink above the name), and
 * the text is unchanged.
 */
final class PdfSignTest {
  @TempDir Path temp;
  Path signatures;

  @BeforeEach
  void signatures() {
    signatures = temp.resolve("signatures");
    PdfFixtures.signaturePdf(signatures.resolve("Mike_Taylor.pdf"));
    PdfFixtures.signaturePng(signatures.resolve("Bob_Maurer.png"));
  }

  private PdfSign sign() {
    return PdfSign.builder().signatures(SignatureSource.folder(signatures)).build();
  }

  private static final String[] BLOCK = {
    "We look forward to working with you.", "", "Very truly yours,", "", "Taylor & Maurer CPAs, LLP", "", "", "Mike Taylor, CPA"
  };

  static String text(Path pdf) throws Exception {
    try (PDDocument d = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(d);
    }
  }

  @Test
  void stampsAPdfSignatureClippedToItsInkAboveTheName() throws Exception {
    Path in = PdfFixtures.letter(temp.resolve("in/Smith 2025 Engagement Letter.pdf"), 0, 0, column(BLOCK));
    byte[] before = Files.readAllBytes(in);

    FileResult r = sign().sign(in, temp.resolve("out"));

    assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
    Path out = r.output().orElseThrow();
    assertThat(out).isEqualTo(temp.resolve("out/Smith 2025 Engagement Letter.pdf"));
    assertThat(Files.readAllBytes(in)).isEqualTo(before);
    assertThat(text(out)).isEqualTo(text(in));
    assertThat(r.notes()).containsExactly("signed by Mike Taylor on page 1");
    float nameBaseline = 792 - (72 + 7 * PdfFixtures.LEADING);
    try (PDDocument signed = Loader.loadPDF(out.toFile()); PDDocument unsigned = Loader.loadPDF(in.toFile())) {
      List<PdfFixtures.Drawn> drawn = PdfFixtures.drawn(signed.getPage(0));
      assertThat(drawn).hasSize(1);
      PdfFixtures.Drawn d = drawn.get(0);
      assertThat(d.form()).isTrue();
      assertThat(d.ctm().getScaleY()).as("a full page scaled to its ink, not to a dot").isBetween(0.05f, 1f);
      assertThat(signed.getDocumentInformation().getCustomMetadataValue(PdfSign.SIGNED_BY)).isEqualTo("Mike Taylor");

      BufferedImage a = PdfFixtures.render(unsigned, 0);
      BufferedImage b = PdfFixtures.render(signed, 0);
      int[] ink = PdfFixtures.difference(a, b);
      assertThat(ink).as("ink appears").isNotNull();
      assertThat(ink[0]).as("left edge at 1.25 in").isBetween(89, 92);
      assertThat(ink[3] - ink[1] + 1).as("20 pt tall").isBetween(17, 21);
      int bottomY = 792 - ink[3];
      assertThat((float) bottomY).as("just above the name").isBetween(nameBaseline + 5, nameBaseline + 16);
      float firmBaseline = 792 - (72 + 4 * PdfFixtures.LEADING);
      assertThat((float) (792 - ink[1])).as("below the firm's line").isLessThan(firmBaseline + 2);
    }
  }

  @Test
  void stampsAPngSignatureWithItsTransparency() throws Exception {
    String[] lines = BLOCK.clone();
    lines[7] = "BOB MAURER, CPA, MST";
    Path in = PdfFixtures.letter(temp.resolve("in/Acme.pdf"), 0, 0, column(lines));
    FileResult r = sign().sign(in, temp.resolve("out"));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
    try (PDDocument signed = Loader.loadPDF(r.output().orElseThrow().toFile()); PDDocument unsigned = Loader.loadPDF(in.toFile())) {
      List<PdfFixtures.Drawn> drawn = PdfFixtures.drawn(signed.getPage(0));
      assertThat(drawn).singleElement().satisfies(d -> {
        assertThat(d.form()).isFalse();
        assertThat(d.ctm().getScaleY()).isCloseTo(20f, within(0.01f));
        assertThat(d.ctm().getTranslateX()).isCloseTo(90f, within(0.01f));
      });
      int[] ink = PdfFixtures.difference(PdfFixtures.render(unsigned, 0), PdfFixtures.render(signed, 0));
      assertThat(ink).isNotNull();
      int nameTop = (int) (72 + 7 * PdfFixtures.LEADING);
      assertThat(PdfFixtures.darkPixels(PdfFixtures.render(signed, 0), 72, nameTop - 9, 300, nameTop + 2))
          .as("the name is still readable under a transparent signature")
          .isGreaterThan(20);
    }
  }

  @Test
  void measuresFromTheCropBox() throws Exception {
    Path in = PdfFixtures.letter(temp.resolve("in/Offset.pdf"), 36, 48, column(BLOCK));
    FileResult r = sign().sign(in, temp.resolve("out"));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
    try (PDDocument signed = Loader.loadPDF(r.output().orElseThrow().toFile()); PDDocument unsigned = Loader.loadPDF(in.toFile())) {
      int[] ink = PdfFixtures.difference(PdfFixtures.render(unsigned, 0), PdfFixtures.render(signed, 0));
      assertThat(ink[0]).as("1.25 in from the crop box's left").isBetween(89, 92);
      float nameBaseline = 792 - (72 + 7 * PdfFixtures.LEADING);
      assertThat((float) (792 - ink[3])).isBetween(nameBaseline + 5, nameBaseline + 16);
    }
  }

  @Test
  void findsTheNameOnTheNextPageAndInATwoColumnBlock() throws Exception {
    List<Text> lines = new ArrayList<>();
    lines.add(new Text(0, 72, 740, "Very truly yours,"));
    lines.add(new Text(0, 320, 740, "ACCEPTED AND AGREED:"));
    lines.add(new Text(1, 72, 72, "Taylor & Maurer CPAs, LLP"));
    lines.add(new Text(1, 72, 130, "Mike J. Taylor, CPA"));
    lines.add(new Text(1, 320, 130, "Bob Maurer"));
    Path in = PdfFixtures.letter(temp.resolve("in/Split.pdf"), 0, 0, lines);
    FileResult r = sign().sign(in, temp.resolve("out"));
    assertThat(r.status()).as(r.toString()).isEqualTo(Status.SUCCESS);
    assertThat(r.notes()).containsExactly("signed by Mike Taylor on page 2");
    try (PDDocument signed = Loader.loadPDF(r.output().orElseThrow().toFile())) {
      assertThat(PdfFixtures.drawn(signed.getPage(0))).isEmpty();
      assertThat(PdfFixtures.drawn(signed.getPage(1))).hasSize(1);
    }
  }

  @Test
  void failsNamingWhatIsMissingAndWritesNothing() throws Exception {
    Path noClosing = PdfFixtures.letter(temp.resolve("in/a.pdf"), 0, 0, column("Hello", "Mike Taylor, CPA"));
    Path stranger = PdfFixtures.letter(temp.resolve("in/b.pdf"), 0, 0, column("Sincerely,", "", "Jane Stranger, CPA"));
    Path noFile = PdfFixtures.letter(temp.resolve("in/c.pdf"), 0, 0, column("Respectfully,", "Ann Lee, CPA"));
    Path notPdf = temp.resolve("in/d.pdf");
    Files.writeString(notPdf, "hello");
    PdfSign sign = PdfSign.builder().signatures(SignatureSource.folder(signatures)).partners(List.of("Ann Lee")).build();

    List<FileResult> results = new ArrayList<>();
    Batch.ofDefaults().run(sign, List.of(temp.resolve("in")), temp.resolve("out"), results::add);

    assertThat(results).extracting(FileResult::status).containsOnly(Status.FAILED);
    assertThat(results.get(0).message().orElseThrow()).contains("a.pdf").contains("no closing line found");
    assertThat(results.get(1).message().orElseThrow())
        .contains("no known partner's name follows the closing \"Sincerely,\"")
        .contains("Mike Taylor")
        .contains("Bob Maurer");
    assertThat(results.get(2).message().orElseThrow())
        .contains("no signature file for Ann Lee")
        .contains("Ann_Lee.pdf or Ann_Lee.png");
    assertThat(results.get(3).message().orElseThrow()).contains("d.pdf").contains("not a readable PDF");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void neverSignsTwiceAndSkipsOtherFiles() throws Exception {
    Path in = PdfFixtures.letter(temp.resolve("in/Letter.pdf"), 0, 0, column(BLOCK));
    Files.writeString(temp.resolve("in/notes.docx"), "x");
    FileResult first = sign().sign(in, temp.resolve("out"));
    FileResult again = sign().sign(first.output().orElseThrow(), temp.resolve("out2"));
    assertThat(again.status()).isEqualTo(Status.FAILED);
    assertThat(again.message().orElseThrow()).contains("already signed (by Mike Taylor)");
    FileResult skipped = sign().sign(temp.resolve("in/notes.docx"), temp.resolve("out"));
    assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
    try (Stream<Path> s = Files.list(temp.resolve("out"))) {
      assertThat(s).containsExactly(temp.resolve("out/Letter.pdf"));
    }
  }
}
