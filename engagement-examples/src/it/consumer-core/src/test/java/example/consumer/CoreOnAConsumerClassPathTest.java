package example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engagement.core.FileResult;
import dev.engagement.core.Rollover;
import dev.engagement.core.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * engagement-core on the class path Maven gives a consumer that depends on it alone: a letter
 * rolls, and nothing of the examples' dependencies (POI's OOXML model, a logging provider or
 * bridge, the command line) is there.
 */
final class CoreOnAConsumerClassPathTest {
  @TempDir Path out;

  @Test
  void rollsALetter() throws IOException {
    Path letter = Path.of(System.getProperty("engagement.letters"), "Smith Family 2024 Engagement Letter.docx");
    byte[] before = Files.readAllBytes(letter);

    FileResult result = Rollover.ofDefaults().roll(letter, out);

    assertEquals(Status.SUCCESS, result.status(), () -> result.message().orElse(""));
    Path rolled = out.resolve("Smith Family 2025 Engagement Letter.docx");
    assertTrue(Files.isRegularFile(rolled), "the rolled letter " + rolled);
    String text = documentText(rolled);
    assertTrue(text.contains("tax year 2025"), text);
    assertFalse(text.contains("tax year 2024"), text);
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(letter)), "the input is unchanged");
  }

  @Test
  void bringsNoLoggingImplementationAndNothingOfTheExamples() {
    for (String name :
        new String[] {
          "org.apache.poi.xwpf.usermodel.XWPFDocument", // poi-ooxml: the examples' (and tests') only
          "org.apache.commons.logging.LogFactory", // commons-logging or a bridge: the application's choice
          "org.slf4j.simple.SimpleLogger", // an SLF4J provider: the application's choice
          "ch.qos.logback.classic.Logger",
          "org.apache.logging.slf4j.SLF4JProvider", // log4j-to-slf4j
          "dev.engagement.examples.EngagementCli",
          "picocli.CommandLine"
        }) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
    }
  }

  /** Returns the text of word/document.xml with its tags removed. */
  private static String documentText(Path docx) throws IOException {
    try (InputStream in = Files.newInputStream(docx);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        if (e.getName().equals("word/document.xml")) {
          return new String(zip.readAllBytes(), StandardCharsets.UTF_8).replaceAll("<[^>]+>", "");
        }
      }
    }
    throw new AssertionError("no word/document.xml in " + docx);
  }
}
