package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.DocumentProcessingException.Stage;
import dev.engagement.core.internal.cache.CachedResults;
import dev.engagement.core.internal.docx.DocxPackage;
import dev.engagement.core.internal.docx.StoryPart;
import dev.engagement.core.internal.docx.StoryText;
import dev.engagement.core.internal.docx.LetterText;
import dev.engagement.core.internal.rollover.FileNamer;
import dev.engagement.core.internal.rollover.RolloverEngine;
import dev.engagement.core.spi.ResultCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls engagement letters forward a year: years within the letter's window (or all years) plus
 * one in every story part, fee sentences rewritten from the {@link Settings}, and the new file
 * name. Only the characters that change are touched: runs and their formatting, and every part
 * other than the changed story parts, stay byte for byte as they were.
 *
 * <p>Fee sentences are only rewritten with rates the settings hold, and only when they name the
 * settings' partners (in any order; case, spacing, curly apostrophes, middle initials and
 * credentials such as ", CPA" do not count): the names stay as written and the amounts change. A
 * sentence that names other partners is left as it is and the result's notes name both lists,
 * unless {@link Builder#replacePartners(boolean) replacePartners(true)} asks for the settings'
 * partner list to be written instead. The defaults ({@link Settings#ofDefaults()}) hold no rates,
 * so without settings every fee sentence is left as it is, with a note.
 *
 * <pre>{@code
 * Rollover rollover = Rollover.builder().settings(Settings.load(Path.of("user-config.json"))).build();
 * FileResult r = rollover.roll(Path.of("Smith 2024 Engagement Letter.docx"), Path.of("temp/complete"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Rollover implements Job {
  /** The process name of rollover events. */
  public static final String PROCESS = "processEngagementLetters";

  private static final Logger logger = LoggerFactory.getLogger(Rollover.class);

  private final Settings settings;
  private final YearPolicy years;
  private final boolean dryRun;
  private final boolean replacePartners;
  private final DocumentLimits limits;
  private final ResultCache cache;
  private final RolloverEngine engine;
  private final String cacheJob;
  private final JobWording wording;

  private Rollover(Builder b) {
    this.settings = b.settings;
    this.years = b.years;
    this.dryRun = b.dryRun;
    this.replacePartners = b.replacePartners;
    this.limits = b.limits;
    this.cache = b.cache;
    this.engine = new RolloverEngine(settings, years == YearPolicy.ALL, replacePartners);
    // a SHA-256 over the options, only for a rollover that has a cache (start-up counts)
    this.cacheJob = cache == ResultCache.NONE ? "rollover" : cacheJob(settings, years, replacePartners, limits);
    String verb = dryRun ? "Checked (dry run)" : "Processed";
    this.wording =
        JobWording.of(
            "Letter Processing Error", "Processing engagement letters!", s -> Words.counts(verb, s, "rolled"));
  }

  /** The job's name and every option that changes its result, for cache keys. */
  private static String cacheJob(
      Settings s, YearPolicy years, boolean replacePartners, DocumentLimits limits) {
    StringBuilder rates = new StringBuilder();
    for (PartnerRate p : s.compliancePartnerRates()) {
      rates.append(p.asWritten()).append('\n');
    }
    rates.append('|');
    for (PartnerRate p : s.consultingPartnerRates()) {
      rates.append(p.asWritten()).append('\n');
    }
    // 2: fee sentences that name other partners are left alone (with the settings' source in the note)
    return "rollover/2/"
        + years
        + "/"
        + (replacePartners ? "replace-partners/" : "")
        + CachedResults.fingerprint(
            rates.toString(),
            s.complianceAssociateRates().orElse(""),
            s.complianceBookkeepingRates().orElse(""),
            s.consultingAssociateRates().orElse(""),
            s.source(),
            limits.toString());
  }

  /**
   * Returns a rollover with the built-in defaults, the year window, writing outputs. The
   * defaults hold no firm's partners or rates: years roll, fee sentences are left as they are
   * (each with a note). Give your firm's settings with {@code builder().settings(...)}.
   *
   * @return the rollover
   */
  public static Rollover ofDefaults() {
    return builder().build();
  }

  /**
   * Returns a new builder, holding the defaults of {@link #ofDefaults()}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this rollover's configuration, to make a variant (a dry run of
   * the same settings, say); this rollover is unchanged.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    return new Builder()
        .settings(settings)
        .years(years)
        .dryRun(dryRun)
        .replacePartners(replacePartners)
        .limits(limits)
        .resultCache(cache);
  }

  /**
   * Returns the settings whose partners and rates fee sentences get.
   *
   * @return the settings
   */
  public Settings settings() {
    return settings;
  }

  /**
   * Returns which years are rolled.
   *
   * @return the year policy
   */
  public YearPolicy years() {
    return years;
  }

  /**
   * Returns whether this is a dry run: everything is computed and reported, nothing is written.
   *
   * @return true for a dry run
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Returns whether fee sentences that name other partners than the settings get the settings'
   * partner list (instead of being left alone with a note).
   *
   * @return the option
   */
  public boolean replacePartners() {
    return replacePartners;
  }

  @Override
  public String processName() {
    return PROCESS;
  }

  @Override
  public String reportName() {
    return "rollover";
  }

  /** The original app's words: "Letter Processing Error", "Processing engagement letters!"... */
  @Override
  public JobWording wording() {
    return wording;
  }

  @Override
  public DocumentLimits limits() {
    return limits;
  }

  /** Returns the result cache; a dry run uses none. */
  @Override
  public ResultCache resultCache() {
    return dryRun ? ResultCache.NONE : cache;
  }

  @Override
  public String cacheIdentity() {
    return cacheJob;
  }

  @Override
  public Optional<String> skipReason(Letter letter) {
    return skipByName(letter.fileName(), true);
  }

  /**
   * Returns why a file name is not processed by the .docx jobs: Word lock files, other file
   * types, and (if {@code doNotRoll}) names containing "DO NOT ROLL" in any case.
   */
  static Optional<String> skipByName(String name, boolean doNotRoll) {
    if (name.startsWith("~")) {
      return Optional.of("a Word lock file (its name starts with ~), not a letter");
    }
    if (doNotRoll && name.toUpperCase(Locale.ROOT).contains("DO NOT ROLL")) {
      return Optional.of("its name says DO NOT ROLL");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".docx")) {
      return Optional.empty();
    }
    int dot = lower.lastIndexOf('.');
    String ext = dot < 0 ? "" : lower.substring(dot);
    switch (ext) {
      case ".doc":
        return Optional.of(
            "a Word 97-2003 document (.doc): open it in Word and save it as .docx to include it");
      case ".docm":
        return Optional.of("a macro-enabled document (.docm); only .docx files are processed");
      case ".dotx":
      case ".dotm":
        return Optional.of("a Word template (" + ext + "); only .docx files are processed");
      case "":
        return Optional.of("not a .docx file (no extension)");
      default:
        return Optional.of("not a .docx file (" + ext + ")");
    }
  }

  /**
   * Rolls one file, the way a batch of one would (the same reading, cache, placing and result).
   *
   * @param input the letter; it is only read
   * @param outputDir where the rolled letter goes (created if needed)
   * @return the result; a problem with the letter is a failed result, not an exception
   */
  public FileResult roll(Path input, Path outputDir) {
    requireNonNull(input, "input");
    requireNonNull(outputDir, "outputDir");
    return Batch.one(this, Letter.of(input), outputDir);
  }

  /**
   * Rolls one letter's bytes: the rolled letter to write as its new name, or (nothing to roll)
   * an unchanged result; in a dry run, a preview of the name a real run would give it.
   *
   * @throws DocumentProcessingException if the letter cannot be read (not a {@code .docx},
   *     damaged, or beyond the {@linkplain #limits() limits}) or the rolled letter cannot be
   *     assembled
   */
  @Override
  public Outcome process(Letter letter, byte[] content, JobContext context) {
    String name = letter.relativePath();
    try (DocxPackage pkg = DocxPackage.open(content, name, limits)) {
      List<StoryText> stories =
          LetterText.read(pkg, name, EnumSet.allOf(StoryPart.Kind.class), limits);
      RolloverEngine.Outcome outcome = engine.run(letter.fileName(), stories);
      List<String> notes = new ArrayList<>(pkg.notes());
      notes.addAll(outcome.notes());
      logger.debug(
          "{}: {} paragraph(s) changed, {} year(s) left alone",
          name,
          outcome.changes().size(),
          outcome.yearsLeftAlone().size());
      if (outcome.newParts().isEmpty()) {
        String why =
            outcome.letterYear() == null && years == YearPolicy.WINDOW
                ? "nothing to roll: no year found in the name or the text"
                : "nothing to roll: no year in the letter's window and no fee sentence to update";
        return Outcome.of(
            FileResult.builder(PROCESS, letter, Status.UNCHANGED)
                .message(why)
                .changes(outcome.changes())
                .yearsLeftAlone(outcome.yearsLeftAlone())
                .notes(notes)
                .build());
      }
      Map<String, byte[]> parts = new LinkedHashMap<>();
      for (StoryText story : stories) {
        String text = outcome.newParts().get(story.part().name());
        if (text != null) {
          parts.put(story.part().name(), story.part().encode(text));
        }
      }
      FileResult result =
          FileResult.builder(PROCESS, letter, Status.SUCCESS)
              .changes(outcome.changes())
              .yearsLeftAlone(outcome.yearsLeftAlone())
              .notes(notes)
              .build();
      byte[] bytes;
      try {
        bytes = pkg.toBytes(parts);
      } catch (IOException e) {
        throw new DocumentProcessingException(
            "Could not write the rolled letter", name, Stage.WRITE, "it cannot be assembled (" + e + ")", e);
      }
      String outputName = FileNamer.rolledName(letter.fileName());
      return dryRun ? Outcome.preview(result, outputName, bytes) : Outcome.write(result, outputName, bytes);
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not read the letter", name, Stage.READ, "the file cannot be read (" + e + ")", e);
    }
  }

  /** Builds a {@link Rollover}. Not thread-safe. */
  public static final class Builder {
    private Settings settings = Settings.ofDefaults();
    private YearPolicy years = YearPolicy.WINDOW;
    private boolean dryRun;
    private boolean replacePartners;
    private DocumentLimits limits = DocumentLimits.ofDefaults();
    private ResultCache cache = ResultCache.NONE;

    private Builder() {}

    /**
     * Sets the result cache ({@link ResultCache#NONE} by default): a letter seen before is not
     * rolled again, its output is written from the cache and its result says {@code cached}.
     * Dry runs do not use it.
     *
     * @param cache the cache, e.g. one made by {@code engagement-cache}
     * @return this builder
     */
    public Builder resultCache(ResultCache cache) {
      this.cache = requireNonNull(cache, "cache");
      return this;
    }

    /**
     * Sets the settings: the partners and rates of fee sentences, among others ({@link
     * Settings#ofDefaults()} by default, which hold no firm's rates).
     *
     * @param settings the settings, e.g. {@code Settings.load(Path.of("user-config.json"))}
     * @return this builder
     */
    public Builder settings(Settings settings) {
      this.settings = requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Sets which years roll ({@link YearPolicy#WINDOW} by default).
     *
     * @param years the year policy
     * @return this builder
     */
    public Builder years(YearPolicy years) {
      this.years = requireNonNull(years, "years");
      return this;
    }

    /**
     * Sets a dry run ({@code false} by default): everything is computed and reported, nothing is
     * written, and each result names the file a real run would write.
     *
     * @param dryRun true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /**
     * Sets whether a fee sentence that names other partners than the settings gets the
     * settings' partner list and rates ({@code false} by default: it is left as it is, and the
     * result's notes name both lists). A sentence that names the settings' partners gets their
     * new rates either way.
     *
     * @param replacePartners whether to replace the partner list
     * @return this builder
     */
    public Builder replacePartners(boolean replacePartners) {
      this.replacePartners = replacePartners;
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
     * Returns the rollover; the builder can go on to build others.
     *
     * @return the rollover
     */
    public Rollover build() {
      return new Rollover(this);
    }
  }
}
