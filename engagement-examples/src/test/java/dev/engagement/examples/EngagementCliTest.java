package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of the command line on the example letters that ship in {@code letters/}. */
final class EngagementCliTest {
  static final Path LETTERS = Path.of("letters");

  @TempDir Path temp;

  private static String text(Path docx) throws IOException {
    try (InputStream in = Files.newInputStream(docx);
        XWPFDocument doc = new XWPFDocument(in);
        XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
      return x.getText();
    }
  }

  @Test
  void rollsTheExampleLettersWithAReportAndEvents() throws Exception {
    Path out = temp.resolve("rolled");
    Path report = temp.resolve("reports/report.json");
    Path events = temp.resolve("events.ndjson");

    CliRun r =
        CliRun.of("rollover", "--out", out.toString(), "--report", report.toString(), "--events",
            events.toString(), LETTERS.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Processed 5 files: 3 rolled, 0 unchanged, 2 skipped, 0 failed.");
    List<Path> written;
    try (Stream<Path> s = Files.list(out)) {
      written = s.map(Path::getFileName).sorted().toList();
    }
    assertThat(written)
        .containsExactly(
            Path.of("Acme Holdings LLC 2025 Engagement Letter.docx"),
            Path.of("Greenfield Family Trust Engagement Letter_updated.docx"),
            Path.of("Smith Family 2025 Engagement Letter.docx"));

    String smith = text(out.resolve("Smith Family 2025 Engagement Letter.docx"));
    assertThat(smith)
        .contains("Partner hourly rates are: Mike Taylor\u2013$275, Bob Maurer\u2013$275. Our Associate"
            + " hourly rates range from $150-195. Our bookkeeping rate is $65-75 per hour.")
        .contains("since 2016", "tax year 2025", "Phone (217) 555-2024", "April 15, 2026")
        .doesNotContain("tax year 2024");
    String acme = text(out.resolve("Acme Holdings LLC 2025 Engagement Letter.docx"));
    assertThat(acme)
        .contains("Mike Taylor\u2013$295, Bob Maurer\u2013$295. Our Associate hourly rates range from $150-195.")
        .contains("61615-2024");

    JsonNode json = Json.MAPPER.readTree(report.toFile());
    assertThat(json.get("process").asText()).isEqualTo("rollover");
    assertThat(json.get("summary").toString())
        .isEqualTo("{\"success\":3,\"unchanged\":0,\"skipped\":2,\"failed\":0,\"notStarted\":0}");
    JsonNode first = json.get("results").get(0);
    assertThat(first.get("input").asText()).isEqualTo("Acme Holdings LLC 2024 Engagement Letter - signed.docx");
    assertThat(first.get("status").asText()).isEqualTo("success");
    assertThat(first.get("output").asText()).isEqualTo("Acme Holdings LLC 2025 Engagement Letter.docx");
    assertThat(first.get("message").isNull()).isTrue();
    assertThat(first.get("changes").size()).isPositive();
    assertThat(first.get("alreadyThere").asBoolean()).isFalse();
    assertThat(first.get("failure").isNull()).isTrue();
    assertThat(first.get("changes").get(0).fieldNames()).toIterable()
        .containsExactly("part", "paragraph", "before", "after");
    JsonNode skipped = json.get("results").get(2);
    assertThat(skipped.get("status").asText()).isEqualTo("skipped");
    assertThat(skipped.get("output").isNull()).isTrue();
    assertThat(skipped.get("message").asText()).contains("DO NOT ROLL");

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
      lines.add(Json.MAPPER.readTree(line));
    }
    assertThat(lines).extracting(n -> n.get("type").asText())
        .startsWith("process-start", "processing", "progress", "process-result")
        .endsWith("progress", "complete")
        .filteredOn("process-result"::equals).hasSize(5);
    assertThat(lines.get(1).get("detail").toString())
        .isEqualTo("{\"process\":\"processEngagementLetters\",\"method\":\"CLI\",\"message\":\"Processing...\"}");
    assertThat(lines.get(lines.size() - 2).get("detail").get("value").asDouble()).isEqualTo(1.0);
  }

  @Test
  void dryRunWritesNoLetter() throws Exception {
    Path out = temp.resolve("rolled");
    Path report = temp.resolve("report.json");
    CliRun r = CliRun.of("rollover", "--dry-run", "--out", out.toString(), "--report", report.toString(), LETTERS.toString());
    assertThat(r.code()).isZero();
    assertThat(out).doesNotExist();
    JsonNode json = Json.MAPPER.readTree(report.toFile());
    assertThat(json.get("dryRun").asBoolean()).isTrue();
    assertThat(json.get("summary").get("success").asInt()).isEqualTo(3);
  }

  @Test
  void yearsAllRollsEveryYear() throws Exception {
    Path out = temp.resolve("rolled");
    CliRun r = CliRun.of("rollover", "--years", "all", "--out", out.toString(),
        LETTERS.resolve("Smith Family 2024 Engagement Letter.docx").toString());
    assertThat(r.code()).isZero();
    assertThat(text(out.resolve("Smith Family 2025 Engagement Letter.docx"))).contains("since 2017");
  }

  @Test
  void usageErrorsExitWithTwoAndOneLine() {
    for (String[] args :
        List.of(
            new String[] {"rollover"},
            new String[] {"rollover", "--years", "sometimes", "x.docx"},
            new String[] {"rollover", temp.resolve("missing.docx").toString()},
            new String[] {"rollover", "--settings", temp.resolve("none.json").toString(), LETTERS.toString()},
            new String[] {"frobnicate"})) {
      CliRun r = CliRun.of(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("engagement: ").doesNotContain("\n");
    }
  }

  @Test
  void aBadSettingsFileNamesTheKey() throws Exception {
    Path settings = Files.writeString(temp.resolve("user-config.json"),
        "[{\"config_name\": \"COMPLIANCE_ASSOCIATE_RATES\", \"type\": \"string\", \"value\": 150}]");
    CliRun r = CliRun.of("rollover", "--settings", settings.toString(), "--out", temp.toString(), LETTERS.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("COMPLIANCE_ASSOCIATE_RATES").contains("user-config.json");
  }

  @Test
  void aSecondRunWithFileSystemCacheIsByteIdenticalAndAllFromTheCache() throws Exception {
    // the original app's _cache_config.json, as it ships
    Path config = Files.writeString(temp.resolve("_cache_config.json"),
        "{\"FileSystemCache\": {\"DEBUG\": true, \"CACHE_TYPE\": \"FileSystemCache\","
            + " \"CACHE_DEFAULT_TIMEOUT\": 300, \"CACHE_IGNORE_ERRORS\": false, \"CACHE_DIR\": \"_cache\","
            + " \"CACHE_THRESHOLD\": 500, \"CACHE_OPTIONS\": {\"mode\": 644}}}");
    Path report1 = temp.resolve("r1.json");
    Path report2 = temp.resolve("r2.json");
    CliRun first = CliRun.of("rollover", "--cache-type", "FileSystemCache", "--cache-config", config.toString(),
        "--out", temp.resolve("out1").toString(), "--report", report1.toString(), LETTERS.toString());
    CliRun second = CliRun.of("rollover", "--cache-type", "FileSystemCache", "--cache-config", config.toString(),
        "--out", temp.resolve("out2").toString(), "--report", report2.toString(), LETTERS.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.out()).contains("(from the cache)");

    List<Path> written;
    try (Stream<Path> s = Files.list(temp.resolve("out1"))) {
      written = s.map(Path::getFileName).sorted().toList();
    }
    assertThat(written).hasSize(3);
    for (Path name : written) {
      assertThat(Files.readAllBytes(temp.resolve("out2").resolve(name)))
          .as(name.toString())
          .isEqualTo(Files.readAllBytes(temp.resolve("out1").resolve(name)));
    }
    for (JsonNode r : Json.MAPPER.readTree(report1.toFile()).get("results")) {
      assertThat(r.get("cached").asBoolean()).isFalse();
    }
    for (JsonNode r : Json.MAPPER.readTree(report2.toFile()).get("results")) {
      assertThat(r.get("cached").asBoolean()).as(r.toString()).isEqualTo(r.get("status").asText().equals("success"));
    }
    // CACHE_DIR is relative to the configuration file, as in the original app
    try (Stream<Path> s = Files.list(temp.resolve("_cache"))) {
      assertThat(s.count()).isEqualTo(3);
    }
  }

  @Test
  void cacheUsageErrorsExitWithTwo() throws Exception {
    Path config = Files.writeString(temp.resolve("c.json"), "{\"FileSystemCache\": {\"CACHE_DIRR\": \"x\"}}");
    for (String[] args :
        List.of(
            new String[] {"rollover", "--cache-type", "Nope", LETTERS.toString()},
            new String[] {"rollover", "--cache-type", "UWSGICache", LETTERS.toString()},
            new String[] {"rollover", "--cache-config", temp.resolve("none.json").toString(), LETTERS.toString()},
            new String[] {"rollover", "--cache-type", "FileSystemCache", "--cache-config", config.toString(),
                LETTERS.toString()})) {
      CliRun r = CliRun.of(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err().strip()).startsWith("engagement: ");
    }
    assertThat(CliRun.of("rollover", "--cache-type", "Nope", LETTERS.toString()).err()).contains("Known types: NullCache");
    assertThat(CliRun.of("rollover", "--cache-type", "FileSystemCache", "--cache-config", config.toString(),
        LETTERS.toString()).err()).contains("CACHE_DIRR");
  }
}
