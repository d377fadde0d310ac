package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.cache.CachedResults;
import dev.engagement.core.internal.pdf.OptionalJars;
import dev.engagement.core.internal.pdf.PdfSigner;
import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.spi.SignatureSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stamps each partner's signature on the letters' PDFs: finds the closing ("Very truly yours,",
 * "Sincerely,", "Respectfully,"; configurable), takes the first following line that names a
 * known partner (credentials such as ", CPA" ignored), and draws that partner's signature 20 pt
 * tall, 1.25 in from the left of the page's crop box, just above the name. The partners are those
 * with a signature file plus the partners named in the settings.
 *
 * <p>No closing, no known partner, or no signature file: the letter fails with a message naming
 * what is missing, and nothing is written. The signed PDF keeps the input's name in the output
 * folder ({@code name (2).pdf} if taken) and records the signer, so a signed PDF is not signed
 * twice. The input is only read.
 *
 * <p>PDFBox ({@code org.apache.pdfbox:pdfbox}) is an optional dependency of {@code
 * engagement-core}: add it to sign. Without it, every letter fails with a message naming the
 * dependency to add (building the job works, as it loads none of PDFBox's classes).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PdfSign implements Job {
  /** The process name of PDF signature events. */
  public static final String PROCESS = "pdfSignatures";

  /** The closings looked for by default. */
  public static final List<String> DEFAULT_CLOSINGS =
      List.of("Very truly yours,", "Sincerely,", "Sincerely yours,", "Respectfully,", "Respectfully yours,", "Yours truly,");

  /** The document information key that records who signed. */
  public static final String SIGNED_BY = "EngagementSignedBy";

  private static final Logger logger = LoggerFactory.getLogger(PdfSign.class);
  private static final JobWording WORDING =
      JobWording.of(
          "PDF Signatures Error",
          "Adding signatures to PDF documents",
          s ->
              String.format(
                      Locale.ROOT,
                      "Signed %d of %d file%s: %d skipped, %d failed.",
                      s.success(),
                      s.done(),
                      Words.plural(s.done()),
                      s.skipped(),
                      s.failed())
                  + Words.stopped(s));

  private final SignatureSource signatures;
  private final List<String> closings;
  private final List<String> partners;
  private final ResultCache cache;
  private final String cacheJob;
  private final DocumentLimits limits;

  private PdfSign(Builder b) {
    this.signatures = b.signatures;
    this.closings = List.copyOf(b.closings);
    this.cache = b.cache;
    this.limits = b.limits;
    Set<String> partners = new LinkedHashSet<>(signatures.partners());
    for (PartnerRate p : b.settings.compliancePartnerRates()) {
      partners.add(p.name());
    }
    for (PartnerRate p : b.settings.consultingPartnerRates()) {
      partners.add(p.name());
    }
    partners.addAll(b.partners);
    this.partners = List.copyOf(partners);
    this.cacheJob = cache == ResultCache.NONE ? "" : cacheJob(partners);
  }

  /** The job and what changes its result: closings, partners and their signature files. */
  private String cacheJob(Set<String> partners) {
    List<String> parts = new ArrayList<>(closings);
    parts.add("|");
    for (String p : partners) {
      parts.add(p);
      signatures.find(p).ifPresent(s -> {
        try {
          parts.add(s.file().getFileName() + ":" + Files.size(s.file()) + ":"
              + Files.getLastModifiedTime(s.file()).toMillis());
        } catch (IOException e) {
          parts.add(s.file().toString());
        }
      });
    }
    return "sign/1/" + CachedResults.fingerprint(parts.toArray(new String[0]));
  }

  /**
   * Returns a new builder, holding the defaults.
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
    return "sign";
  }

  /** The original app's words: "PDF Signatures Error", "Adding signatures to PDF documents"... */
  @Override
  public JobWording wording() {
    return WORDING;
  }

  /** Returns the limits; only the file size applies to PDFs. */
  @Override
  public DocumentLimits limits() {
    return limits;
  }

  @Override
  public ResultCache resultCache() {
    return cache;
  }

  /** Returns the job and what changes its result: closings, partners and their signature files. */
  @Override
  public String cacheIdentity() {
    return cacheJob;
  }

  /** Word lock files and every file that is not a {@code .pdf} are skipped. */
  @Override
  public Optional<String> skipReason(Letter letter) {
    String name = letter.fileName();
    if (name.startsWith("~")) {
      return Optional.of("a lock file (its name starts with ~), not a letter");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".pdf")) {
      int dot = lower.lastIndexOf('.');
      return Optional.of("not a .pdf file" + (dot < 0 ? " (no extension)" : " (" + lower.substring(dot) + ")"));
    }
    return Optional.empty();
  }

  /**
   * Signs one file into {@code outputDir}, the way a batch of one would.
   *
   * @param input the PDF; it is only read
   * @param outputDir where the signed PDF goes (created if needed)
   * @return the result; a problem with the letter is a failed result, not an exception
   */
  public FileResult sign(Path input, Path outputDir) {
    requireNonNull(input, "input");
    requireNonNull(outputDir, "outputDir");
    return Batch.one(this, Letter.of(input), outputDir);
  }

  /**
   * Stamps the signature, saves the PDF to a temporary file, reads it back, returns it.
   *
   * @throws DocumentProcessingException if PDFBox is missing, the PDF cannot be opened, or it
   *     cannot be signed (protected, already signed, no closing, no known partner after it, no
   *     signature file for that partner, a rotated page, a signature that cannot be used); the
   *     message says which
   */
  @Override
  public Outcome process(Letter letter, byte[] content, JobContext context) {
    String name = letter.relativePath();
    if (!OptionalJars.PDFBOX.present()) {
      throw fail(name, OptionalJars.PDFBOX.missing("PDF signatures need PDFBox"));
    }
    try {
      Path work = context.createTempFile(".pdf");
      PdfSigner.Signed match;
      try {
        match = new PdfSigner(closings, partners, signatures).sign(content, work);
      } catch (PdfSigner.Refused e) {
        if (e.unreadable()) {
          throw new DocumentProcessingException("Could not open the PDF", name, Stage.OPEN, e.getMessage(), e);
        }
        throw new DocumentProcessingException("Could not sign the letter", name, Stage.SIGN, e.getMessage(), e);
      }
      List<String> notes = List.of("signed by " + match.partner() + " on page " + (match.page() + 1));
      logger.debug("{}: signed by {} on page {}", name, match.partner(), match.page() + 1);
      return Outcome.move(FileResult.builder(PROCESS, letter, Status.SUCCESS).notes(notes).build(), letter.fileName(), work);
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not sign the letter", name, Stage.SIGN, "the PDF cannot be read or written (" + e.getMessage() + ")", e);
    }
  }

  private static DocumentProcessingException fail(String name, @Nullable String reason) {
    return new DocumentProcessingException("Could not sign the letter", name, Stage.SIGN, String.valueOf(reason), null);
  }

  /** Builds a {@link PdfSign}. Not thread-safe. */
  public static final class Builder {
    private SignatureSource signatures = SignatureSource.folder(Path.of("images", "signatures"));
    private List<String> closings = DEFAULT_CLOSINGS;
    private Settings settings = Settings.ofDefaults();
    private final List<String> partners = new ArrayList<>();
    private ResultCache cache = ResultCache.NONE;
    private DocumentLimits limits = DocumentLimits.ofDefaults();

    private Builder() {}

    /**
     * Sets the bounds on the files read ({@link DocumentLimits#ofDefaults()} by default); only the
     * file size applies to PDFs.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(DocumentLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the result cache ({@link ResultCache#NONE} by default): a PDF signed before is not
     * signed again: the signed PDF is written from the cache and its result is marked {@link
     * FileResult#cached()}. A change of closings, partners or signature files makes new keys.
     *
     * @param cache the cache, e.g. one made by {@code engagement-cache}
     * @return this builder
     */
    public Builder resultCache(ResultCache cache) {
      this.cache = requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Sets where signatures come from (default: the folder {@code images/signatures} of the
     * working directory, listed when the builder is created).
     *
     * @param signatures the signatures, e.g. {@code SignatureSource.folder(Path.of("signatures"))}
     * @return this builder
     */
    public Builder signatures(SignatureSource signatures) {
      this.signatures = requireNonNull(signatures, "signatures");
      return this;
    }

    /**
     * Sets the closings looked for (default {@link #DEFAULT_CLOSINGS}); the signature goes above
     * the first partner's name after one of them.
     *
     * @param closings the closings as letters write them, e.g. {@code Very truly yours,}
     * @return this builder
     * @throws IllegalArgumentException if {@code closings} is empty
     */
    public Builder closings(List<String> closings) {
      if (closings.isEmpty()) {
        throw new IllegalArgumentException("closings must not be empty");
      }
      this.closings = List.copyOf(closings);
      return this;
    }

    /**
     * Sets the settings whose partner names are known partners ({@link Settings#ofDefaults()} by
     * default, which name none: the known partners are then those with a signature file and
     * those added with {@link #partners(List)}).
     *
     * @param settings the settings
     * @return this builder
     */
    public Builder settings(Settings settings) {
      this.settings = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Adds known partners' names, beside those with a signature file and those of the settings. A
     * known partner without a signature file fails the letters they close, naming the file
     * expected.
     *
     * @param names the partners' names as letters write them, e.g. {@code Mike Taylor}
     * @return this builder
     */
    public Builder partners(List<String> names) {
      partners.addAll(names);
      return this;
    }

    /**
     * Returns the job.
     *
     * @return the job
     */
    public PdfSign build() {
      return new PdfSign(this);
    }
  }
}
