package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Docx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PDF printing with a real LibreOffice (installed by .ci/setup). */
final class PdfPrintTest {
  static LibreOfficeConverter office;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    office = LibreOfficeConverter.builder().processes(2).build();
  }

  @AfterAll
  static void stop() {
    office.close();
  }

  static String text(Path pdf) throws IOException {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void printsTheExampleLetters() throws Exception {
    Path letters = Path.of("..", "engagement-examples", "letters");
    List<FileResult> results = new ArrayList<>();
    long start = System.nanoTime();
    BatchSummary s =
        Batch.ofDefaults().run(PdfPrint.builder().converter(office).build(), List.of(letters), temp.resolve("pdf"), results::add);
    System.err.printf("printed %d letters in %d ms%n", s.success(), (System.nanoTime() - start) / 1_000_000);
    assertThat(s).as(results.toString()).isEqualTo(new BatchSummary(4, 0, 1, 0));
    Path smith = temp.resolve("pdf/Smith Family 2024 Engagement Letter.pdf");
    assertThat(results.get(3).output()).contains(smith);
    assertThat(text(smith))
        .contains("Very truly yours,")
        .contains("Mike Taylor, CPA")
        .contains("2045 Elm Street");
    try (Stream<Path> list = Files.list(letters)) {
      assertThat(list.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".~lock"));
    }
  }

  @Test
  void refusesUnacceptedTrackedChangesUnlessAskedToAcceptThem() throws Exception {
    String body =
        p(r("Tax year "), "<w:del w:id=\"1\" w:author=\"a\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:delText>2023 OLDTEXT</w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\" w:author=\"a\" w:date=\"2024-01-01T00:00:00Z\">" + r("2024 NEWTEXT") + "</w:ins>");
    Path in = Docx.builder().body(body).write(temp.resolve("Revised 2024 Engagement Letter.docx"));

    FileResult refused = PdfPrint.builder().converter(office).build().print(in, temp.resolve("out"));
    assertThat(refused.status()).isEqualTo(Status.FAILED);
    assertThat(refused.message().orElseThrow())
        .contains("Revised 2024 Engagement Letter.docx")
        .contains("unaccepted tracked changes (1 deletion, 1 insertion)")
        .contains("--accept-changes");
    assertThat(temp.resolve("out")).doesNotExist();

    FileResult accepted =
        PdfPrint.builder().converter(office).acceptTrackedChanges(true).build().print(in, temp.resolve("out"));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(Status.SUCCESS);
    String text = text(accepted.output().orElseThrow());
    assertThat(text).contains("NEWTEXT").doesNotContain("OLDTEXT");
  }

  @Test
  void namesCollisionsAndSkipsOtherFiles() throws Exception {
    Path in = Docx.builder().body(p(r("Hello"))).write(temp.resolve("in/Letter.docx"));
    Files.writeString(temp.resolve("in/notes.pdf"), "%PDF");
    Files.createDirectories(temp.resolve("out"));
    Files.writeString(temp.resolve("out/Letter.pdf"), "an older PDF");
    List<FileResult> results = new ArrayList<>();
    Batch.ofDefaults().run(PdfPrint.builder().converter(office).build(), List.of(temp.resolve("in")), temp.resolve("out"), results::add);
    assertThat(results).extracting(FileResult::status).containsExactly(Status.SUCCESS, Status.SKIPPED);
    assertThat(results.get(0).output()).contains(temp.resolve("out/Letter (2).pdf"));
    assertThat(Files.readString(temp.resolve("out/Letter.pdf"))).isEqualTo("an older PDF");
    assertThat(results.get(1).message().orElseThrow()).contains("not a .docx file (.pdf)");
  }

  @Test
  void aDamagedLetterFailsAloneWithAClearMessage() throws Exception {
    Path bad = temp.resolve("in/Broken.docx");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "<html>error</html>");
    Docx.builder().body(p(r("Fine"))).write(temp.resolve("in/Good.docx"));
    List<FileResult> results = new ArrayList<>();
    Batch.ofDefaults().run(PdfPrint.builder().converter(office).build(), List.of(temp.resolve("in")), temp.resolve("out"), results::add);
    assertThat(results).extracting(FileResult::status).containsExactly(Status.FAILED, Status.SUCCESS);
    assertThat(results.get(0).message().orElseThrow()).contains("Broken.docx").contains("HTML");
  }

  @Test
  void withoutLibreOfficeEveryLetterFailsSayingWhatToInstall() {
    Path in = Docx.builder().body(p(r("Hello"))).write(temp.resolve("Letter.docx"));
    try (LibreOfficeConverter none = LibreOfficeConverter.builder().officeHome(temp.resolve("no-office")).build()) {
      PdfPrint print = PdfPrint.builder().converter(none).build();
      for (int i = 0; i < 2; i++) {
        FileResult r = print.print(in, temp.resolve("out"));
        assertThat(r.status()).isEqualTo(Status.FAILED);
        assertThat(r.message().orElseThrow()).contains("LibreOffice was not found").contains("apt-get install libreoffice-writer-nogui");
      }
    }
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void aHungOfficeProcessFailsThatLetterAndTheNextGoesOn() throws Exception {
    Path a = Docx.builder().body(p(r("First"))).write(temp.resolve("A.docx"));
    Path b = Docx.builder().body(p(r("Second"))).write(temp.resolve("B.docx"));
    try (LibreOfficeConverter one =
        LibreOfficeConverter.builder().processes(1).taskTimeout(Duration.ofSeconds(8)).build()) {
      PdfPrint print = PdfPrint.builder().converter(one).build();
      assertThat(print.print(a, temp.resolve("warm")).status()).isEqualTo(Status.SUCCESS);
      List<ProcessHandle> offices = offices();
      assertThat(offices).isNotEmpty();
      for (ProcessHandle h : offices) {
        new ProcessBuilder("kill", "-STOP", Long.toString(h.pid())).start().waitFor();
      }
      FileResult hung = print.print(a, temp.resolve("out"));
      assertThat(hung.status()).isEqualTo(Status.FAILED);
      assertThat(hung.message().orElseThrow()).contains("A.docx").contains("stage=convert");
      for (ProcessHandle h : offices) {
        new ProcessBuilder("kill", "-CONT", Long.toString(h.pid())).start().waitFor();
      }
      FileResult next = print.print(b, temp.resolve("out"));
      assertThat(next.status()).as(next.toString()).isEqualTo(Status.SUCCESS);
      assertThat(text(next.output().orElseThrow())).contains("Second");
    }
  }

  @Test
  void aCrashedOfficeProcessIsRestartedForTheNextLetter() throws Exception {
    Path a = Docx.builder().body(p(r("First"))).write(temp.resolve("A.docx"));
    Path b = Docx.builder().body(p(r("Second"))).write(temp.resolve("B.docx"));
    try (LibreOfficeConverter one = LibreOfficeConverter.builder().processes(1).build()) {
      PdfPrint print = PdfPrint.builder().converter(one).build();
      assertThat(print.print(a, temp.resolve("warm")).status()).isEqualTo(Status.SUCCESS);
      for (ProcessHandle h : offices()) {
        h.destroyForcibly();
      }
      FileResult afterCrash = print.print(a, temp.resolve("out"));
      if (afterCrash.status() == Status.FAILED) {
        assertThat(afterCrash.message().orElseThrow()).contains("A.docx").contains("stage=convert");
      }
      FileResult next = print.print(b, temp.resolve("out"));
      assertThat(next.status()).as(next.toString()).isEqualTo(Status.SUCCESS);
    }
  }

  @Test
  void rollsPrintsAndSignsTheExampleLettersEndToEnd() throws Exception {
    Path letters = Path.of("..", "engagement-examples", "letters");
    Path signatures = temp.resolve("signatures");
    dev.engagement.core.testing.PdfFixtures.signaturePdf(signatures.resolve("Mike_Taylor.pdf"));
    dev.engagement.core.testing.PdfFixtures.signaturePng(signatures.resolve("Bob_Maurer.png"));
    Batch batch = Batch.ofDefaults();
    batch.run(Rollover.ofDefaults(), List.of(letters), temp.resolve("rolled"));
    List<FileResult> printed = new ArrayList<>();
    batch.run(PdfPrint.builder().converter(office).build(), List.of(temp.resolve("rolled")), temp.resolve("pdf"), printed::add);
    assertThat(printed).extracting(FileResult::status).containsOnly(Status.SUCCESS).hasSize(3);
    List<FileResult> signed = new ArrayList<>();
    batch.run(
        PdfSign.builder().signatures(dev.engagement.core.spi.SignatureSource.folder(signatures)).build(),
        List.of(temp.resolve("pdf")),
        temp.resolve("signed"),
        signed::add);
    assertThat(signed).extracting(FileResult::status).containsOnly(Status.SUCCESS).hasSize(3);
    assertThat(signed.get(0).notes()).anySatisfy(n -> assertThat(n).startsWith("signed by Bob Maurer"));
    assertThat(signed.get(2).notes()).anySatisfy(n -> assertThat(n).startsWith("signed by Mike Taylor"));
    for (FileResult r : signed) {
      Path out = r.output().orElseThrow();
      Path in = temp.resolve("pdf").resolve(out.getFileName());
      try (PDDocument a = Loader.loadPDF(in.toFile()); PDDocument b = Loader.loadPDF(out.toFile())) {
        assertThat(new PDFTextStripper().getText(b)).isEqualTo(new PDFTextStripper().getText(a));
        int page = Integer.parseInt(r.notes().get(0).replaceAll(".* on page ", "")) - 1;
        int[] ink =
            dev.engagement.core.testing.PdfFixtures.difference(
                dev.engagement.core.testing.PdfFixtures.render(a, page),
                dev.engagement.core.testing.PdfFixtures.render(b, page));
        assertThat(ink).as("ink on " + out).isNotNull();
        assertThat(ink[0]).isBetween(89, 92);
        assertThat(ink[3] - ink[1] + 1).isBetween(17, 21);
      }
    }
  }

  /** The soffice processes started by this JVM. */
  static List<ProcessHandle> offices() {
    return ProcessHandle.current().descendants()
        .filter(h -> h.info().command().map(c -> c.contains("soffice")).orElse(false))
        .toList();
  }
}
