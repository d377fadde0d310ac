package dev.engagement.core.internal.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class RevisionAcceptorTest {
  private static final String W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

  private static String accept(String body) {
    return RevisionAcceptor.accept("<w:body " + W + ">" + body + "</w:body>", "t.xml", 100)
        .replace("<w:body " + W + ">", "").replace("</w:body>", "");
  }

  @Test
  void removesDeletionsAndKeepsInsertions() {
    assertThat(
            accept(
                "<w:p><w:r><w:t>A</w:t></w:r><w:del w:id=\"1\"><w:r><w:delText>B</w:delText></w:r></w:del>"
                    + "<w:ins w:id=\"2\"><w:r><w:t>C</w:t></w:r></w:ins><w:ins w:id=\"3\"/></w:p>"))
        .isEqualTo("<w:p><w:r><w:t>A</w:t></w:r><w:r><w:t>C</w:t></w:r></w:p>");
  }

  @Test
  void removesMovedFromContentAndTheMoveRanges() {
    assertThat(
            accept(
                "<w:p><w:moveFromRangeStart w:id=\"1\" w:name=\"m\"/><w:moveFrom w:id=\"2\"><w:r><w:t>X</w:t></w:r></w:moveFrom>"
                    + "<w:moveFromRangeEnd w:id=\"1\"/></w:p><w:p><w:moveToRangeStart w:id=\"3\" w:name=\"m\"/>"
                    + "<w:moveTo w:id=\"4\"><w:r><w:t>X</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id=\"3\"/></w:p>"))
        .isEqualTo("<w:p></w:p><w:p><w:r><w:t>X</w:t></w:r></w:p>");
  }

  @Test
  void dropsOldFormattingAndRevisionMarks() {
    assertThat(
            accept(
                "<w:p><w:pPr><w:rPr><w:ins w:id=\"1\"/><w:del w:id=\"2\"/></w:rPr><w:pPrChange w:id=\"3\"><w:pPr/></w:pPrChange></w:pPr>"
                    + "<w:r><w:rPr><w:b/><w:rPrChange w:id=\"4\"><w:rPr><w:i/></w:rPr></w:rPrChange></w:rPr><w:t>T</w:t></w:r></w:p>"))
        .isEqualTo("<w:p><w:pPr><w:rPr></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>T</w:t></w:r></w:p>");
  }

  @Test
  void removesDeletedRowsAndKeepsInsertedOnes() {
    assertThat(
            accept(
                "<w:tbl><w:tr><w:trPr><w:del w:id=\"1\"/></w:trPr><w:tc><w:p><w:del w:id=\"5\"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p></w:tc></w:tr>"
                    + "<w:tr><w:trPr><w:ins w:id=\"2\"/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>"))
        .isEqualTo("<w:tbl><w:tr><w:trPr></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>");
  }

  @Test
  void leavesAPartWithoutChangesAsItIs() {
    String xml = "<w:body " + W + "><w:p><w:r><w:t>same</w:t></w:r></w:p></w:body>";
    assertThat(RevisionAcceptor.accept(xml, "t.xml", 100)).isSameAs(xml);
  }
}
