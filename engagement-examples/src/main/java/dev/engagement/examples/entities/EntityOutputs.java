package dev.engagement.examples.entities;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.engagement.core.Entity;
import dev.engagement.core.FileResult;
import dev.engagement.core.LetterEntities;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;

/**
 * Writes entity-check results as JSON (the original app's {@code {"filename", "address",
 * "entities"}} objects, plus {@code status} and {@code message}), CSV or an Excel workbook (one
 * row per entity, so staff can filter), or as a table for people. Files are written to a
 * temporary file and moved into place. Shared by the {@code entities} command and the web app's
 * downloads ({@code dev.engagement.examples.web}).
 */
public final class EntityOutputs {
  static final List<String> COLUMNS =
      List.of("filename", "address", "name_of_entity", "type_of_return", "status", "message");

  /** Leaves the stream open, as the examples' shared mapper does. */
  private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private EntityOutputs() {}

  /** The formats, by file extension. */
  public enum Format {
    /** A JSON list of objects. */
    JSON,
    /** One row per entity, RFC 4180. */
    CSV,
    /** An Excel workbook. */
    XLSX;

    /**
     * Returns the format that a file name's extension names.
     *
     * @param file the file
     * @return the format of {@code .json}, {@code .csv} or {@code .xlsx}, or null for another
     *     extension
     */
    public static @Nullable Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".json")) {
        return JSON;
      }
      if (name.endsWith(".csv")) {
        return CSV;
      }
      if (name.endsWith(".xlsx")) {
        return XLSX;
      }
      return null;
    }
  }

  /**
   * Writes results to a file atomically (a temporary file moved into place).
   *
   * @param file the file to write
   * @param format its format
   * @param results the entity check's results
   * @throws IOException if it cannot be written
   */
  public static void write(Path file, Format format, List<FileResult> results) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, ".~entities-", ".tmp");
    try {
      try (OutputStream os = Files.newOutputStream(temp)) {
        switch (format) {
          case JSON:
            json(os, results);
            break;
          case CSV:
            csv(os, results);
            break;
          default:
            xlsx(os, results);
            break;
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static LetterEntities found(FileResult r) {
    return r.detail(LetterEntities.class).orElse(new LetterEntities(null, List.of()));
  }

  private static void json(OutputStream os, List<FileResult> results) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(os, JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartArray();
      for (FileResult r : results) {
        LetterEntities e = found(r);
        g.writeStartObject();
        g.writeStringField("filename", r.letter().relativePath());
        g.writeStringField("address", e.address());
        g.writeArrayFieldStart("entities");
        for (Entity entity : e.entities()) {
          g.writeStartObject();
          g.writeStringField("name_of_entity", entity.nameOfEntity());
          g.writeStringField("type_of_return", entity.typeOfReturn());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("status", r.status().jsonName());
        g.writeStringField("message", r.message().orElse(null));
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  /** One row per entity; a file without entities still gets one row, with empty entity cells. */
  private static void csv(OutputStream os, List<FileResult> results) throws IOException {
    Writer w = new java.io.OutputStreamWriter(os, StandardCharsets.UTF_8);
    try (CSVPrinter p = new CSVPrinter(w, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(new String[0])).get())) {
      for (FileResult r : results) {
        for (String[] row : rows(r)) {
          p.printRecord((Object[]) row);
        }
      }
    }
  }

  private static void xlsx(OutputStream os, List<FileResult> results) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("Entities");
      CellStyle head = wb.createCellStyle();
      Font bold = wb.createFont();
      bold.setBold(true);
      head.setFont(bold);
      CellStyle wrap = wb.createCellStyle();
      wrap.setWrapText(true);
      Row header = sheet.createRow(0);
      for (int c = 0; c < COLUMNS.size(); c++) {
        header.createCell(c).setCellValue(COLUMNS.get(c));
        header.getCell(c).setCellStyle(head);
      }
      int n = 1;
      for (FileResult r : results) {
        for (String[] values : rows(r)) {
          Row row = sheet.createRow(n++);
          for (int c = 0; c < values.length; c++) {
            row.createCell(c).setCellValue(values[c]);
            if (c == 1) {
              row.getCell(c).setCellStyle(wrap);
            }
          }
        }
      }
      sheet.createFreezePane(0, 1);
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, n - 1), 0, COLUMNS.size() - 1));
      for (int c = 0; c < COLUMNS.size(); c++) {
        sheet.autoSizeColumn(c);
      }
      wb.write(os);
    }
  }

  private static List<String[]> rows(FileResult r) {
    LetterEntities e = found(r);
    String file = r.letter().relativePath();
    String address = e.address() == null ? "" : e.address();
    String status = r.status().jsonName();
    String message = r.message().orElse("");
    if (e.entities().isEmpty()) {
      return List.<String[]>of(new String[] {file, address, "", "", status, message});
    }
    return e.entities().stream()
        .map(x -> new String[] {file, address, x.nameOfEntity(), x.typeOfReturn(), status, message})
        .toList();
  }

  /**
   * Prints the results as a table for people: per letter its name, address and entities, or why
   * it was skipped or failed.
   *
   * @param out where to print
   * @param results the entity check's results
   */
  public static void table(PrintWriter out, List<FileResult> results) {
    for (FileResult r : results) {
      out.println(r.letter().relativePath());
      LetterEntities e = found(r);
      switch (r.status()) {
        case SKIPPED:
        case FAILED:
          out.println("  " + r.status().jsonName() + ": " + r.message().orElse(""));
          break;
        default:
          out.println("  Address:  " + (e.address() == null ? "(none found)" : e.address().replace("\n", " / ")));
          if (e.entities().isEmpty()) {
            out.println("  Entities: (none found)");
          }
          int width = 0;
          for (Entity x : e.entities()) {
            width = Math.max(width, x.nameOfEntity().length());
          }
          String label = "  Entities: ";
          for (Entity x : e.entities()) {
            out.println(label + pad(x.nameOfEntity(), width) + "  " + x.typeOfReturn());
            label = "            ";
          }
          break;
      }
      out.println();
    }
    out.flush();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
