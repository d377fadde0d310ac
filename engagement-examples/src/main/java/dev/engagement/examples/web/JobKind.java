package dev.engagement.examples.web;

import dev.engagement.core.EntityCheck;
import dev.engagement.core.PdfPrint;
import dev.engagement.core.PdfSign;
import dev.engagement.core.Rollover;
import org.jspecify.annotations.Nullable;

/** The four jobs of the web app: their pages, the original's upload routes and form fields. */
enum JobKind {
  ROLLOVER(
      "/",
      "/engagementLetters/document-rollover",
      "currentYearDirectory",
      Rollover.PROCESS,
      "rolled-letters.zip",
      ".docx",
      "Rollover",
      "Roll engagement letters forward to next year"),
  ENTITIES(
      "/entityChecker",
      "/entityChecker/check-entities",
      "entityCheckDirectory",
      EntityCheck.PROCESS,
      null,
      ".docx",
      "Entity Check",
      "Each letter's client address and the entities it covers"),
  PRINT(
      "/pdfPrinter",
      "/pdfPrinter/print-to-pdf",
      "pdfPrintDirectory",
      PdfPrint.PROCESS,
      "pdfs.zip",
      ".docx",
      "PDF Printer",
      "Print engagement letters to PDF"),
  SIGN(
      "/pdfSignatures",
      "/pdfSignatures/add-signatures",
      "pdfSignaturesDirectory",
      PdfSign.PROCESS,
      "signed-pdfs.zip",
      ".pdf",
      "PDF Signatures",
      "Stamp each partner's signature on the letters' PDFs");

  final String page;
  final String route;
  final String field;
  final String process;
  final @Nullable String zipName;
  final String accept;
  final String title;
  final String subtitle;

  JobKind(
      String page,
      String route,
      String field,
      String process,
      @Nullable String zipName,
      String accept,
      String title,
      String subtitle) {
    this.page = page;
    this.route = route;
    this.field = field;
    this.process = process;
    this.zipName = zipName;
    this.accept = accept;
    this.title = title;
    this.subtitle = subtitle;
  }

  static JobKind ofRoute(String path) {
    for (JobKind k : values()) {
      if (k.route.equals(path)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no job at " + path);
  }

  static JobKind ofPage(String path) {
    for (JobKind k : values()) {
      if (k.page.equals(path)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no page at " + path);
  }
}
