package dev.engagement.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engagement entities} on the example letters, every output read back with a parser. */
final class EntitiesCommandTest {
  static final Path LETTERS = Path.of("letters");

  @TempDir Path temp;

  private static int run(StringWriter out, StringWriter err, String... args) {
    return EngagementCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  @Test
  void writesTheOriginalJsonShapePlusStatusAndMessage() throws Exception {
    Path file = temp.resolve("entities.json");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    assertThat(run(out, err, "entities", "--out", file.toString(), LETTERS.toString())).as(err.toString()).isZero();
    JsonNode json = Json.MAPPER.readTree(file.toFile());
    assertThat(json.isArray()).isTrue();
    assertThat(json.size()).isEqualTo(5);
    JsonNode smith = json.get(3);
    assertThat(smith.fieldNames()).toIterable()
        .containsExactly("filename", "address", "entities", "status", "message");
    assertThat(smith.get("filename").asText()).isEqualTo("Smith Family 2024 Engagement Letter.docx");
    assertThat(smith.get("address").asText()).isEqualTo("2045 Elm Street\nSpringfield, IL 62704");
    assertThat(smith.get("entities").get(0).toString())
        .isEqualTo("{\"name_of_entity\":\"John and Jane Smith\",\"type_of_return\":\"Form 1040 and Form IL-1040\"}");
    assertThat(smith.get("status").asText()).isEqualTo("success");
    assertThat(json.get(2).get("status").asText()).isEqualTo("skipped");
    assertThat(json.get(2).get("address").isNull()).isTrue();
    assertThat(out.toString()).contains("Checked 5 files: 3 read, 2 skipped, 0 failed.");
  }

  @Test
  void writesOneCsvRowPerEntity() throws Exception {
    Path file = temp.resolve("entities.csv");
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "entities", "--out", file.toString(), LETTERS.toString())).isZero();
    List<CSVRecord> records;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertThat(p.getHeaderNames())
          .containsExactly("filename", "address", "name_of_entity", "type_of_return", "status", "message");
      records = p.getRecords();
    }
    List<String> smith = new ArrayList<>();
    for (CSVRecord rec : records) {
      if (rec.get("filename").startsWith("Smith")) {
        smith.add(rec.get("name_of_entity") + " | " + rec.get("type_of_return"));
        assertThat(rec.get("address")).isEqualTo("2045 Elm Street\nSpringfield, IL 62704");
      }
    }
    assertThat(smith)
        .containsExactly(
            "John and Jane Smith | Form 1040 and Form IL-1040",
            "Jane Smith Design | Schedule C (Form 1040)",
            "Smith Rentals LLC | Form 1065 and Form IL-1065");
    assertThat(records).filteredOn(rec -> rec.get("status").equals("skipped")).hasSize(2);
  }

  @Test
  void writesAFilterableWorkbook() throws Exception {
    Path file = temp.resolve("entities.xlsx");
    assertThat(run(new StringWriter(), new StringWriter(), "entities", "--out", file.toString(), LETTERS.toString())).isZero();
    try (InputStream in = Files.newInputStream(file);
        XSSFWorkbook wb = new XSSFWorkbook(in)) {
      Sheet sheet = wb.getSheet("Entities");
      Row head = sheet.getRow(0);
      assertThat(head.getCell(0).getStringCellValue()).isEqualTo("filename");
      assertThat(head.getCell(3).getStringCellValue()).isEqualTo("type_of_return");
      assertThat(wb.getFontAt(head.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
      assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
      assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
      assertThat(((XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter()).isTrue();
      assertThat(sheet.getColumnWidth(0)).isGreaterThan(sheet.getDefaultColumnWidth() * 256);
      List<String> entities = new ArrayList<>();
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        Row row = sheet.getRow(i);
        if (row.getCell(0).getStringCellValue().startsWith("Acme")) {
          entities.add(row.getCell(2).getStringCellValue());
        }
      }
      assertThat(entities).containsExactly("Acme Holdings LLC", "Acme Logistics, Inc.");
    }
  }

  @Test
  void printsATableWithoutOut() {
    StringWriter out = new StringWriter();
    assertThat(run(out, new StringWriter(), "entities", LETTERS.toString())).isZero();
    assertThat(out.toString())
        .contains("Smith Family 2024 Engagement Letter.docx")
        .contains("  Address:  2045 Elm Street / Springfield, IL 62704")
        .contains("Smith Rentals LLC    Form 1065 and Form IL-1065");
  }

  @Test
  void refusesAnUnknownFormat() {
    StringWriter err = new StringWriter();
    assertThat(run(new StringWriter(), err, "entities", "--out", temp.resolve("x.txt").toString(), LETTERS.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--out must end with .json, .csv or .xlsx");
  }
}
