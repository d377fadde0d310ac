package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.cache.CachedResults;
import dev.engagement.core.internal.cache.JobCache;
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
import java.util.Comparator;
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

  /** Returns a new builder. */
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

  @Override
  public String errorTitle() {
    return "PDF Printer Error";
  }

  @Override
  public String startMessage() {
    return "Printing documents to PDF";
  }

  @Override
  public String completeMessage(BatchSummary s) {
    return String.format(
        Locale.ROOT,
        "Printed %d of %d file%s to PDF: %d skipped, %d failed.",
        s.success(),
        s.total(),
        s.total() == 1 ? "" : "s",
        s.skipped(),
        s.failed());
  }

  /** Lock files and every file that is not {@code .docx} are skipped. */
  @Override
  public Optional<String> skipReason(Letter letter) {
    return Rollover.skipByName(letter.fileName(), false);
  }

  /** Prints one file into {@code outputDir}. */
  public FileResult print(Path input, Path outputDir) {
    Letter letter = Letter.of(input);
    Optional<String> skip = skipReason(letter);
    return skip.isPresent()
        ? FileResult.skipped(PROCESS, letter, skip.get())
        : process(letter, outputDir);
  }

  @Override
  public FileResult process(Letter letter, Path outputDir) {
    requireNonNull(letter, "letter");
    requireNonNull(outputDir, "outputDir");
    return Jobs.guarded(PROCESS, letter, "print", () -> cachedOrPrinted(letter, outputDir));
  }

  private FileResult cachedOrPrinted(Letter letter, Path outputDir) {
    String key = null;
    if (cache != ResultCache.NONE) {
      key = CachedResults.key(
          Jobs.readInput(letter, limits), letter.fileName(), "pdf/1/" + acceptTrackedChanges + "/" + limits);
      Optional<FileResult> hit =
          Jobs.fromCache(cache, key, PROCESS, letter, outputDir, pdfName(letter.fileName()));
      if (hit.isPresent()) {
        return hit.get();
      }
    }
    long start = System.nanoTime();
    Path output = printOrFail(letter, outputDir, key);
    logger.debug("{}: printed to {} in {} ms", letter.relativePath(), output, (System.nanoTime() - start) / 1_000_000);
    return FileResult.builder(PROCESS, letter, Status.SUCCESS).output(output).build();
  }

  private Path printOrFail(Letter letter, Path outputDir, @Nullable String cacheKey) {
    String name = letter.relativePath();
    if (!OptionalJars.PDFBOX.present()) {
      throw new DocumentProcessingException(
          "Could not print the letter",
          name,
          Stage.CONVERT,
          OptionalJars.PDFBOX.missing("Checking each PDF before it is placed needs PDFBox"),
          null);
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("engagement-print-");
      Path copy = work.resolve("letter.docx");
      try (DocxPackage pkg = DocxPackage.open(letter.file(), name, limits)) {
        Map<String, Integer> revisions = Revisions.count(pkg, name, limits);
        if (revisions.isEmpty()) {
          Files.copy(letter.file(), copy);
        } else if (acceptTrackedChanges) {
          pkg.write(copy, RevisionAcceptor.accept(pkg, name, limits));
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
      Path pdf = work.resolve("letter.pdf");
      try {
        converter.convert(copy, pdf);
        check(pdf);
      } catch (PdfConversionException e) {
        throw new DocumentProcessingException(
            "Could not print the letter", name, Stage.CONVERT, e.getMessage(), e);
      }
      if (cacheKey != null) {
        FileResult stored = FileResult.builder(PROCESS, letter, Status.SUCCESS).build();
        JobCache.store(
            cache, cacheKey, CachedResults.encode(stored, pdfName(letter.fileName()), Files.readAllBytes(pdf)), name);
      }
      return Jobs.place(letter, outputDir, pdfName(letter.fileName()), target -> Files.move(pdf, target));
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not read the letter", name, Stage.READ, "the file cannot be read (" + e + ")", e);
    } finally {
      deleteQuietly(work);
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

  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      logger.debug("Could not delete {}", dir, e);
    }
  }

  /** Builds a {@link PdfPrint}. Not thread-safe. */
  public static final class Builder {
    private @Nullable PdfConverter converter;
    private boolean acceptTrackedChanges;
    private DocumentLimits limits = DocumentLimits.ofDefaults();
    private ResultCache cache = ResultCache.NONE;

    private Builder() {}

    /** Sets the result cache ({@link ResultCache#NONE} by default): a letter printed before is written from it. */
    public Builder resultCache(ResultCache cache) {
      this.cache = requireNonNull(cache, "cache");
      return this;
    }

    /** Sets the converter (required), e.g. a {@link LibreOfficeConverter}. */
    public Builder converter(PdfConverter converter) {
      this.converter = requireNonNull(converter, "converter");
      return this;
    }

    /** Accepts every tracked change before converting, instead of refusing the letter. */
    public Builder acceptTrackedChanges(boolean accept) {
      this.acceptTrackedChanges = accept;
      return this;
    }

    /** Sets the bounds on what is read from one document. */
    public Builder limits(DocumentLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /** Returns the job. */
    public PdfPrint build() {
      return new PdfPrint(this);
    }
  }
}
