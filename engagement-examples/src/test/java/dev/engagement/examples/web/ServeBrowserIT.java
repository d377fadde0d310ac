package dev.engagement.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.engagement.core.PdfSign;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app as staff use it: {@code engagement.jar serve} in its own process, driven in Debian's
 * Chromium by playwright-core ({@code src/test/node-web/browser.mjs}): rollover (preview first),
 * entity check, PDF printing (the letters dropped on the page) and signing of the rolled letters, a
 * partner's rate changed on the settings page and used by the next rollover. Every download is opened here (POI, PDFBox). A
 * screenshot of each page is left in {@code target/screenshots/}. Then SIGTERM: the server stops
 * and removes its work folder.
 *
 * <p>With {@code CI} set, a missing Chromium, Node or playwright-core fails the test; elsewhere it
 * is skipped with what to run.
 */
final class ServeBrowserIT {
  static final Path NODE_DIR = Path.of(System.getProperty("engagement.node.web.dir", "src/test/node-web"));
  static final Path SHOTS = Path.of(System.getProperty("engagement.screenshots.dir", "target/screenshots"));
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path temp;

  private static void needs() {
    String missing = null;
    if (!Files.isExecutable(CHROMIUM)) {
      missing = CHROMIUM + " is not installed";
    } else if (!Files.isDirectory(NODE_DIR.resolve("node_modules/playwright-core"))) {
      missing = "playwright-core is not installed in " + NODE_DIR.toAbsolutePath();
    } else if (!Files.isRegularFile(ServeProcess.JAR)) {
      missing = ServeProcess.JAR + " is not built";
    }
    if (missing != null) {
      String message = missing + ": run .ci/setup, then mvn verify";
      if (System.getenv("CI") != null) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
  }

  @Test
  void staffRollEntityCheckPrintSignAndChangeARateInARealBrowser() throws Exception {
    needs();
    Path folder = temp.resolve("office");
    Path letters = folder.resolve("letters");
    ServeProcess.copyLetters(letters);
    Path settings = folder.resolve("user-config.json");
    try (InputStream in = ServeProcess.exampleSettings()) {
      Files.copy(in, settings);
    }
    Path downloads = temp.resolve("downloads");
    JsonNode seen;
    Path work;
    try (ServeProcess serve =
        ServeProcess.start(folder, "--settings", settings.toString(), "--signatures", Path.of("signatures").toAbsolutePath().toString())) {
      work = serve.workFolder();
      assertThat(work).isDirectory();
      Process node =
          new ProcessBuilder("node", "browser.mjs", serve.url, letters.toString(), downloads.toString(), SHOTS.toAbsolutePath().toString())
              .directory(NODE_DIR.toFile())
              .redirectError(temp.resolve("node-stderr.txt").toFile())
              .start();
      String out;
      try (InputStream in = node.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(node.waitFor(10, TimeUnit.MINUTES)).isTrue();
      String nodeErr = Files.readString(temp.resolve("node-stderr.txt"));
      assertThat(node.exitValue()).as(out + nodeErr + "\nserver log:\n" + serve.err()).isZero();
      seen = JSON.readTree(out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());

      assertThat(serve.stop()).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(serve.out()).contains("Stopped; temporary files removed.");
      assertThat(work).doesNotExist();
    }

    // Rollover: a preview writes nothing, then the batch: 100%, a line per file in the original colours
    assertThat(seen.at("/picked").asText()).isEqualTo("letters \u2014 5 files");
    assertThat(seen.at("/preview/summary").asText()).startsWith("Preview, nothing was written");
    assertThat(seen.at("/preview/downloads").asInt()).isZero();
    JsonNode lines = seen.at("/rollover/lines");
    assertThat(lines).hasSize(5);
    List<String> texts = new ArrayList<>();
    for (JsonNode l : lines) {
      texts.add(l.get("text").asText());
      if (l.get("status").asText().equals("success")) {
        assertThat(l.get("color").asText()).isEqualTo("rgb(143, 117, 79)");
      }
    }
    assertThat(texts).anyMatch(t -> t.startsWith("Processed: letters/Smith Family 2025 Engagement Letter.docx"))
        .anyMatch(t -> t.startsWith("Processed: letters/Acme Holdings LLC 2025 Engagement Letter.docx"))
        .anyMatch(t -> t.startsWith("Skipped: letters/Riverside Dental PC 2024 Engagement Letter DO NOT ROLL.docx"));
    assertThat(seen.at("/rollover/summary").asText()).startsWith("Processed 5 files: 3 rolled");
    assertThat(seen.at("/rollover/firstChange/ins").toString()).contains("5");
    assertThat(seen.at("/rollover/leftAlone").toString()).contains("2016");

    // the zip of rolled letters: each letter opens, with its years rolled
    List<String> rolled = openLetters(downloads.resolve("rolled-letters.zip"));
    assertThat(rolled).hasSize(3);
    assertThat(String.join("\n", rolled)).contains("tax year 2025").contains("Mike Taylor\u2013$275");

    // Entity Check: the table, a row opened, the xlsx read with POI
    assertThat(seen.at("/entities/rows")).hasSize(5);
    assertThat(seen.at("/entities/rows").toString()).contains("2045 Elm Street").contains("Peoria, IL 61615-2024");
    assertThat(seen.at("/entities/opened").asText()).contains("Form 1041");
    try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(downloads.resolve("entities.xlsx")))) {
      Sheet sheet = wb.getSheetAt(0);
      assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("filename");
      List<String> entities = new ArrayList<>();
      for (Row row : sheet) {
        if (row.getRowNum() > 0 && !row.getCell(2).getStringCellValue().isEmpty()) {
          entities.add(row.getCell(2).getStringCellValue());
        }
      }
      assertThat(entities).contains("Smith Rentals LLC", "Acme Logistics, Inc.", "Greenfield Family Trust");
    }
    assertThat(Files.readString(downloads.resolve("entities.csv"))).startsWith("filename,address,name_of_entity");

    // PDF Printer and PDF Signatures on the rolled letters
    assertThat(seen.at("/dropped").asText()).isEqualTo("3 files");
    assertThat(seen.at("/print/summary").asText()).startsWith("Printed 3 of 3 files");
    assertThat(seen.at("/sign/source").asText()).contains("Mike_Taylor.pdf");
    assertThat(seen.at("/sign/summary").asText()).startsWith("Signed 3 of 3 files");
    for (byte[] pdf : entries(downloads.resolve("signed-pdfs.zip"))) {
      try (PDDocument doc = Loader.loadPDF(pdf)) {
        assertThat(doc.getNumberOfPages()).isPositive();
        assertThat(doc.getDocumentInformation().getCustomMetadataValue(PdfSign.SIGNED_BY)).isNotBlank();
      }
    }
    assertThat(entries(downloads.resolve("pdfs.zip"))).hasSize(3);

    // Settings: Mike Taylor's compliance rate, used by the next rollover
    assertThat(seen.at("/settings/before").asText()).isEqualTo("$275");
    assertThat(seen.at("/settings/status").asText()).startsWith("Settings saved");
    assertThat(Files.readString(settings)).contains("$310");
    assertThat(seen.at("/again/details").toString()).contains("Mike Taylor\u2013$310");
    assertThat(String.join("\n", openLetters(downloads.resolve("rolled-again.zip")))).contains("Mike Taylor\u2013$310");

    assertThat(seen.at("/consoleErrors")).isEmpty();
    for (String shot : List.of("1-rollover.png", "2-entity-check.png", "3-pdf-printer.png", "4-pdf-signatures.png", "5-settings.png")) {
      assertThat(SHOTS.resolve(shot)).isRegularFile();
      assertThat(Files.size(SHOTS.resolve(shot))).isGreaterThan(10_000);
    }
  }

  @Test
  void withoutASecretKeyServeRefusesToStartAndSaysWhy() throws Exception {
    if (!Files.isRegularFile(ServeProcess.JAR)) {
      Assumptions.abort(ServeProcess.JAR + " is not built");
    }
    ProcessBuilder pb =
        new ProcessBuilder(ServeProcess.javaBin(), "-jar", ServeProcess.JAR.toAbsolutePath().toString(), "serve", "--port", "0")
            .directory(temp.toFile())
            .redirectErrorStream(true);
    pb.environment().remove("SECRET_KEY");
    Files.writeString(temp.resolve(".env"), "SECRET_KEY=too-short\n");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(out).contains("cannot start").contains("SECRET_KEY").contains("too short").doesNotContain("Exception");
  }

  private static List<byte[]> entries(Path zip) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.add(in.readAllBytes());
      }
    }
    return out;
  }

  private static List<String> openLetters(Path zip) throws IOException {
    List<String> texts = new ArrayList<>();
    for (byte[] docx : entries(zip)) {
      try (XWPFDocument doc = new XWPFDocument(new java.io.ByteArrayInputStream(docx));
          XWPFWordExtractor text = new XWPFWordExtractor(doc)) {
        texts.add(text.getText());
      }
    }
    return texts;
  }
}
