package dev.engagement.events;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;

import dev.engagement.core.testing.Docx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Letters built in the tests: a small folder with every outcome of a rollover. */
final class Letters {
  private Letters() {}

  /**
   * Writes two letters that roll, one with nothing to roll, one the name rules skip and one that
   * is no Word document (a failed result, hence a process-error event).
   */
  static Path mixed(Path folder) {
    letter(folder.resolve("Alpha LLC 2024 Engagement Letter.docx"), "For the tax year 2024, due April 15, 2025.");
    letter(folder.resolve("Beta Trust Engagement Letter.docx"), "Nothing to roll here.");
    letter(folder.resolve("Gamma 2024 Engagement Letter DO NOT ROLL.docx"), "Tax year 2024.");
    letter(folder.resolve("sub/D\u00e9j\u00e0 Vu 2024 Engagement Letter.docx"), "Tax year 2024 \u2013 h\u00e9llo \u20ac.");
    try {
      Files.write(
          folder.resolve("Broken 2024 Engagement Letter.docx"),
          "not a zip".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }

  /** Writes {@code n} letters that roll, numbered. */
  static Path many(Path folder, int n) {
    for (int i = 0; i < n; i++) {
      letter(folder.resolve(String.format(java.util.Locale.ROOT, "Client %04d 2024 Engagement Letter.docx", i)),
          "For the tax year 2024, due April 15, 2025.");
    }
    return folder;
  }

  static Path letter(Path file, String text) {
    return Docx.builder().body(p(r(text))).write(file);
  }
}
