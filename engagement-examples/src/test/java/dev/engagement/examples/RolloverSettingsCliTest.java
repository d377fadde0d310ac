package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 §1 on the command line: which settings {@code rollover} uses, the stderr line when it
 * falls back to the example firm, and {@code --replace-partners}; issue 9: a missing settings file
 * is missing, not invalid.
 */
final class RolloverSettingsCliTest {
  static final Path SMITH = Path.of("letters", "Smith Family 2024 Engagement Letter.docx");
  static final String EXAMPLE_LINE =
      "engagement: no --settings given: using the built-in example firm's settings (partners Mike"
          + " Taylor, Bob Maurer and their rates); give your firm's user-config.json with --settings FILE";

  @TempDir Path temp;

  private static String text(Path docx) throws IOException {
    try (InputStream in = Files.newInputStream(docx);
        XWPFDocument doc = new XWPFDocument(in);
        XWPFWordExtractor x = new XWPFWordExtractor(doc)) {
      return x.getText();
    }
  }

  /** Another firm's settings: the original app's shape, partners Alice Jones and Carol King. */
  private Path otherFirm() throws IOException {
    String partners = "[{\"name\": \"Alice Jones\", \"rate\": \"$310\"}, {\"name\": \"Carol King\", \"rate\": \"$300\"}]";
    return Files.writeString(
        temp.resolve("user-config.json"),
        "[{\"config_name\": \"COMPLIANCE_PARTNER_RATES\", \"type\": \"list\", \"value\": " + partners + "},"
            + "{\"config_name\": \"COMPLIANCE_ASSOCIATE_RATES\", \"type\": \"string\", \"value\": \"$160-200\"},"
            + "{\"config_name\": \"COMPLIANCE_BOOKKEEPING_RATES\", \"type\": \"string\", \"value\": \"$70-80\"},"
            + "{\"config_name\": \"CONSULTING_PARTNER_RATES\", \"type\": \"list\", \"value\": " + partners + "},"
            + "{\"config_name\": \"CONSULTING_ASSOCIATE_RATES\", \"type\": \"string\", \"value\": \"$160-200\"}]");
  }

  @Test
  void withoutSettingsItSaysInOneLineOnStderrThatItUsesTheExampleFirm() throws Exception {
    Path out = temp.resolve("rolled");
    CliRun r = CliRun.of("rollover", "--out", out.toString(), SMITH.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err().lines().filter(l -> !l.isBlank())).containsExactly(EXAMPLE_LINE);
    assertThat(r.out()).doesNotContain("example firm");
    assertThat(text(out.resolve("Smith Family 2025 Engagement Letter.docx")))
        .contains("Partner hourly rates are: Mike Taylor\u2013$275, Bob Maurer\u2013$275.");
  }

  @Test
  void withSettingsThereIsNoSuchLineAndAnotherFirmsLetterKeepsItsFees() throws Exception {
    Path out = temp.resolve("rolled");
    Path report = temp.resolve("report.json");
    CliRun r =
        CliRun.of("rollover", "--settings", otherFirm().toString(), "--out", out.toString(), "--report",
            report.toString(), SMITH.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("example firm");
    String rolled = text(out.resolve("Smith Family 2025 Engagement Letter.docx"));
    assertThat(rolled)
        .contains("Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250. Our Associate hourly"
            + " rates range from $140-185. Our bookkeeping rate is $60-70 per hour.")
        .contains("tax year 2025")
        .doesNotContain("Alice Jones");
    JsonNode notes = Json.MAPPER.readTree(report.toFile()).get("results").get(0).get("notes");
    assertThat(notes.toString())
        .contains("the compliance fee sentence was left as it is: it names the partners Mike Taylor, Bob Maurer,"
            + " but the settings (" + temp.resolve("user-config.json") + ") name the partners Alice Jones, Carol King")
        .contains("--replace-partners");
  }

  @Test
  void replacePartnersWritesTheSettingsPartners() throws Exception {
    Path out = temp.resolve("rolled");
    CliRun r =
        CliRun.of("rollover", "--replace-partners", "--settings", otherFirm().toString(), "--out", out.toString(),
            SMITH.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(text(out.resolve("Smith Family 2025 Engagement Letter.docx")))
        .contains("Partner hourly rates are: Alice Jones\u2013$310, Carol King\u2013$300. Our Associate hourly"
            + " rates range from $160-200. Our bookkeeping rate is $70-80 per hour.")
        .doesNotContain("Mike Taylor\u2013");
  }

  @Test
  void aMissingSettingsFileIsMissingNotInvalid() {
    Path missing = temp.resolve("user-config.json");
    CliRun r = CliRun.of("rollover", "--settings", missing.toString(), "--out", temp.toString(), SMITH.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo("engagement: Could not load the settings from " + missing + ": the file does not exist");
  }
}
