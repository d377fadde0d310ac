package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.engagement.core.spi.SignatureSource;
import dev.engagement.core.testing.Docx;
import dev.engagement.core.testing.PdfFixtures;
import dev.engagement.core.testing.ReadBack;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regressions for the defects a code review found (each reproduced before the fix). */
final class ReviewRegressionTest {
  @TempDir Path temp;

  private static final String LETTER = "Smith 2024 Engagement Letter.docx";

  private FileResult roll(String body) {
    Path in = Docx.builder().body(body).write(temp.resolve("in").resolve(LETTER));
    return Rollover.builder().settings(Settings.example()).build().roll(in, temp.resolve("out"));
  }

  private static List<String> body(FileResult r) {
    return ReadBack.paragraphs(ReadBack.entries(r.output().orElseThrow()).get("word/document.xml"));
  }

  @Test
  void aComplianceSentenceWithAnOddBookkeepingSentenceIsNotRewrittenWithConsultingRates() {
    String text =
        "Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250. Our Associate hourly rates"
            + " range from $140-185. Our bookkeeping rate is $65 per hour.";
    FileResult r = roll(p(r(text)) + p(r("Tax year 2024.")));
    assertThat(body(r)).containsExactly(text, "Tax year 2025.");
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("not in the expected fee sentence"));
  }

  @Test
  void aTextNodeWithXmlSpaceDefaultGetsPreserveOnceAndStaysWellFormed() {
    FileResult r = roll("<w:p><w:r><w:t xml:space=\"default\">In 2024 </w:t></w:r></w:p>");
    String xml = ReadBack.text(ReadBack.entries(r.output().orElseThrow()).get("word/document.xml"));
    assertThat(xml).contains("<w:t xml:space=\"preserve\">In 2025 </w:t>");
    ReadBack.dom(ReadBack.entries(r.output().orElseThrow()).get("word/document.xml"));
  }

  @Test
  void aLetterPathCannotLeaveItsInput() {
    Path in = temp.resolve("x.docx");
    for (String bad : List.of("../x.docx", "a/../../x.docx", "./x.docx", "a//x.docx", "..\\x.docx", "C:x.docx")) {
      assertThatThrownBy(() -> new Letter(in, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(new Letter(in, "a/b/x.docx").folder()).isEqualTo("a/b/");
  }

  @Test
  void yearsBeforeCapitalizedWordsStillRoll() {
    FileResult r =
        roll(
            p(r("your 2024 Tax Court case and file the 2024 Heavy Highway Vehicle Use Tax Return for 2024."))
                + p(r("Form 1040-X 2024; In 2024 Road Map; January 1 2024 Place of business.")));
    assertThat(body(r))
        .containsExactly(
            "your 2025 Tax Court case and file the 2025 Heavy Highway Vehicle Use Tax Return for 2025.",
            "Form 1040-X 2025; In 2025 Road Map; January 1 2025 Place of business.");
  }

  @Test
  void numbersLeftAloneAsNotYearsAreReported() {
    FileResult r = roll(p(r("Call 555-2024 about tax year 2024.")));
    assertThat(body(r)).containsExactly("Call 555-2024 about tax year 2025.");
    assertThat(r.yearsLeftAlone())
        .extracting(YearNote::text, YearNote::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2024", "not a year here: part of a phone number"));
  }

  @Test
  void aTextBoxBetweenTwoYearsKeepsThemApart() {
    String box =
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent>"
            + p(r("Box")) + "</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback/></mc:AlternateContent></w:r>";
    FileResult r = roll(p(r("Fiscal 2023"), box, r("2024 close")));
    assertThat(body(r)).containsExactly("Fiscal 20242025 close", "Box");
  }

  @Test
  void unsafeDirectoryEntriesAreDroppedAndReported() throws Exception {
    Path plain = Docx.builder().body(p(r("Tax year 2024"))).write(temp.resolve("plain.docx"));
    Path in = temp.resolve("in").resolve(LETTER);
    Files.createDirectories(in.getParent());
    try (ZipFile src = new ZipFile(plain.toFile());
        OutputStream os = Files.newOutputStream(in);
        ZipOutputStream out = new ZipOutputStream(os)) {
      Enumeration<? extends ZipEntry> en = src.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        out.putNextEntry(new ZipEntry(e.getName()));
        src.getInputStream(e).transferTo(out);
        out.closeEntry();
      }
      out.putNextEntry(new ZipEntry("../../evil/"));
      out.closeEntry();
    }
    FileResult r = Rollover.ofDefaults().roll(in, temp.resolve("out"));
    assertThat(ReadBack.entries(r.output().orElseThrow()).keySet()).noneMatch(n -> n.contains(".."));
    assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("dropped the zip entry '../../evil/'"));
  }

  @Test
  void aPdfOverTheSizeLimitFailsBeforeSigning() {
    Path sigs = temp.resolve("sigs");
    PdfFixtures.signaturePdf(sigs.resolve("Mike_Taylor.pdf"));
    Path in = PdfFixtures.letter(temp.resolve("in/L.pdf"), 0, 0, PdfFixtures.column("Very truly yours,", "Mike Taylor"));
    FileResult r =
        PdfSign.builder()
            .signatures(SignatureSource.folder(sigs))
            .limits(new DocumentLimits(100, 1 << 20, 200, 100, 100))
            .build()
            .sign(in, temp.resolve("out"));
    assertThat(r.status()).isEqualTo(Status.FAILED);
    assertThat(r.message().orElseThrow()).contains("L.pdf").contains("too large");
  }
}
