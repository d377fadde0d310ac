package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engagement.core.spi.PdfConverter;
import dev.engagement.core.spi.PdfConverter.PdfConversionException;
import dev.engagement.core.spi.SignatureSource;
import dev.engagement.core.testing.Docx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run by the {@code without-optional-jars} surefire execution, whose class path is that of an
 * application that only rolls letters: no PDFBox (pdfbox, pdfbox-io, fontbox) and no
 * JODConverter. Rolling and the entity check work; printing and signing build, then fail each
 * letter with a message naming the Maven coordinates to add.
 */
final class MissingOptionalJarsTest {
  private static final String LETTER = "Smith 2024 Engagement Letter.docx";

  @TempDir Path temp;

  private static boolean present(String className) {
    try {
      Class.forName(className, false, MissingOptionalJarsTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @BeforeEach
  void onlyWithoutTheOptionalJars() {
    assumeTrue(
        !present("org.apache.pdfbox.Loader")
            && !present("org.apache.fontbox.FontBoxFont")
            && !present("org.apache.pdfbox.io.RandomAccessRead")
            && !present("org.jodconverter.local.office.LocalOfficeManager"),
        "run by the without-optional-jars execution only");
  }

  @Test
  void rollingAndTheEntityCheckWork() {
    Path in =
        Docx.builder()
            .body(p(r("Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250. Our Associate hourly"
                + " rates range from $140-185.")) + p(r("Tax year 2024.")))
            .write(temp.resolve("in").resolve(LETTER));
    FileResult rolled = Rollover.builder().settings(Settings.example()).build().roll(in, temp.resolve("out"));
    assertThat(rolled.status()).as(rolled.toString()).isEqualTo(Status.SUCCESS);
    assertThat(rolled.changes()).extracting(Change::after)
        .containsExactly(
            "Partner hourly rates are: Mike Taylor\u2013$295, Bob Maurer\u2013$295. Our Associate hourly rates"
                + " range from $150-195.",
            "Tax year 2025.");
    FileResult checked = EntityCheck.ofDefaults().check(in);
    assertThat(checked.status()).as(checked.toString()).isIn(Status.SUCCESS, Status.UNCHANGED);
  }

  @Test
  void signingFailsEachLetterNamingPdfBoxsCoordinates() throws Exception {
    Path signatures = Files.createDirectories(temp.resolve("signatures"));
    Files.write(signatures.resolve("Mike_Taylor.png"), new byte[] {1});
    PdfSign sign = PdfSign.builder().signatures(SignatureSource.folder(signatures)).build();
    Path in = Files.createDirectories(temp.resolve("pdf"));
    Files.write(in.resolve("a.pdf"), "%PDF-1.7 not really".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Files.write(in.resolve("b.pdf"), "%PDF-1.7 not really".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    List<FileResult> results = new ArrayList<>();
    BatchSummary summary = Batch.ofDefaults().run(sign, List.of(in), temp.resolve("signed"), results::add);

    assertThat(summary.failed()).isEqualTo(2);
    assertThat(results).allSatisfy(r -> assertThat(r.message().orElseThrow())
        .startsWith("Could not sign the letter [file=" + r.letter().relativePath() + ", stage=sign]: PDF signatures"
            + " need PDFBox, an optional dependency of engagement-core: add org.apache.pdfbox:pdfbox:")
        .contains("<groupId>org.apache.pdfbox</groupId><artifactId>pdfbox</artifactId><version>"));
    assertThat(temp.resolve("signed")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  @Test
  void printingFailsEachLetterBeforeConvertingNamingPdfBoxsCoordinates() throws Exception {
    AtomicInteger conversions = new AtomicInteger();
    PdfConverter converter = (docx, pdf) -> {
      conversions.incrementAndGet();
      try {
        Files.write(pdf, "%PDF-1.7".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    };
    Path in = Docx.builder().body(p(r("Tax year 2024."))).write(temp.resolve("in").resolve(LETTER));
    FileResult r = PdfPrint.builder().converter(converter).build().print(in, temp.resolve("pdf"));

    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message().orElseThrow())
        .startsWith("Could not print the letter [file=" + LETTER + ", stage=convert]: Checking each PDF before it is"
            + " placed needs PDFBox, an optional dependency of engagement-core: add org.apache.pdfbox:pdfbox:");
    assertThat(conversions).hasValue(0);
    assertThat(temp.resolve("pdf")).doesNotExist();
  }

  @Test
  void theLibreOfficeConverterNamesJodConvertersCoordinates() {
    assertThat(LibreOfficeConverter.available()).isFalse();
    try (LibreOfficeConverter office = LibreOfficeConverter.ofDefaults()) {
      assertThatThrownBy(() -> office.convert(temp.resolve("a.docx"), temp.resolve("a.pdf")))
          .isInstanceOf(PdfConversionException.class)
          .hasMessageStartingWith("PDF printing needs JODConverter, an optional dependency of engagement-core: add"
              + " org.jodconverter:jodconverter-local-lo:");
    }
  }
}
