package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.docx.DocxPackage;
import dev.engagement.core.internal.pdf.OptionalJars;
import dev.engagement.core.internal.pdf.PdfCheck;
import dev.engagement.core.internal.pdf.RevisionAcceptor;
import dev.engagement.core.internal.pdf.Revisions;
import dev.engagement.core.spi.PdfConverter;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.spi.PdfConverter.PdfConversionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints letters to PDF: each {@code .docx} becomes its own name with {@code .pdf} in the output
 * folder ({@code name (2).pdf} if that exists). A letter with unaccepted tracked changes is
 * refused (its PDF would show the redlines) unless they are to be accepted first. Every PDF is
 * opened with PDFBox and must have pages before it is moved into place; a letter that fails leaves
 * nothing behind and the next goes on.
 *
 * <p>The letter is converted from a private copy (with its tracked changes accepted, if asked),
 * so the office suite never touches (or leaves a lock file beside) the input, and nothing is
 * written to the output folder before the PDF is known to be good.
 *
 * <p>The check needs PDFBox ({@code org.apache.pdfbox:pdfbox}), an optional dependency of {@code
 * engagement-core} like JODConverter: without it, every letter fails before it is converted,
 * with a message naming the dependency to add.
 *
 * <p>Immutable and thread-safe. The converter is owned by the caller (close it when done).
 *
 * @since 0.1
 */
public final class PdfPrint implements Job {
  /** The process name of PDF printing events. */
  public static final String PROCESS = "pdfPrinter";

  private static final Logger logger = LoggerFactory.getLogger(PdfPrint.class);
  private static final JobWording WORDING =
      JobWording.of(
          "PDF Printer Error",
          "Printing documents to PDF",
          s ->
              String.format(
                      Locale.ROOT,
                      "Printed %d of %d file%s to PDF: %d skipped, %d failed.",
                      s.success(),
                      s.done(),
                      Words.plural(s.done()),
                      s.skipped(),
                      s.failed())
                  + Words.stopped(s));

  private final PdfConverter converter;
  private final boolean acceptTrackedChanges;
  private final DocumentLimits limits;
  private final ResultCache cache;

  private PdfPrint(Builder b) {
    PdfConverter c = b.converter;
    if (c == null) {
      throw new IllegalStateException("a converter is required: PdfPrint.builder().converter(...)");
    }
    this.converter = c;
    this.acceptTrackedChanges = b.acceptTrackedChanges;
    this.limits = b.limits;
    this.cache = b.cache;
  }

  /**
   * Returns a new builder; a converter must be set before {@link Builder#build()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String processName() {
    return PROCESS;
  }

  @Override
  public String reportName() {
    return "pdf";
  }

  /** The original app's words: "PDF Printer Error", "Printing documents to PDF"... */
  @Override
  public JobWording wording() {
    return WORDING;
  }

  @Override
  public DocumentLimits limits() {
    return limits;
  }

  @Override
  public ResultCache resultCache() {
    return cache;
  }

  @Override
  public String cacheIdentity() {
    return "pdf/1/" + acceptTrackedChanges + "/" + limits;
  }

  /** Lock files and every file that is not {@code .docx} are skipped. */
  @Override
  public Optional<String> skipReason(Letter letter) {
    return Rollover.skipByName(letter.fileName(), false);
  }

  /**
   * Prints one file into {@code outputDir}, the way a batch of one would.
   *
   * @param input the letter; it is only read
   * @param outputDir where the PDF goes (created if needed)
   * @return the result; a problem with the letter is a failed result, not an exception
   */
  public FileResult print(Path input, Path outputDir) {
    requireNonNull(input, "input");
    requireNonNull(outputDir, "outputDir");
    return Batch.one(this, Letter.of(input), outputDir);
  }

  /**
   * Converts a private copy of the letter (its tracked changes accepted, if asked) in the
   * batch's work folder, checks the PDF and returns it to be moved into place.
   *
   * @throws DocumentProcessingException if PDFBox is missing, the letter cannot be read, it has
   *     unaccepted tracked changes and they are not to be accepted, or the converter fails or
   *     makes no readable PDF with pages
   */
  @Override
  public Outcome process(Letter letter, byte[] content, JobContext context) {
    String name = letter.relativePath();
    if (!OptionalJars.PDFBOX.present()) {
      throw new DocumentProcessingException(
          "Could not print the letter",
          name,
          Stage.CONVERT,
          OptionalJars.PDFBOX.missing("Checking each PDF before it is placed needs PDFBox"),
          null);
    }
    long start = System.nanoTime();
    try {
      Path copy = context.createTempFile(".docx");
      try (DocxPackage pkg = DocxPackage.open(content, name, limits)) {
        Map<String, Integer> revisions = Revisions.count(pkg, name, limits);
        if (revisions.isEmpty()) {
          Files.write(copy, content);
        } else if (acceptTrackedChanges) {
          Files.write(copy, pkg.toBytes(RevisionAcceptor.accept(pkg, name, limits)));
          logger.debug("{}: accepted {}", name, Revisions.describe(revisions));
        } else {
          throw new DocumentProcessingException(
              "Could not print the letter",
              name,
              Stage.CONVERT,
              "it has unaccepted tracked changes ("
                  + Revisions.describe(revisions)
                  + ") that the PDF would show: accept or reject them in Word, or print with"
                  + " tracked changes accepted (--accept-changes)",
              null);
        }
      }
      Path pdf = context.createTempFile(".pdf");
      // the converter creates the PDF: its absence afterwards means it made none
      Files.delete(pdf);
      try {
        converter.convert(copy, pdf);
        check(pdf);
      } catch (PdfConversionException e) {
        throw new DocumentProcessingException(
            "Could not print the letter", name, Stage.CONVERT, e.getMessage(), e);
      }
      logger.debug("{}: printed in {} ms", name, (System.nanoTime() - start) / 1_000_000);
      return Outcome.move(FileResult.builder(PROCESS, letter, Status.SUCCESS).build(), pdfName(letter.fileName()), pdf);
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not read the letter", name, Stage.READ, "the file cannot be read (" + e + ")", e);
    }
  }

  private static void check(Path pdf) {
    if (!Files.isRegularFile(pdf)) {
      throw new PdfConversionException("the converter produced no PDF", null);
    }
    int pages;
    try {
      pages = PdfCheck.pages(pdf);
    } catch (IOException e) {
      throw new PdfConversionException("the PDF produced cannot be read (" + e.getMessage() + ")", e);
    }
    if (pages < 1) {
      throw new PdfConversionException("the PDF produced has no pages", null);
    }
  }

  /** The letter's own name with {@code .pdf}: no year change. */
  static String pdfName(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return (dot > 0 ? fileName.substring(0, dot) : fileName) + ".pdf";
  }

  /** Builds a {@link PdfPrint}. Not thread-safe. */
  public static final class Builder {
    private @Nullable PdfConverter converter;
    private boolean acceptTrackedChanges;
    private DocumentLimits limits = DocumentLimits.ofDefaults();
    private ResultCache cache = ResultCache.NONE;

    private Builder() {}

    /**
     * Sets the result cache ({@link ResultCache#NONE} by default): a letter printed before is not
     * converted again: its PDF is written from the cache and its result is marked {@link
     * FileResult#cached()}.
     *
     * @param cache the cache, e.g. one made by {@code engagement-cache}
     * @return this builder
     */
    public Builder resultCache(ResultCache cache) {
      this.cache = requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Sets the converter (required). The job does not close it: its owner does.
     *
     * @param converter the converter, e.g. a {@link LibreOfficeConverter}
     * @return this builder
     */
    public Builder converter(PdfConverter converter) {
      this.converter = requireNonNull(converter, "converter");
      return this;
    }

    /**
     * Sets whether tracked changes are accepted before converting ({@code false} by default: a
     * letter with unaccepted tracked changes fails, as its PDF would show the redlines). The
     * input is never changed: the changes are accepted in a private copy.
     *
     * @param accept true to accept every tracked change in the PDF
     * @return this builder
     */
    public Builder acceptTrackedChanges(boolean accept) {
      this.acceptTrackedChanges = accept;
      return this;
    }

    /**
     * Sets the bounds on what is read from one document ({@link DocumentLimits#ofDefaults()} by
     * default); a letter beyond them fails.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(DocumentLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Returns the job.
     *
     * @return the job
     * @throws IllegalStateException if no converter was set
     */
    public PdfPrint build() {
      return new PdfPrint(this);
    }
  }
}
