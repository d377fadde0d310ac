package dev.engagement.core;

import static dev.engagement.core.testing.Docx.p;
import static dev.engagement.core.testing.Docx.r;
import static dev.engagement.core.testing.Docx.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.testing.Docx;
import dev.engagement.core.testing.ReadBack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rollover rules, one by one, on letters built in the test and read back independently. */
final class RolloverRulesTest {
  @TempDir Path temp;

  private record Rolled(FileResult result, Map<String, byte[]> entries) {
    List<String> paragraphs(String part) {
      return ReadBack.paragraphs(entries.get(part));
    }

    List<String> body() {
      return paragraphs("word/document.xml");
    }

    String xml(String part) {
      return ReadBack.text(entries.get(part));
    }
  }

  /** Rolls with the example firm's settings (the partners of these fixtures). */
  private Rolled roll(Docx docx, String fileName) {
    return roll(docx, fileName, Rollover.builder().settings(Settings.example()).build());
  }

  private Rolled roll(Docx docx, String fileName, Rollover rollover) {
    Path in = docx.write(temp.resolve("in").resolve(fileName));
    FileResult result = rollover.roll(in, temp.resolve("out"));
    Map<String, byte[]> entries =
        result.status() == Status.SUCCESS && !rollover.dryRun()
            ? ReadBack.entries(result.output().orElseThrow())
            : Map.of();
    return new Rolled(result, entries);
  }

  private static final String LETTER = "Smith 2024 Engagement Letter.docx";

  @Test
  void rollsYearsOfTheLettersWindowAndLeavesOthersReported() {
    Rolled r =
        roll(
            Docx.builder()
                .body(
                    p(r("For the tax year 2024, due April 15, 2025; prior year 2023."))
                        + p(r("A client of the firm since 2016, planning for 2030."))),
            LETTER);
    assertThat(r.result().status()).isEqualTo(Status.SUCCESS);
    assertThat(r.body())
        .containsExactly(
            "For the tax year 2025, due April 15, 2026; prior year 2024.",
            "A client of the firm since 2016, planning for 2030.");
    assertThat(r.result().yearsLeftAlone())
        .extracting(YearNote::text, YearNote::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2016", "outside the letter's years 2023\u20132025"),
            org.assertj.core.groups.Tuple.tuple("2030", "outside the letter's years 2023\u20132025"));
    assertThat(r.result().changes())
        .containsExactly(
            new Change(
                "word/document.xml",
                1,
                "For the tax year 2024, due April 15, 2025; prior year 2023.",
                "For the tax year 2025, due April 15, 2026; prior year 2024."));
  }

  @Test
  void computesAllEditsOfAParagraphOnItsOriginalText() {
    Rolled r = roll(Docx.builder().body(p(r("Years 2024 and 2025, then 2023-2024."))), LETTER);
    assertThat(r.body()).containsExactly("Years 2025 and 2026, then 2024-2025.");
  }

  @Test
  void yearsAllRollsEveryYearAsTheOriginalDid() {
    Rolled r =
        roll(
            Docx.builder().body(p(r("Since 2016, for 2024 and 2031."))),
            LETTER,
            Rollover.builder().years(YearPolicy.ALL).build());
    assertThat(r.body()).containsExactly("Since 2017, for 2025 and 2032.");
    assertThat(r.result().yearsLeftAlone()).isEmpty();
  }

  @Test
  void takesTheLettersYearFromTheTextWhenTheNameHasNone() {
    Rolled r =
        roll(
            Docx.builder()
                .body(p(r("Tax year 2021 and 2021 again; 2021, 2022; since 2010 and 2030."))),
            "Jones Engagement Letter.docx");
    assertThat(r.body()).containsExactly("Tax year 2022 and 2022 again; 2022, 2023; since 2010 and 2030.");
    assertThat(r.result().output().orElseThrow().getFileName().toString())
        .isEqualTo("Jones Engagement Letter_updated.docx");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "December 31, 2024|December 31, 2025",
        "due 12/31/2024.|due 12/31/2025.",
        "on 2024-12-31 at|on 2025-12-31 at",
        "31.12.2024|31.12.2025",
        "the 2024-2025 season|the 2025-2026 season",
        "FY2024 budget|FY2025 budget",
        "(2024)|(2025)",
        "2024|2025",
        "tax 2024 return|tax 2025 return",
        "Form 990 2024|Form 990 2025",
        "Form 1040 2024|Form 1040 2025",
        "year\u00A02024|year\u00A02025",
        "AT&T 2024|AT&T 2025",
        "Box 12, 2024 filings|Box 12, 2025 filings",
      })
  void rollsYearsInDatesRangesAndLabels(String before, String after) {
    Rolled r = roll(Docx.builder().body(p(r(before))), LETTER);
    assertThat(r.body()).containsExactly(after);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Call (217) 555-2024 today",
        "Call 555-2024 today",
        "Call 217-555-2024 today",
        "Call 217.555.2024 today",
        "Call 217 555 2024 today",
        "SSN 123-45-2024",
        "Springfield, IL 62704-2024",
        "a fee of $2024 is due",
        "a fee of $ 2024 is due",
        "a fee of 2024.50 dollars",
        "paid 2024,500 in total",
        "at 2024 Elm Street",
        "at 2024 N. Main St.",
        "at 2024 WEST OAK AVENUE",
        "Suite 2024",
        "Ste. 2024",
        "P.O. Box 2024",
        "Apt 2024",
        "Unit #2024",
        "extension 2024",
        "ext. 2024",
        "x2024",
        "No. 2024",
        "invoice #2024",
        "account 120245 and 20245",
        "see www.example.com/2024/rates",
        "see https://example.com/forms-2024.pdf",
        "mail tax2024@example.com",
      })
  void neverRollsNumbersThatAreNotYears(String text) {
    Rolled r = roll(Docx.builder().body(p(r(text)) + p(r("Tax year 2024."))), LETTER);
    assertThat(r.body()).containsExactly(text, "Tax year 2025.");
  }

  @Test
  void reportsYearsInWebAddressesAsLeftAlone() {
    Rolled r = roll(Docx.builder().body(p(r("Tax year 2024, see www.irs.gov/2024 now."))), LETTER);
    assertThat(r.result().yearsLeftAlone())
        .extracting(YearNote::text, YearNote::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2024", "part of a web or e-mail address"));
  }

  @Test
  void leavesTwoDigitYearsAloneAndReportsThem() {
    Rolled r =
        roll(
            Docx.builder()
                .body(p(r("Tax year 2024: FY24, class of '24, due 12/31/24, the 2024-25 season."))),
            LETTER);
    assertThat(r.body())
        .containsExactly("Tax year 2025: FY24, class of '24, due 12/31/24, the 2024-25 season.");
    assertThat(r.result().yearsLeftAlone())
        .extracting(YearNote::text)
        .containsExactly("FY24", "'24", "12/31/24", "2024-25");
    assertThat(r.result().yearsLeftAlone()).allSatisfy(n -> assertThat(n.reason()).isEqualTo("a two-digit year"));
  }

  @Test
  void rollsAYearSplitOverRunsAndKeepsEveryRunsFormatting() {
    String body =
        p(
            r("<w:b/>", "Tax year "),
            "<w:r w:rsidR=\"00A1\"><w:rPr><w:b/><w:color w:val=\"FF0000\"/></w:rPr><w:t>20</w:t></w:r>",
            "<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"y\"/>",
            "<w:r w:rsidR=\"00B2\"><w:rPr><w:i/><w:highlight w:val=\"yellow\"/><w:u w:val=\"single\"/>"
                + "<w:rFonts w:ascii=\"Arial\"/></w:rPr><w:t>2</w:t></w:r>",
            "<w:proofErr w:type=\"spellEnd\"/><w:bookmarkEnd w:id=\"0\"/>",
            "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>4</w:t></w:r>",
            r(" is here."));
    Path in = Docx.builder().body(body).write(temp.resolve("in").resolve(LETTER));
    List<ReadBack.TextNode> before = ReadBack.textNodes(ReadBack.entries(in).get("word/document.xml"));
    Rolled r = roll(Docx.builder().body(body), LETTER);
    assertThat(r.body()).containsExactly("Tax year 2025 is here.");
    List<ReadBack.TextNode> after = ReadBack.textNodes(r.entries().get("word/document.xml"));
    assertThat(after).extracting(ReadBack.TextNode::text).containsExactly("Tax year ", "20", "2", "5", " is here.");
    assertThat(after).extracting(ReadBack.TextNode::rPr).isEqualTo(before.stream().map(ReadBack.TextNode::rPr).toList());
    String xml = r.xml("word/document.xml");
    assertThat(xml).contains("<w:proofErr w:type=\"spellStart\"/><w:bookmarkStart w:id=\"0\" w:name=\"y\"/>");
    assertThat(xml).contains("w:rsidR=\"00B2\"");
  }

  @Test
  void onlyTheChangedCharactersAreTouched() {
    Path in = Docx.builder().body(p(r("Tax year 2029 ends."))).write(temp.resolve("in").resolve(LETTER));
    String before = ReadBack.text(ReadBack.entries(in).get("word/document.xml"));
    Rolled r = roll(Docx.builder().body(p(r("Tax year 2029 ends."))), "Smith 2029 Engagement Letter.docx");
    assertThat(r.xml("word/document.xml")).isEqualTo(before.replace("2029", "2030"));
  }

  @Test
  void visitsEveryStoryPart() {
    String textBox =
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
            + "<wps:wsp><wps:txbx><w:txbxContent>" + p(r("Box year 2024")) + "</w:txbxContent></wps:txbx></wps:wsp>"
            + "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>"
            + "<w:txbxContent>" + p(r("Box year 2024")) + "</w:txbxContent></v:textbox></v:shape></w:pict>"
            + "</mc:Fallback></mc:AlternateContent></w:r>";
    Docx d =
        Docx.builder()
            .body(
                p(r("Body 2024"), textBox)
                    + table(new String[] {p(r("Cell 2024")), table(new String[] {p(r("Nested 2024"))})})
                    + p("<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" + r("Control 2024") + "</w:sdtContent></w:sdt>")
                    + "<w:sdt><w:sdtPr/><w:sdtContent>" + p(r("Block control 2024")) + "</w:sdtContent></w:sdt>"
                    + p("<w:hyperlink r:id=\"rId99\">" + r("Link 2024") + "</w:hyperlink>")
                    + p("<w:smartTag w:uri=\"u\" w:element=\"date\"><w:smartTag w:uri=\"u\" w:element=\"year\">" + r("Smart 2024") + "</w:smartTag></w:smartTag>")
                    + p("<w:customXml w:element=\"x\">" + r("Custom 2024") + "</w:customXml>")
                    + p(r("Note"), "<w:r><w:footnoteReference w:id=\"1\"/></w:r>", r(" and end"), "<w:r><w:endnoteReference w:id=\"1\"/></w:r>"))
            .header("header1.xml", "default", p(r("Header 2024")))
            .header("header2.xml", "first", p(r("First header 2024")))
            .header("header3.xml", "even", p(r("Even header 2024")))
            .footer("footer1.xml", "default", p(r("Footer 2024")))
            .footnotes("<w:footnote w:id=\"1\">" + p(r("Footnote 2024")) + "</w:footnote>")
            .endnotes("<w:endnote w:id=\"1\">" + p(r("Endnote 2024")) + "</w:endnote>")
            .titlePage();
    Rolled r = roll(d, LETTER);
    assertThat(r.body())
        .containsExactly(
            "Body 2025", "Box year 2025", "Box year 2025", "Cell 2025", "Nested 2025", "Control 2025",
            "Block control 2025", "Link 2025", "Smart 2025", "Custom 2025", "Note and end");
    assertThat(r.paragraphs("word/header1.xml")).containsExactly("Header 2025");
    assertThat(r.paragraphs("word/header2.xml")).containsExactly("First header 2025");
    assertThat(r.paragraphs("word/header3.xml")).containsExactly("Even header 2025");
    assertThat(r.paragraphs("word/footer1.xml")).containsExactly("Footer 2025");
    assertThat(r.paragraphs("word/footnotes.xml")).contains("Footnote 2025");
    assertThat(r.paragraphs("word/endnotes.xml")).containsExactly("Endnote 2025");
    assertThat(r.xml("word/document.xml")).contains("<mc:AlternateContent>", "<w:smartTag w:uri=\"u\" w:element=\"year\">");
  }

  @Test
  void leavesFieldInstructionsAndDeletedTextAloneAndRollsInsertions() {
    String body =
        p(
            r("Printed "),
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy\" 2024 </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>",
            r("2024"),
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            r(" for tax year "),
            "<w:del w:id=\"1\" w:author=\"a\"><w:r><w:delText>2023</w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\" w:author=\"a\">" + r("2024") + "</w:ins>");
    Rolled r = roll(Docx.builder().body(body), LETTER);
    String xml = r.xml("word/document.xml");
    assertThat(xml).contains("<w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy\" 2024 </w:instrText>");
    assertThat(xml).contains("<w:delText>2023</w:delText>");
    assertThat(r.body()).containsExactly("Printed 2025 for tax year 2025");
  }

  @Test
  void leavesYearsInDataBoundContentControlsAloneAndSaysWhy() {
    String body =
        p(r("Tax year 2024 dated "),
            "<w:sdt><w:sdtPr><w:dataBinding w:xpath=\"/root/date\" w:storeItemID=\"{1}\"/></w:sdtPr><w:sdtContent>"
                + r("December 1, 2024") + "</w:sdtContent></w:sdt>");
    Rolled r = roll(Docx.builder().body(body), LETTER);
    assertThat(r.body()).containsExactly("Tax year 2025 dated December 1, 2024");
    assertThat(r.result().yearsLeftAlone()).singleElement()
        .satisfies(n -> assertThat(n.reason()).contains("content control bound to the document's data"));
  }

  @Test
  void neverEditsAcrossATabOrBreak() {
    // the year itself is whole; edits inside it never need to cross the atom
    Rolled r = roll(Docx.builder().body(p(r("Year"), "<w:r><w:tab/></w:r>", r("2024"), "<w:r><w:br/></w:r>", r("2023"))), LETTER);
    assertThat(r.body()).containsExactly("Year20252024");
    assertThat(ReadBack.text(r.entries().get("word/document.xml"))).contains("<w:tab/>", "<w:br/>");
  }

  @Test
  void keepsEveryOtherPartByteForByte() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 0, 1, 2, 3};
    Docx d =
        Docx.builder()
            .body(p(r("Tax year 2024")))
            .xmlPart("word/styles.xml", "<w:styles " + Docx.NS + "><w:style w:styleId=\"x\"/></w:styles>")
            .xmlPart("word/comments.xml", "<w:comments " + Docx.NS + "><w:comment w:id=\"0\">" + p(r("Comment 2024")) + "</w:comment></w:comments>")
            .xmlPart("customXml/item1.xml", "<root><date>2024</date></root>")
            .binaryPart("word/media/image1.png", png, "image");
    Path in = d.write(temp.resolve("in").resolve(LETTER));
    Map<String, byte[]> before = ReadBack.entries(in);
    Rolled r = roll(d, LETTER);
    assertThat(r.entries().keySet()).containsExactlyElementsOf(before.keySet());
    for (String name : before.keySet()) {
      if (!name.equals("word/document.xml")) {
        assertThat(r.entries().get(name)).as(name).isEqualTo(before.get(name));
      }
    }
  }

  @Test
  void escapesAndDecodesCharacterReferences() {
    String body = "<w:p><w:r><w:t>Smith &amp; Jones &#8211; tax year 20&#50;4 &lt;draft&gt;</w:t></w:r></w:p>";
    Rolled r = roll(Docx.builder().body(body), LETTER);
    assertThat(r.body()).containsExactly("Smith & Jones \u2013 tax year 2025 <draft>");
    assertThat(r.xml("word/document.xml")).contains("Smith &amp; Jones &#8211; tax year 20&#50;5 &lt;draft&gt;");
  }

  @Test
  void writesUtf16PartsBackAsUtf16() {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-16\" standalone=\"yes\"?><w:document " + Docx.NS
            + "><w:body>" + p(r("Tax year 2024 \u00e9t\u00e9")) + "</w:body></w:document>";
    byte[] utf16 = ("\uFEFF" + xml).getBytes(StandardCharsets.UTF_16LE);
    Docx d = Docx.builder().body(p(r("placeholder")));
    Path in = d.write(temp.resolve("in").resolve(LETTER));
    Path replaced = Zips.replace(in, "word/document.xml", utf16, temp.resolve("in2").resolve(LETTER));
    FileResult result = Rollover.ofDefaults().roll(replaced, temp.resolve("out"));
    byte[] part = ReadBack.entries(result.output().orElseThrow()).get("word/document.xml");
    assertThat(part[0] & 0xFF).isEqualTo(0xFF);
    assertThat(part[1] & 0xFF).isEqualTo(0xFE);
    assertThat(ReadBack.paragraphs(part)).containsExactly("Tax year 2025 \u00e9t\u00e9");
  }

  @Test
  void rewritesTheComplianceFeeSentenceFromTheSettingsWhenThePartnerListIsReplaced() {
    Settings settings =
        Settings.example()
            .with(
                Settings.COMPLIANCE_PARTNER_RATES,
                List.of(
                    Map.of("name", "Mike Taylor", "rate", "$300"),
                    Map.of("name", "Bob Maurer", "rate", "$290"),
                    Map.of("name", "Ann Lee", "rate", "$250")));
    String body =
        p(
            r("Our fees depend on the work. Partner hourly rates are: "),
            r("<w:b/>", "Mike Taylor"),
            r("\u2013$250, "),
            r("<w:b/>", "Bob Maurer"),
            r("\u2013$250. Our Associate hourly rates range from $140-185. Our bookkeeping rate is $60-70 per hour."),
            r(" We bill monthly for 2024."));
    Rolled r =
        roll(Docx.builder().body(body), LETTER, Rollover.builder().settings(settings).replacePartners(true).build());
    assertThat(r.body())
        .containsExactly(
            "Our fees depend on the work. Partner hourly rates are: Mike Taylor\u2013$300, Bob Maurer\u2013$290,"
                + " Ann Lee\u2013$250. Our Associate hourly rates range from $150-195. Our bookkeeping rate is"
                + " $65-75 per hour. We bill monthly for 2025.");
    List<ReadBack.TextNode> nodes = ReadBack.textNodes(r.entries().get("word/document.xml"));
    assertThat(nodes.get(1)).isEqualTo(new ReadBack.TextNode("Mike Taylor", nodes.get(1).rPr()));
    assertThat(nodes.get(1).rPr()).contains("<w:b/>");
    assertThat(nodes.get(3).text()).isEqualTo("Bob Maurer");
    assertThat(nodes.get(2).rPr()).doesNotContain("<w:b/>");
  }

  @Test
  void rewritesTheConsultingFeeSentence() {
    String body =
        p(r("Partner hourly rates are: Mike Taylor\u2013$270, Bob Maurer\u2013$270. Our Associate hourly rates range from $140-185. Thank you."));
    Rolled r = roll(Docx.builder().body(body), LETTER);
    assertThat(r.body())
        .containsExactly(
            "Partner hourly rates are: Mike Taylor\u2013$295, Bob Maurer\u2013$295. Our Associate hourly"
                + " rates range from $150-195. Thank you.");
  }

  @Test
  void leavesAFeeSentenceAloneWhenTheSettingsLackARateAndSaysSo() {
    Settings settings = Settings.example().with(Settings.COMPLIANCE_BOOKKEEPING_RATES, "");
    String sentence =
        "Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250. Our Associate hourly rates range from $140-185. Our bookkeeping rate is $60-70 per hour.";
    Rolled r = roll(Docx.builder().body(p(r(sentence)) + p(r("Tax year 2024."))), LETTER, Rollover.builder().settings(settings).build());
    assertThat(r.body()).containsExactly(sentence, "Tax year 2025.");
    assertThat(r.result().notes())
        .anySatisfy(n -> assertThat(n).contains("compliance fee sentence was left as it is").contains("COMPLIANCE_BOOKKEEPING_RATES"));
  }

  @Test
  void reportsAFeeParagraphThatAlmostMatches() {
    String text = "Partner hourly rates are: Mike Taylor $250. Associates charge $140 to $185.";
    Rolled r = roll(Docx.builder().body(p(r(text)) + p(r("Tax year 2024."))), LETTER);
    assertThat(r.body()).containsExactly(text, "Tax year 2025.");
    assertThat(r.result().notes()).anySatisfy(n -> assertThat(n).contains("not in the expected fee sentence"));
  }

  @Test
  void addsXmlSpacePreserveWhenAnEditedNodeGainsEdgeSpaces() {
    String body =
        "<w:p><w:r><w:t>Partner hourly rates are:</w:t></w:r><w:r><w:t>Mike Taylor\u2013$250, Bob Maurer\u2013$250.</w:t></w:r>"
            + "<w:r><w:t xml:space=\"preserve\"> Our Associate hourly rates range from $140-185.</w:t></w:r></w:p>";
    Rolled r = roll(Docx.builder().body(body), LETTER);
    assertThat(r.body())
        .containsExactly(
            "Partner hourly rates are: Mike Taylor\u2013$295, Bob Maurer\u2013$295. Our Associate hourly rates range from $150-195.");
    ReadBack.dom(r.entries().get("word/document.xml"));
  }

  @Test
  void unchangedLetterWritesNothing() {
    Rolled r = roll(Docx.builder().body(p(r("No dates here at all."))), LETTER);
    assertThat(r.result().status()).isEqualTo(Status.UNCHANGED);
    assertThat(r.result().output()).isEmpty();
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void dryRunWritesNothingButReportsEverything() {
    Rolled r =
        roll(
            Docx.builder().body(p(r("Tax year 2024, since 2016."))),
            LETTER,
            Rollover.builder().dryRun(true).build());
    assertThat(r.result().status()).isEqualTo(Status.SUCCESS);
    assertThat(r.result().output()).contains(temp.resolve("out").resolve("Smith 2025 Engagement Letter.docx"));
    assertThat(r.result().changes()).hasSize(1);
    assertThat(r.result().yearsLeftAlone()).hasSize(1);
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void readsAnyNamespacePrefix() {
    String xml =
        "<?xml version=\"1.0\"?><ns0:document xmlns:ns0=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<ns0:body><ns0:p><ns0:r><ns0:t>Tax year 2024</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>";
    Path in = Docx.builder().body(p(r("x"))).write(temp.resolve("in").resolve(LETTER));
    Path replaced =
        Zips.replace(in, "word/document.xml", xml.getBytes(StandardCharsets.UTF_8), temp.resolve("in2").resolve(LETTER));
    FileResult result = Rollover.ofDefaults().roll(replaced, temp.resolve("out"));
    assertThat(ReadBack.paragraphs(ReadBack.entries(result.output().orElseThrow()).get("word/document.xml")))
        .containsExactly("Tax year 2025");
  }

  @Test
  void refusesAPartThatInflatesLikeAZipBomb() {
    String filler = "<w:p><w:r><w:t>" + " ".repeat(4 << 20) + "</w:t></w:r></w:p>";
    Path in = Docx.builder().body(p(r("Tax year 2024")) + filler).write(temp.resolve("in").resolve(LETTER));
    FileResult result = Rollover.ofDefaults().roll(in, temp.resolve("out"));
    assertThat(result.status()).isEqualTo(Status.FAILED);
    assertThat(result.message().orElseThrow())
        .contains(LETTER)
        .contains("word/document.xml inflates more than 200 times its compressed size");
    assertThat(temp.resolve("out")).doesNotExist();
  }

  @Test
  void refusesFilesOverTheLimits() {
    Path in = Docx.builder().body(p(r("Tax year 2024"))).write(temp.resolve("in").resolve(LETTER));
    Rollover small =
        Rollover.builder().limits(new DocumentLimits(1000, 64 << 20, 200, 100, 100)).build();
    assertThat(small.roll(in, temp.resolve("out")).message().orElseThrow()).contains("the file is too large");
    Rollover shallow = Rollover.builder().limits(new DocumentLimits(1 << 20, 64 << 20, 200, 100, 3)).build();
    assertThat(shallow.roll(in, temp.resolve("out")).message().orElseThrow())
        .contains("nested deeper than 3 levels");
  }
}
