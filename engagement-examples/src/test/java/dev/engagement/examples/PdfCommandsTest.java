package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engagement pdf} (real LibreOffice) then {@code engagement sign} on the example letters. */
final class PdfCommandsTest {
  @TempDir Path temp;

  @Test
  void printsThenSignsTheExampleLetters() throws Exception {
    Path pdf = temp.resolve("pdf");
    CliRun printed = CliRun.of("pdf", "--out", pdf.toString(), "--report", temp.resolve("pdf.json").toString(), "letters");
    assertThat(printed.code()).as(printed.err()).isZero();
    assertThat(printed.out()).contains("Printed 4 of 5 files to PDF: 1 skipped, 0 failed.");
    assertThat(pdf.resolve("Smith Family 2024 Engagement Letter.pdf")).exists();
    JsonNode report = Json.MAPPER.readTree(temp.resolve("pdf.json").toFile());
    assertThat(report.get("process").asText()).isEqualTo("pdf");
    assertThat(report.get("summary").get("success").asInt()).isEqualTo(4);

    Path signed = temp.resolve("signed");
    Path events = temp.resolve("events.ndjson");
    CliRun sign = CliRun.of("sign", "--signatures", "signatures", "--out", signed.toString(), "--events", events.toString(), pdf.toString());
    assertThat(sign.code()).as(sign.err()).isZero();
    assertThat(sign.out()).contains("Signed 4 of 4 files: 0 skipped, 0 failed.").contains("signed by Bob Maurer");
    try (PDDocument doc = Loader.loadPDF(signed.resolve("Smith Family 2024 Engagement Letter.pdf").toFile())) {
      assertThat(doc.getDocumentInformation().getCustomMetadataValue("EngagementSignedBy")).isEqualTo("Mike Taylor");
    }
    String first = java.nio.file.Files.readAllLines(events).get(1);
    assertThat(Json.MAPPER.readTree(first).get("detail").get("process").asText()).isEqualTo("pdfSignatures");

    // the same signing twice through a FileSystemCache: the second time all from the cache
    Path config = java.nio.file.Files.writeString(temp.resolve("_cache_config.json"),
        "{\"FileSystemCache\": {\"CACHE_DIR\": \"cache\", \"CACHE_DEFAULT_TIMEOUT\": 0}}");
    for (String round : new String[] {"one", "two"}) {
      CliRun r = CliRun.of("sign", "--signatures", "signatures", "--cache-type", "FileSystemCache", "--cache-config",
          config.toString(), "--out", temp.resolve(round).toString(), "--report",
          temp.resolve(round + ".json").toString(), pdf.toString());
      assertThat(r.code()).as(r.err()).isZero();
    }
    JsonNode two = Json.MAPPER.readTree(temp.resolve("two.json").toFile());
    for (JsonNode result : two.get("results")) {
      assertThat(result.get("cached").asBoolean()).as(result.toString()).isTrue();
      assertThat(java.nio.file.Files.readAllBytes(temp.resolve("two").resolve(result.get("output").asText())))
          .isEqualTo(java.nio.file.Files.readAllBytes(temp.resolve("one").resolve(result.get("output").asText())));
    }
  }

  @Test
  void aMissingSignaturesFolderIsAUsageError() {
    CliRun r = CliRun.of("sign", "--signatures", temp.resolve("nope").toString(), "letters");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no such signatures folder");
  }
}
