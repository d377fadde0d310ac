package dev.engagement.examples;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.Borders;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableWidthType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFHeader;
import org.apache.poi.xwpf.usermodel.XWPFHeaderFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBorder;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocDefaults;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTP;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSpacing;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTabStop;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTabs;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTblGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STTabJc;

/**
 * Writes the example engagement letters that ship in {@code engagement-examples/letters/}.
 *
 * <p>The letters come from a fictional firm, Taylor &amp; Maurer CPAs, LLP (partners Mike Taylor
 * and Bob Maurer), are for tax year 2024 and are dated December 2024. Together they exercise what
 * rolling a letter forward one year and checking its entities must handle:
 *
 * <ul>
 *   <li>years in body paragraphs, in table cells, in a footer and in a continuation header, as
 *       "December 31, 2024", "April 15, 2025", a "2024-2025" range and a "12/31/2024" date;
 *   <li>year-like numbers that must not change: the letterhead phone number "(217) 555-2024", the
 *       ZIP+4 "61615-2024" and "a client of the firm since 2016";
 *   <li>a year split across two runs with different formatting, and a run boundary between the
 *       space and a year;
 *   <li>the compliance and the consulting partner-rates sentences (en dash between name and rate);
 *   <li>"Name of Entity" / "Type of Return" lists as tab-separated paragraphs and as a Word table
 *       with an empty trailing row;
 *   <li>client address blocks as separate paragraphs and as one paragraph with line breaks, with a
 *       ZIP+4 and a P.O. Box, while the firm's own address sits in the header;
 *   <li>a first-page header different from the header of the following pages;
 *   <li>the closing "Very truly yours," followed by blank lines, the firm name, more blank lines
 *       and the partner's name, then an "ACCEPTED AND AGREED:" block;
 *   <li>file names: a year in the name, no year in the name, "DO NOT ROLL", and a Word lock file
 *       ("~$..."), which is not a zip at all.
 * </ul>
 *
 * <p>Run it with the output folder as the only argument. The output is reproducible: the core
 * properties carry fixed dates and author, and the zip entries are rewritten with a fixed
 * timestamp, so regenerating the letters changes no bytes, in any time zone.
 */
public final class ExampleLetters {

  private static final String FIRM = "Taylor & Maurer CPAs, LLP";
  private static final String AUTHOR = "Taylor & Maurer CPAs";
  private static final String MIKE = "Mike Taylor, CPA";
  private static final String BOB = "Bob Maurer, CPA";

  /** The compliance rates sentence, character for character (en dash after each name). */
  static final String COMPLIANCE_RATES =
      "Partner hourly rates are: Mike Taylor\u2013$250, Bob Maurer\u2013$250. Our Associate hourly"
          + " rates range from $140-185. Our bookkeeping rate is $60-70 per hour.";

  /** The consulting rates sentence, character for character (en dash after each name). */
  static final String CONSULTING_RATES =
      "Partner hourly rates are: Mike Taylor\u2013$270, Bob Maurer\u2013$270. Our Associate hourly"
          + " rates range from $140-185.";

  /** When the letters were "written"; also the created and modified dates of every file. */
  private static final Instant WRITTEN = Instant.parse("2024-12-02T15:00:00Z");

  /**
   * The DOS timestamp of every zip entry. Not 1980-01-01 00:00 (Word's): for that value {@link
   * ZipEntry#setTimeLocal} adds an extended timestamp that depends on the time zone.
   */
  private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2024, 12, 2, 9, 0);

  // Twips (1/20 pt): US Letter, 1" margins, 0.5" header and footer distance.
  private static final int PAGE_WIDTH = 12240;
  private static final int PAGE_HEIGHT = 15840;
  private static final int MARGIN = 1440;
  private static final int TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
  private static final int ENTITY_TAB = 4320;
  private static final int DATE_TAB = 5040;

  private static final String NO_SPACING = "NoSpacing";

  private ExampleLetters() {}

  /**
   * Writes the letters into a folder.
   *
   * @param args the output folder, created if missing
   * @throws IOException if a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ExampleLetters <output folder>");
      System.exit(2);
    }
    Path folder = Path.of(args[0]);
    Files.createDirectories(folder);
    write(folder, "Smith Family 2024 Engagement Letter.docx", smithFamily());
    write(folder, "Acme Holdings LLC 2024 Engagement Letter - signed.docx", acmeHoldings());
    write(folder, "Greenfield Family Trust Engagement Letter.docx", greenfieldTrust());
    write(folder, "Riverside Dental PC 2024 Engagement Letter DO NOT ROLL.docx", riversideDental());
    Path lock = folder.resolve("~$ith Family 2024 Engagement Letter.docx");
    Files.write(lock, wordLockFile("Staff"));
    System.out.println("wrote " + lock + " (" + Files.size(lock) + " bytes)");
  }

  // ---------------------------------------------------------------------------------------------
  // The letters

  /** Individuals: Form 1040 with a Schedule C, a rental LLC; the split year; tabbed entities. */
  static XWPFDocument smithFamily() {
    XWPFDocument doc = newLetter("Smith Family Engagement Letter");
    letterhead(doc.createHeader(HeaderFooterType.DEFAULT));
    pageFooter(doc.createFooter(HeaderFooterType.DEFAULT), null, false);

    dateLine(doc, "December 9, 2024");
    addressLines(doc, "John and Jane Smith", "2045 Elm Street", "Springfield, IL 62704");
    text(doc, "Dear John and Jane:");

    text(
        doc,
        "Thank you for choosing Taylor & Maurer CPAs, LLP to assist with your taxes. You have been"
            + " a client of the firm since 2016, and we appreciate your continued trust. This"
            + " letter confirms the terms of our engagement for tax year 2024 and describes the"
            + " nature and limits of the services we will provide.");
    section(
        doc,
        "Scope of services.",
        "We will prepare your 2024 federal and Illinois individual income tax returns (Form 1040"
            + " and Form IL-1040), including Schedule C for Jane Smith Design and Schedule E for"
            + " your share of Smith Rentals LLC, and the 2024 federal and Illinois partnership"
            + " returns of Smith Rentals LLC for the year ending December 31, 2024. We will not"
            + " audit or otherwise verify the information you give us, although we may ask you to"
            + " clarify it or to provide more.");
    section(
        doc,
        "Your responsibilities.",
        "You are responsible for the completeness and accuracy of the information you provide,"
            + " including the substantiation of income, deductions and credits. Please keep"
            + " receipts, mileage logs, closing statements and other records that support your"
            + " returns, and bring us any notices you received from the IRS or the Illinois"
            + " Department of Revenue about your 2023 returns.");
    section(
        doc,
        "Estimated taxes.",
        "Please give us a record of the federal and Illinois estimated tax payments you made for"
            + " tax year 2024 through 12/31/2024 and of any payment made in January. We will"
            + " compute your 2025 estimated payments and include the vouchers with your returns.");

    // The one deliberately split year: "20" and "24" are separate runs, both bold, the second in
    // another font, as Word leaves it after a paste. A rollover must change only the "24" run.
    XWPFParagraph timing = doc.createParagraph();
    timing.setAlignment(ParagraphAlignment.BOTH);
    run(timing, "Timing. ").setBold(true);
    run(timing, "To meet the April 15, 2025 filing deadline, ");
    run(timing, "please deliver all of your ").setBold(true);
    run(timing, "20").setBold(true);
    // Properties are set in schema order (rFonts before b): POI appends <w:rPr> children as asked.
    XWPFRun otherFont = run(timing, "24");
    otherFont.setFontFamily("Cambria");
    otherFont.setBold(true);
    run(timing, " tax documents to us by March 1, 2025.").setBold(true);
    run(
        timing,
        " Information received later may require an extension (Form 4868), which extends the time"
            + " to file but not the time to pay. Include the tuition statement (Form 1098-T) for"
            + " Emily's 2024-2025 school year.");

    feeParagraph(
        doc,
        "Our fees are based on the time required at our standard hourly rates, plus out-of-pocket"
            + " costs such as e-filing charges. ",
        COMPLIANCE_RATES,
        " We will bill you when the returns are delivered; invoices are due upon receipt.");
    section(
        doc,
        "Examinations.",
        "If a taxing authority examines any of your returns, we will be available, upon request,"
            + " to represent you. Such representation is not part of this engagement and will be"
            + " billed separately at our standard rates.");
    text(
        doc,
        "Our engagement ends when we deliver the returns listed below. We will e-file them once we"
            + " receive your signed Forms 8879, and we will keep copies of the returns and our"
            + " workpapers for seven years.");
    text(doc, "This engagement covers the following returns:").setKeepNext(true);
    entityParagraphs(
        doc,
        List.of(
            new String[] {"John and Jane Smith", "Form 1040 and Form IL-1040"},
            new String[] {"Jane Smith Design", "Schedule C (Form 1040)"},
            new String[] {"Smith Rentals LLC", "Form 1065 and Form IL-1065"}));
    text(
        doc,
        "If this letter correctly states your understanding, please sign and return a copy to us"
            + " by January 15, 2025. Thank you for the opportunity to serve you.");

    closing(doc, MIKE);
    acceptance(
        doc,
        "This letter correctly sets forth the understanding of John and Jane Smith.",
        "John Smith",
        "Jane Smith");
    return doc;
  }

  /** Business: Forms 1065 and 1120-S, consulting rates, entities in a table, a year in a footer. */
  static XWPFDocument acmeHoldings() {
    XWPFDocument doc = newLetter("Acme Holdings LLC Engagement Letter");
    letterhead(doc.createHeader(HeaderFooterType.DEFAULT));
    pageFooter(
        doc.createFooter(HeaderFooterType.DEFAULT),
        "Acme Holdings LLC \u2013 2024 Engagement",
        false);

    dateLine(doc, "December 10, 2024");
    addressLines(
        doc, "Acme Holdings LLC", "4200 Commerce Parkway, Suite 310", "Peoria, IL 61615-2024");
    text(doc, "Dear Ms. Lopez:");

    text(
        doc,
        "This letter confirms the terms of our engagement to provide tax services to Acme Holdings"
            + " LLC and its subsidiary, Acme Logistics, Inc., for the tax year ending December 31,"
            + " 2024.");
    section(
        doc,
        "Compliance services.",
        "We will prepare the 2024 federal partnership return of Acme Holdings LLC (Form 1065) with"
            + " Schedules K-1 for its members, the 2024 federal S corporation return of Acme"
            + " Logistics, Inc. (Form 1120-S) with Schedules K-1 for its shareholders, and the"
            + " related Illinois returns (Form IL-1065 and Form IL-1120-ST), including the Illinois"
            + " personal property replacement income tax.");
    section(
        doc,
        "Consulting services.",
        "At your request we will also advise you on tax planning during 2025, including the"
            + " structure of the planned Bloomington warehouse, and respond to notices from taxing"
            + " authorities. Oral advice will be confirmed in writing only if you ask us to.");
    section(
        doc,
        "Management's responsibilities.",
        "Management is responsible for the books and records and for the accuracy of the trial"
            + " balances and other information it provides, including the classification of"
            + " transactions and the basis of its property. We will not audit, review or compile"
            + " the financial statements of either company.");
    section(doc, "Timing.", "The key dates for this engagement are:");
    XWPFTable dates =
        table(
            doc,
            new int[] {6160, 3200},
            List.of(
                new String[] {"Deliverable", "Date"},
                new String[] {"Closing entries and trial balances for 2024", "January 31, 2025"},
                new String[] {"Forms 1065 and 1120-S, with Schedules K-1", "March 17, 2025"},
                new String[] {"Due date if an extension is filed", "September 15, 2025"}));
    dates.getRow(0).setRepeatHeader(true);
    blank(doc);

    feeParagraph(
        doc,
        "Our fees for compliance and consulting work are based on the time required at our"
            + " consulting rates. ",
        CONSULTING_RATES,
        " Out-of-pocket costs are billed at cost. We will bill you monthly, and invoices are due"
            + " within 30 days.");
    text(doc, "The returns covered by this engagement are:").setKeepNext(true);
    XWPFTable entities =
        table(
            doc,
            new int[] {4680, 4680},
            List.of(
                new String[] {"Name of Entity", "Type of Return"},
                new String[] {"Acme Holdings LLC", "Form 1065 and Form IL-1065"},
                new String[] {"Acme Logistics, Inc.", "Form 1120-S and Form IL-1120-ST"},
                new String[] {"", ""}));
    entities.getRow(0).setRepeatHeader(true);
    blank(doc);
    text(
        doc,
        "If this letter correctly expresses your understanding, please sign and return a copy. We"
            + " look forward to working with you again in 2025.");

    closing(doc, BOB);
    XWPFParagraph accepted = line(doc, "ACCEPTED AND AGREED:");
    accepted.getRuns().get(0).setBold(true);
    line(doc, "Acme Holdings LLC");
    blank(doc);
    XWPFParagraph by = doc.createParagraph();
    by.setStyle(NO_SPACING);
    run(by, "By: ");
    XWPFRun signature = run(by, "/s/ Karen Lopez");
    signature.setItalic(true);
    line(doc, "Karen Lopez, Managing Member");
    line(doc, "Date: December 16, 2024");
    return doc;
  }

  /** Trust: Form 1041, a first-page header, an address in one paragraph with line breaks. */
  static XWPFDocument greenfieldTrust() {
    XWPFDocument doc = newLetter("Greenfield Family Trust Engagement Letter");
    // Asking for a FIRST header turns on <w:titlePg/>; the DEFAULT one is the continuation header.
    letterhead(doc.createHeader(HeaderFooterType.FIRST));
    XWPFHeader continuation = doc.createHeader(HeaderFooterType.DEFAULT);
    headerLine(continuation, "Greenfield Family Trust");
    headerLine(continuation, "December 6, 2024");
    XWPFParagraph page = headerLine(continuation, "Page ");
    field(page, "PAGE", "2");
    page.setSpacingAfter(360);

    dateLine(doc, "December 6, 2024");
    XWPFParagraph address = doc.createParagraph();
    address.setStyle(NO_SPACING);
    XWPFRun lines = address.createRun();
    lines.setText("Greenfield Family Trust");
    lines.addBreak();
    lines.setText("P.O. Box 512");
    lines.addBreak();
    lines.setText("Champaign, IL 61824");
    blank(doc);
    text(doc, "Dear Margaret:");

    text(
        doc,
        "Thank you for asking Taylor & Maurer CPAs, LLP to prepare the fiduciary income tax"
            + " returns of the Greenfield Family Trust, a client of the firm since 2016. This"
            + " letter sets out the terms of our engagement for tax year 2024.");
    section(
        doc,
        "Scope of services.",
        "We will prepare the trust's 2024 federal and Illinois fiduciary income tax returns (Form"
            + " 1041 and Form IL-1041) for the year ending December 31, 2024, and the Schedules"
            + " K-1 that report each beneficiary's share of income, deductions and credits. We"
            + " will not audit or otherwise verify the information you give us.");
    section(
        doc,
        "Trustee's responsibilities.",
        "As trustee, you are responsible for the trust's records, for the accuracy of the"
            + " statements of receipts and disbursements you provide, and for decisions about"
            + " distributions. Please send us any amendment to the trust instrument we have not"
            + " seen, the year-end brokerage statements (Forms 1099), and a list of every"
            + " distribution made during 2024 with its date and recipient.");
    section(
        doc,
        "Distributions after year end.",
        "Distributions made within the first 65 days of 2025 may be treated as made in 2024 if"
            + " the trustee so elects on the return. Please tell us before March 6, 2025 about any"
            + " distribution you want treated this way.");
    section(
        doc,
        "Estimated taxes.",
        "If the trust will owe tax for 2025, we will compute its 2025 estimated payments and send"
            + " you the vouchers with the return.");
    section(
        doc,
        "Timing.",
        "We need the information described above by March 1, 2025 to file by the April 15, 2025"
            + " due date. If it arrives later, we will file an extension (Form 7004), which extends"
            + " the time to file but not the time to pay.");
    feeParagraph(
        doc,
        "Our fees are based on the time required at our standard hourly rates, plus out-of-pocket"
            + " costs. ",
        COMPLIANCE_RATES,
        " We will bill the trust when the returns are delivered.");
    section(
        doc,
        "Examinations.",
        "If a taxing authority examines the trust's returns, we will be available, upon request,"
            + " to represent the trust. Such representation is a separate engagement billed at our"
            + " standard rates.");
    section(
        doc,
        "Records.",
        "We will return your original records with the returns. We keep copies of the returns and"
            + " our workpapers for seven years, after which they may be destroyed.");
    text(doc, "The returns covered by this engagement are:").setKeepNext(true);
    entityParagraphs(
        doc,
        List.of(
            new String[] {"Greenfield Family Trust", "Form 1041 and Form IL-1041"},
            new String[] {"Greenfield Family Trust", "Schedules K-1 (Form 1041)"}));
    text(
        doc,
        "If this letter correctly states your understanding, please sign and return a copy to us."
            + " We appreciate the opportunity to serve the trust.");

    closing(doc, MIKE);
    acceptance(
        doc,
        "This letter correctly sets forth the understanding of the Greenfield Family Trust.",
        "Margaret Greenfield, Trustee");
    return doc;
  }

  /** A normal letter whose file name says "DO NOT ROLL"; "Page X of Y" in the footer. */
  static XWPFDocument riversideDental() {
    XWPFDocument doc = newLetter("Riverside Dental PC Engagement Letter");
    letterhead(doc.createHeader(HeaderFooterType.DEFAULT));
    pageFooter(doc.createFooter(HeaderFooterType.DEFAULT), null, true);

    dateLine(doc, "December 12, 2024");
    addressLines(doc, "Riverside Dental PC", "1180 Riverside Drive", "Bloomington, IL 61701");
    text(doc, "Dear Dr. Patel:");

    // A run boundary between the space and the year, with identical formatting on both sides.
    XWPFParagraph intro = doc.createParagraph();
    intro.setAlignment(ParagraphAlignment.BOTH);
    run(
        intro,
        "This letter confirms the terms of our engagement to provide accounting and tax services"
            + " to Riverside Dental PC for tax year ");
    run(intro, "2024");
    run(intro, ".");
    section(
        doc,
        "Scope of services.",
        "We will prepare the 2024 federal and Illinois income tax returns of the corporation (Form"
            + " 1120-S and Form IL-1120-ST) for the year ending December 31, 2024, and the"
            + " Schedules K-1 for its shareholders. We will also keep the corporation's general"
            + " ledger each month and prepare its 2024 Forms W-2, W-3 and 1099-NEC, which are due"
            + " January 31, 2025.");
    section(
        doc,
        "Your responsibilities.",
        "You are responsible for the accuracy of the records you give us, for reasonable"
            + " compensation of shareholder-employees, and for the safekeeping of the practice's"
            + " assets. We will not audit or review the corporation's financial statements.");
    section(
        doc,
        "Timing.",
        "To file the corporation's return by March 17, 2025, we need the December bank and"
            + " credit-card statements, the payroll reports for the fourth quarter of 2024, and"
            + " the invoices for equipment bought in 2024 by February 14, 2025.");
    feeParagraph(
        doc,
        "Our fees are based on the time required at our standard hourly rates. ",
        COMPLIANCE_RATES,
        " Bookkeeping is billed monthly; the returns are billed when they are delivered.");
    text(doc, "The returns covered by this engagement are:").setKeepNext(true);
    entityParagraphs(
        doc,
        List.of(
            new String[] {"Riverside Dental PC", "Form 1120-S and Form IL-1120-ST"},
            new String[] {"Riverside Dental PC", "Forms W-2, W-3 and 1099-NEC"}));
    text(
        doc,
        "If this letter correctly expresses your understanding, please sign and return a copy to"
            + " us. We look forward to another year of working with you.");

    closing(doc, BOB);
    acceptance(
        doc,
        "This letter correctly sets forth the understanding of Riverside Dental PC.",
        "Anita Patel, DDS, President");
    return doc;
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks

  /** A letter with Calibri 11 pt styles, US Letter pages and fixed document properties. */
  private static XWPFDocument newLetter(String title) {
    XWPFDocument doc = new XWPFDocument();
    doc.createStyles().setStyles(styles());

    CTSectPr section = doc.getDocument().getBody().addNewSectPr();
    CTPageSz size = section.addNewPgSz();
    size.setW(BigInteger.valueOf(PAGE_WIDTH));
    size.setH(BigInteger.valueOf(PAGE_HEIGHT));
    CTPageMar margins = section.addNewPgMar();
    margins.setTop(BigInteger.valueOf(MARGIN));
    margins.setBottom(BigInteger.valueOf(MARGIN));
    margins.setLeft(BigInteger.valueOf(MARGIN));
    margins.setRight(BigInteger.valueOf(MARGIN));
    margins.setHeader(BigInteger.valueOf(720));
    margins.setFooter(BigInteger.valueOf(720));
    margins.setGutter(BigInteger.ZERO);

    POIXMLProperties properties = doc.getProperties();
    POIXMLProperties.CoreProperties core = properties.getCoreProperties();
    core.setTitle(title);
    core.setCreator(AUTHOR);
    core.setLastModifiedByUser(AUTHOR);
    core.setRevision("1");
    core.setCreated(Optional.of(Date.from(WRITTEN)));
    core.setModified(Optional.of(Date.from(WRITTEN)));
    properties.getExtendedProperties().setCompany(FIRM);
    return doc;
  }

  /** Document defaults (Calibri 11 pt, 8 pt after, 1.08 lines) and the few styles used. */
  private static CTStyles styles() {
    CTStyles styles = CTStyles.Factory.newInstance();
    CTDocDefaults defaults = styles.addNewDocDefaults();
    CTRPr rpr = defaults.addNewRPrDefault().addNewRPr();
    CTFonts fonts = rpr.addNewRFonts();
    fonts.setAscii("Calibri");
    fonts.setHAnsi("Calibri");
    fonts.setEastAsia("Calibri");
    fonts.setCs("Times New Roman");
    rpr.addNewSz().setVal(BigInteger.valueOf(22));
    rpr.addNewSzCs().setVal(BigInteger.valueOf(22));
    rpr.addNewLang().setVal("en-US");
    CTSpacing spacing = defaults.addNewPPrDefault().addNewPPr().addNewSpacing();
    spacing.setAfter(BigInteger.valueOf(160));
    spacing.setLine(BigInteger.valueOf(259));
    spacing.setLineRule(STLineSpacingRule.AUTO);

    CTStyle normal = style(styles, STStyleType.PARAGRAPH, "Normal", "Normal", true);
    normal.addNewQFormat();
    CTStyle paragraphFont =
        style(
            styles, STStyleType.CHARACTER, "DefaultParagraphFont", "Default Paragraph Font", true);
    paragraphFont.addNewUiPriority().setVal(BigInteger.ONE);
    paragraphFont.addNewSemiHidden();
    paragraphFont.addNewUnhideWhenUsed();
    CTStyle tableNormal = style(styles, STStyleType.TABLE, "TableNormal", "Normal Table", true);
    tableNormal.addNewSemiHidden();
    tableNormal.addNewUnhideWhenUsed();
    CTStyle noSpacing = style(styles, STStyleType.PARAGRAPH, NO_SPACING, "No Spacing", false);
    noSpacing.addNewQFormat();
    CTSpacing tight = noSpacing.addNewPPr().addNewSpacing();
    tight.setAfter(BigInteger.ZERO);
    tight.setLine(BigInteger.valueOf(240));
    tight.setLineRule(STLineSpacingRule.AUTO);
    CTStyle grid = style(styles, STStyleType.TABLE, "TableGrid", "Table Grid", false);
    grid.addNewBasedOn().setVal("TableNormal");
    CTPPrGeneral gridParagraphs = grid.addNewPPr();
    CTSpacing gridSpacing = gridParagraphs.addNewSpacing();
    gridSpacing.setAfter(BigInteger.ZERO);
    gridSpacing.setLine(BigInteger.valueOf(240));
    gridSpacing.setLineRule(STLineSpacingRule.AUTO);
    return styles;
  }

  private static CTStyle style(
      CTStyles styles, STStyleType.Enum type, String id, String name, boolean isDefault) {
    CTStyle style = styles.addNewStyle();
    style.setType(type);
    style.setStyleId(id);
    if (isDefault) {
      style.setDefault(true);
    }
    style.addNewName().setVal(name);
    return style;
  }

  /** The firm's letterhead: name, street, city and the year-like phone number, then a rule. */
  private static void letterhead(XWPFHeader header) {
    XWPFParagraph name = headerLine(header, FIRM);
    XWPFRun firm = name.getRuns().get(0);
    firm.setBold(true);
    firm.setColor("1F3864");
    firm.setFontSize(16);
    name.setAlignment(ParagraphAlignment.CENTER);
    headerLine(header, "100 Main Street, Suite 200").setAlignment(ParagraphAlignment.CENTER);
    headerLine(header, "Springfield, IL 62701").setAlignment(ParagraphAlignment.CENTER);
    XWPFParagraph phone = headerLine(header, "Phone (217) 555-2024");
    phone.setAlignment(ParagraphAlignment.CENTER);
    phone.setBorderBottom(Borders.SINGLE);
    CTBorder rule = phone.getCTP().getPPr().getPBdr().getBottom();
    rule.setSz(BigInteger.valueOf(6));
    rule.setSpace(BigInteger.valueOf(1));
    rule.setColor("1F3864");
    phone.setSpacingAfter(360);
  }

  /** A header or footer paragraph; the part's first, empty paragraph is used first. */
  private static XWPFParagraph headerLine(XWPFHeaderFooter part, String text) {
    List<XWPFParagraph> paragraphs = part.getParagraphs();
    XWPFParagraph paragraph =
        paragraphs.size() == 1 && paragraphs.get(0).getRuns().isEmpty()
            ? paragraphs.get(0)
            : part.createParagraph();
    paragraph.setStyle(NO_SPACING);
    if (!text.isEmpty()) {
      run(paragraph, text);
    }
    return paragraph;
  }

  /** A footer with optional left text and "Page X" (or "Page X of Y") at the right margin. */
  private static void pageFooter(XWPFFooter footer, String left, boolean ofPages) {
    XWPFParagraph paragraph = headerLine(footer, left == null ? "" : left);
    if (left == null) {
      paragraph.setAlignment(ParagraphAlignment.CENTER);
    } else {
      tabStop(paragraph, STTabJc.RIGHT, TEXT_WIDTH);
      run(paragraph, "").addTab();
    }
    run(paragraph, "Page ");
    field(paragraph, "PAGE", "1");
    if (ofPages) {
      run(paragraph, " of ");
      field(paragraph, "NUMPAGES", "2");
    }
  }

  /** A complex field (begin, instruction, separate, cached result, end), as Word writes it. */
  private static void field(XWPFParagraph paragraph, String instruction, String result) {
    paragraph.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
    paragraph.createRun().getCTR().addNewInstrText().setStringValue(instruction);
    paragraph.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
    run(paragraph, result);
    paragraph.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
  }

  private static void dateLine(XWPFDocument doc, String date) {
    text(doc, date).setSpacingAfter(480);
  }

  /** The client's address as one paragraph per line, then an empty line. */
  private static void addressLines(XWPFDocument doc, String... lines) {
    for (String text : lines) {
      line(doc, text);
    }
    blank(doc);
  }

  /** A body paragraph in the Normal style, justified. */
  private static XWPFParagraph text(XWPFDocument doc, String text) {
    XWPFParagraph paragraph = doc.createParagraph();
    paragraph.setAlignment(ParagraphAlignment.BOTH);
    run(paragraph, text);
    return paragraph;
  }

  /** A body paragraph that starts with a bold run-in heading. */
  private static void section(XWPFDocument doc, String heading, String text) {
    XWPFParagraph paragraph = doc.createParagraph();
    paragraph.setAlignment(ParagraphAlignment.BOTH);
    run(paragraph, heading + " ").setBold(true);
    run(paragraph, text);
  }

  /** The fee paragraph: the rates sentence in its own run, with text before and after it. */
  private static void feeParagraph(
      XWPFDocument doc, String before, String ratesSentence, String after) {
    XWPFParagraph paragraph = doc.createParagraph();
    paragraph.setAlignment(ParagraphAlignment.BOTH);
    run(paragraph, "Fees. ").setBold(true);
    run(paragraph, before);
    run(paragraph, ratesSentence);
    run(paragraph, after);
  }

  /** A paragraph in the No Spacing style (address, signature and acceptance lines). */
  private static XWPFParagraph line(XWPFDocument doc, String text) {
    XWPFParagraph paragraph = doc.createParagraph();
    paragraph.setStyle(NO_SPACING);
    if (!text.isEmpty()) {
      run(paragraph, text);
    }
    return paragraph;
  }

  private static void blank(XWPFDocument doc) {
    line(doc, "");
  }

  /** "Name of Entity" / "Type of Return" as tab-separated paragraphs, then an empty paragraph. */
  private static void entityParagraphs(XWPFDocument doc, List<String[]> rows) {
    XWPFParagraph header = line(doc, "");
    header.setKeepNext(true);
    tabStop(header, STTabJc.LEFT, ENTITY_TAB);
    XWPFRun headings = run(header, "Name of Entity");
    headings.setBold(true);
    headings.addTab();
    headings.setText("Type of Return");
    for (String[] row : rows) {
      XWPFParagraph paragraph = line(doc, row[0]);
      paragraph.setKeepNext(true);
      tabStop(paragraph, STTabJc.LEFT, ENTITY_TAB);
      run(paragraph, "").addTab();
      run(paragraph, row[1]);
    }
    blank(doc);
  }

  /** A Table Grid table; the first row is a bold, shaded header row. */
  private static XWPFTable table(XWPFDocument doc, int[] widths, List<String[]> rows) {
    XWPFTable table = doc.createTable(rows.size(), widths.length);
    table.setStyleID("TableGrid");
    // POI's default borders have no width; give them Word's Table Grid look (1/2 pt, auto color).
    table.setTopBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto");
    table.setBottomBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto");
    table.setLeftBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto");
    table.setRightBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto");
    table.setInsideHBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto");
    table.setInsideVBorder(XWPFTable.XWPFBorderType.SINGLE, 4, 0, "auto");
    table.setWidthType(TableWidthType.DXA);
    table.setWidth(Integer.toString(TEXT_WIDTH));
    // POI writes no <w:tblGrid>; Word and LibreOffice size the columns from it.
    CTTblGrid grid = table.getCTTbl().addNewTblGrid();
    for (int width : widths) {
      grid.addNewGridCol().setW(BigInteger.valueOf(width));
    }
    for (int r = 0; r < rows.size(); r++) {
      XWPFTableRow row = table.getRow(r);
      for (int c = 0; c < widths.length; c++) {
        XWPFTableCell cell = row.getCell(c);
        cell.setWidthType(TableWidthType.DXA);
        cell.setWidth(Integer.toString(widths[c]));
        XWPFParagraph paragraph = cell.getParagraphs().get(0);
        String text = rows.get(r)[c];
        if (!text.isEmpty()) {
          XWPFRun run = run(paragraph, text);
          if (r == 0) {
            run.setBold(true);
          }
        }
        if (r == 0) {
          cell.setColor("D9E2F3");
        }
      }
    }
    return table;
  }

  /** "Very truly yours," then the firm, then the partner, with room for two signatures. */
  private static void closing(XWPFDocument doc, String partner) {
    // Kept on one page: the PDF signer looks for the partner's name after "Very truly yours,".
    for (String text : List.of("Very truly yours,", "", FIRM, "", "", "")) {
      line(doc, text).setKeepNext(true);
    }
    line(doc, partner);
    blank(doc);
    blank(doc);
  }

  /** "ACCEPTED AND AGREED:" with a signature and date line for each signer. */
  private static void acceptance(XWPFDocument doc, String statement, String... signers) {
    XWPFParagraph accepted = line(doc, "ACCEPTED AND AGREED:");
    accepted.getRuns().get(0).setBold(true);
    accepted.setKeepNext(true);
    line(doc, statement).setKeepNext(true);
    for (String signer : signers) {
      blank(doc);
      blank(doc);
      XWPFParagraph signature = line(doc, "______________________________");
      tabStop(signature, STTabJc.LEFT, DATE_TAB);
      signature.setKeepNext(true);
      run(signature, "").addTab();
      run(signature, "Date: ____________________");
      line(doc, signer);
    }
  }

  private static XWPFRun run(XWPFParagraph paragraph, String text) {
    XWPFRun run = paragraph.createRun();
    if (!text.isEmpty()) {
      run.setText(text);
    }
    return run;
  }

  private static void tabStop(XWPFParagraph paragraph, STTabJc.Enum alignment, int position) {
    CTP p = paragraph.getCTP();
    CTPPr ppr = p.isSetPPr() ? p.getPPr() : p.addNewPPr();
    CTTabs tabs = ppr.isSetTabs() ? ppr.getTabs() : ppr.addNewTabs();
    CTTabStop stop = tabs.addNewTab();
    stop.setVal(alignment);
    stop.setPos(BigInteger.valueOf(position));
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  private static void write(Path folder, String name, XWPFDocument doc) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (doc) {
      doc.write(bytes);
    }
    Path file = folder.resolve(name);
    try (OutputStream out = Files.newOutputStream(file)) {
      fixZipTimes(bytes.toByteArray(), out);
    }
    System.out.println("wrote " + file + " (" + Files.size(file) + " bytes)");
  }

  /**
   * Copies a zip, entry by entry in the same order, giving every entry the same timestamp. Without
   * this, POI stamps each entry with the current time (unless SOURCE_DATE_EPOCH is set), and every
   * run of this program would change the committed files.
   */
  private static void fixZipTimes(byte[] zip, OutputStream out) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
        ZipOutputStream copy = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      copy.setLevel(9);
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        ZipEntry fixed = new ZipEntry(entry.getName());
        fixed.setTimeLocal(ZIP_TIME);
        copy.putNextEntry(fixed);
        in.transferTo(copy);
        copy.closeEntry();
      }
    }
  }

  /**
   * The owner file Word keeps next to an open document: the user name's length in one byte, the
   * name in an 8-bit code page padded with zero bytes to offset 54, the length again as a 16-bit
   * little-endian number, the name in UTF-16LE, and zero bytes up to 162 bytes in all.
   */
  static byte[] wordLockFile(String owner) {
    byte[] lock = new byte[162];
    lock[0] = (byte) owner.length();
    byte[] ascii = owner.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(ascii, 0, lock, 1, ascii.length);
    lock[54] = (byte) owner.length();
    lock[55] = 0;
    byte[] utf16 = owner.getBytes(StandardCharsets.UTF_16LE);
    System.arraycopy(utf16, 0, lock, 56, utf16.length);
    return lock;
  }
}
