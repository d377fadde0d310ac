package dev.engagement.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SettingsTest {
  @TempDir Path temp;

  /** The original app's user-config.json shape, with its keys, types and values. */
  static final String ORIGINAL =
      "[\n"
          + "  {\"id\": \"PEL.ProcessedDirectory\", \"name\": \"Processed Engagement Letters Directory\","
          + " \"config_name\": \"PROCESSED_FILES_DIRECTORY\", \"description\": \"d\", \"type\": \"string\","
          + " \"value\": \"temp/complete\"},\n"
          + "  {\"id\": \"PEL.PdfDirectory\", \"name\": \"n\", \"config_name\": \"PDF_FILES_DIRECTORY\","
          + " \"description\": \"d\", \"type\": \"string\", \"value\": \"temp/pdf\"},\n"
          + "  {\"id\": \"PEL.SignatureDirectory\", \"name\": \"n\", \"config_name\": \"PDF_SIGNATURES_DIRECTORY\","
          + " \"description\": \"d\", \"type\": \"string\", \"value\": \"temp/signatures\"},\n"
          + "  {\"id\": \"PEL.Other.CacheType\", \"name\": \"Cache Type\", \"config_name\": \"CACHE_TYPE\","
          + " \"description\": \"d\", \"type\": \"string\", \"value\": \"FileSystemCache\"},\n"
          + "  {\"id\": \"PEL.Compliance.PartnerRates\", \"name\": \"n\", \"config_name\": \"COMPLIANCE_PARTNER_RATES\","
          + " \"description\": \"d\", \"type\": \"list\", \"value\": [{\"name\": \"Mike Taylor\", \"rate\": \"$275\"},"
          + " {\"name\": \"Bob Maurer\", \"rate\": \"$275\"}]},\n"
          + "  {\"id\": \"PEL.Compliance.AssociateRates\", \"name\": \"n\", \"config_name\": \"COMPLIANCE_ASSOCIATE_RATES\","
          + " \"description\": \"d\", \"type\": \"string\", \"value\": \"$150-195\"},\n"
          + "  {\"id\": \"PEL.Compliance.BookkeepingRates\", \"name\": \"n\", \"config_name\": \"COMPLIANCE_BOOKKEEPING_RATES\","
          + " \"description\": \"d\", \"type\": \"string\", \"value\": \"$65-75\"},\n"
          + "  {\"id\": \"PEL.Consulting.PartnerRates\", \"name\": \"n\", \"config_name\": \"CONSULTING_PARTNER_RATES\","
          + " \"description\": \"d\", \"type\": \"list\", \"value\": [{\"name\": \"Mike Taylor\", \"rate\": \"$295\"},"
          + " {\"name\": \"Bob Maurer\", \"rate\": \"$295\"}]},\n"
          + "  {\"id\": \"PEL.Consulting.AssociateRates\", \"name\": \"n\", \"config_name\": \"CONSULTING_ASSOCIATE_RATES\","
          + " \"description\": \"d\", \"type\": \"string\", \"value\": \"$150-195\"},\n"
          + "  {\"id\": \"PEL.Other.DailyLimit\", \"name\": \"Daily Limit\", \"config_name\": \"DAILY_LIMIT\","
          + " \"description\": \"d\", \"type\": \"number\", \"value\": 1000}\n"
          + "]\n";

  @Test
  void loadsTheOriginalFileAsItIs() throws Exception {
    Path file = Files.writeString(temp.resolve("user-config.json"), ORIGINAL);
    Settings s = Settings.load(file);
    assertThat(s.processedDirectory()).isEqualTo("temp/complete");
    assertThat(s.pdfDirectory()).isEqualTo("temp/pdf");
    assertThat(s.signaturesDirectory()).isEqualTo("temp/signatures");
    assertThat(s.cacheType()).isEqualTo("FileSystemCache");
    assertThat(s.compliancePartnerRates())
        .containsExactly(new PartnerRate("Mike Taylor", "$275"), new PartnerRate("Bob Maurer", "$275"));
    assertThat(s.complianceAssociateRates()).contains("$150-195");
    assertThat(s.complianceBookkeepingRates()).contains("$65-75");
    assertThat(s.consultingPartnerRates()).extracting(PartnerRate::rate).containsExactly("$295", "$295");
    assertThat(s.consultingAssociateRates()).contains("$150-195");
    assertThat(s.number("DAILY_LIMIT")).contains(1000L);
    assertThat(s.find("CACHE_TYPE").orElseThrow().id()).isEqualTo("PEL.Other.CacheType");
    assertThat(s.entries()).hasSize(10);
  }

  @Test
  void theExampleSettingsAreTheOriginalValues() {
    Settings d = Settings.example();
    assertThat(d.entries()).extracting(Setting::configName)
        .containsExactly(
            "PROCESSED_FILES_DIRECTORY", "PDF_FILES_DIRECTORY", "PDF_SIGNATURES_DIRECTORY", "CACHE_TYPE",
            "COMPLIANCE_PARTNER_RATES", "COMPLIANCE_ASSOCIATE_RATES", "COMPLIANCE_BOOKKEEPING_RATES",
            "CONSULTING_PARTNER_RATES", "CONSULTING_ASSOCIATE_RATES");
    Settings original = Settings.parse(ORIGINAL, "original");
    for (Setting s : d.entries()) {
      assertThat(s.value()).as(s.configName()).isEqualTo(original.find(s.configName()).orElseThrow().value());
      assertThat(s.id()).isEqualTo(original.find(s.configName()).orElseThrow().id());
    }
    assertThat(d.source()).isEqualTo("built-in example settings");
  }

  @Test
  void theBuiltInDefaultsHoldNoFirmData() {
    Settings d = Settings.ofDefaults();
    Settings example = Settings.example();
    assertThat(d.entries()).extracting(Setting::configName)
        .containsExactlyElementsOf(example.entries().stream().map(Setting::configName).toList());
    assertThat(d.entries()).extracting(Setting::id)
        .containsExactlyElementsOf(example.entries().stream().map(Setting::id).toList());
    assertThat(d.compliancePartnerRates()).isEmpty();
    assertThat(d.consultingPartnerRates()).isEmpty();
    assertThat(d.complianceAssociateRates()).isEmpty();
    assertThat(d.complianceBookkeepingRates()).isEmpty();
    assertThat(d.consultingAssociateRates()).isEmpty();
    assertThat(d.processedDirectory()).isEqualTo("temp/complete");
    assertThat(d.pdfDirectory()).isEqualTo("temp/pdf");
    assertThat(d.signaturesDirectory()).isEqualTo("temp/signatures");
    assertThat(d.cacheType()).isEqualTo("FileSystemCache");
    assertThat(d.source()).isEqualTo("built-in defaults");
    // the firm's data is nowhere in the defaults, not even in a description
    for (Setting s : d.entries()) {
      assertThat(String.valueOf(s.value()) + s.description()).doesNotContain("Taylor", "Maurer", "275", "295");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|expected a JSON list",
        "[1]|entry 1 is not a JSON object",
        "[{\"type\":\"string\",\"value\":\"x\"}]|entry 1 has no valid \"config_name\"",
        "[{\"config_name\":\"A\",\"type\":\"text\",\"value\":\"x\"}]|A: \"type\" must be",
        "[{\"config_name\":\"A\",\"type\":\"string\"}]|A: \"value\" is missing",
        "[{\"config_name\":\"A\",\"type\":\"string\",\"value\":3}]|A: value must be a string but was 3",
        "[{\"config_name\":\"A\",\"type\":\"number\",\"value\":\"x\"}]|A: value must be a number",
        "[{\"config_name\":\"A\",\"type\":\"list\",\"value\":\"x\"}]|A: value must be a list",
        "[{\"config_name\":\"A\",\"type\":\"string\",\"value\":\"x\"},{\"config_name\":\"A\",\"type\":\"string\",\"value\":\"y\"}]|A: the key appears twice",
        "[{\"config_name\":\"COMPLIANCE_PARTNER_RATES\",\"type\":\"list\",\"value\":[{\"name\":\"A\",\"rate\":275}]}]|COMPLIANCE_PARTNER_RATES: value[0].rate must be a non-empty string but was 275",
        "[{\"config_name\":\"COMPLIANCE_PARTNER_RATES\",\"type\":\"list\",\"value\":[\"x\"]}]|COMPLIANCE_PARTNER_RATES: value[0] must be an object",
        "[{\"config_name\":\"COMPLIANCE_ASSOCIATE_RATES\",\"type\":\"list\",\"value\":[]}]|COMPLIANCE_ASSOCIATE_RATES: value must be a string",
        "[{\"config_name\":\"PDF_FILES_DIRECTORY\",\"type\":\"string\",\"value\":\" \"}]|PDF_FILES_DIRECTORY: the folder must not be blank",
        "[{\"config_name\":\"X\",\"type\":\"string\",\"value\":\"a\\u0001b\"}]|X: value holds a control character",
        "[{\"config_name\":\"A\",|not valid JSON (line 1",
      })
  void namesTheOffendingKey(String json, String message) {
    assertThatThrownBy(() -> Settings.parse(json, "user-config.json"))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("Invalid settings in user-config.json")
        .hasMessageContaining(message);
  }

  @Test
  void aMissingFileIsReportedAsMissingNotInvalid() {
    Path missing = temp.resolve("nope.json");
    assertThatThrownBy(() -> Settings.load(missing))
        .isInstanceOf(SettingsException.class)
        .hasMessage("Could not load the settings from " + missing + ": the file does not exist")
        .hasMessageNotContaining("nvalid");
  }

  @Test
  void anUnreadableFileIsReportedAsBefore() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("user-config.json"));
    assertThatThrownBy(() -> Settings.load(folder))
        .isInstanceOf(SettingsException.class)
        .hasMessageStartingWith("Invalid settings in " + folder + ": the file cannot be read");
  }

  @Test
  void withSetsAValueAndKeepsTheEntry() {
    Settings s =
        Settings.example()
            .with(Settings.CONSULTING_PARTNER_RATES, List.of(Map.of("name", "Ann Lee", "rate", "$310")))
            .with("NEW_KEY", 5);
    assertThat(s.consultingPartnerRates()).containsExactly(new PartnerRate("Ann Lee", "$310"));
    assertThat(s.find(Settings.CONSULTING_PARTNER_RATES).orElseThrow().id()).isEqualTo("PEL.Consulting.PartnerRates");
    assertThat(s.number("NEW_KEY")).contains(5L);
    assertThat(Settings.example().consultingPartnerRates()).hasSize(2);
    assertThatThrownBy(() -> Settings.ofDefaults().with(Settings.PDF_FILES_DIRECTORY, List.of()))
        .isInstanceOf(SettingsException.class);
  }

  @Test
  void blankRatesCountAsMissing() {
    Settings s = Settings.ofDefaults().with(Settings.CONSULTING_ASSOCIATE_RATES, "  ").with(Settings.COMPLIANCE_PARTNER_RATES, List.of());
    assertThat(s.consultingAssociateRates()).isEmpty();
    assertThat(s.compliancePartnerRates()).isEmpty();
  }
}
