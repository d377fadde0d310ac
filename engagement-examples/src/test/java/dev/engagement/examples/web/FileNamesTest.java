package dev.engagement.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names of uploaded files, as a hostile client may send them. */
final class FileNamesTest {
  @Test
  void namesStayBelowTheUploadFolder() {
    assertThat(FileNames.clean("letters/Smith 2024 Engagement Letter.docx")).isEqualTo("letters/Smith 2024 Engagement Letter.docx");
    assertThat(FileNames.clean("../../etc/passwd")).isEqualTo("etc/passwd");
    assertThat(FileNames.clean("/abs/x.docx")).isEqualTo("abs/x.docx");
    assertThat(FileNames.clean("C:\\Users\\me\\x.docx")).isEqualTo("Users/me/x.docx");
    assertThat(FileNames.clean("a\\..\\..\\b.docx")).isEqualTo("a/b.docx");
    assertThat(FileNames.clean("./a/./b/")).isEqualTo("a/b");
    assertThat(FileNames.clean("")).isEqualTo("unnamed");
    assertThat(FileNames.clean(null)).isEqualTo("unnamed");
    assertThat(FileNames.clean("../..")).isEqualTo("unnamed");
  }

  @Test
  void controlAndDirectionCharactersAreRemovedAndPartsTrimmed() {
    assertThat(FileNames.clean("a\u0000b\u0007c\u001b[0m.docx")).isEqualTo("abc[0m.docx");
    assertThat(FileNames.clean("invoice\u202Excod.docx")).isEqualTo("invoicexcod.docx");
    assertThat(FileNames.clean("  name.docx. . ")).isEqualTo("name.docx");
    assertThat(FileNames.clean("folder /  x.docx")).isEqualTo("folder/x.docx");
  }

  @Test
  void longNamesKeepTheirExtensionAndDeepPathsTheirEnd() {
    String longName = FileNames.clean("y".repeat(300) + ".docx");
    assertThat(longName).hasSize(FileNames.MAX_PART).endsWith(".docx");
    String deep = FileNames.clean("d/".repeat(40) + "x.docx");
    assertThat(deep.split("/")).hasSize(FileNames.MAX_DEPTH);
    assertThat(deep).endsWith("/x.docx");
  }

  @Test
  void clashesIgnoringCaseAreNumbered() {
    FileNames names = new FileNames();
    assertThat(names.place("a/Letter.docx")).isEqualTo("a/Letter.docx");
    assertThat(names.place("a/LETTER.docx")).isEqualTo("a/LETTER (2).docx");
    assertThat(names.place("a/../a/letter.docx")).isEqualTo("a/a/letter.docx");
    assertThat(names.place("a/letter.docx")).isEqualTo("a/letter (3).docx");
    assertThat(names.place("README")).isEqualTo("README");
    assertThat(names.place("readme")).isEqualTo("readme (2)");
  }
}
