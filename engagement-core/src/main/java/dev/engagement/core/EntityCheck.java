package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import dev.engagement.core.internal.docx.DocxPackage;
import dev.engagement.core.internal.docx.LetterText;
import dev.engagement.core.internal.docx.StoryPart;
import dev.engagement.core.internal.docx.StoryText;
import dev.engagement.core.internal.entities.EntityExtractor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dev.engagement.core.spi.ResultCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each letter's client address and its "Name of Entity / Type of Return" rows, so staff can
 * check that every client's letter names the right entities. Nothing is written: each result
 * carries a {@link LetterEntities} ({@code result.detail(LetterEntities.class)}).
 *
 * <pre>{@code
 * FileResult r = EntityCheck.ofDefaults().check(Path.of("Smith 2024 Engagement Letter.docx"));
 * LetterEntities found = r.detail(LetterEntities.class).orElseThrow();
 * }</pre>
 *
 * <p>The same skip rules and status model as {@link Rollover}: {@code success} (even when no
 * address or no entity list was found: the message says so), {@code skipped}, {@code failed}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class EntityCheck implements Job {
  /** The process name of entity-check events. */
  public static final String PROCESS = "entityChecker";

  private static final Logger logger = LoggerFactory.getLogger(EntityCheck.class);

  private static final JobWording WORDING =
      JobWording.of(
          "Entity Check Error",
          "Checking entities...",
          s ->
              String.format(
                      Locale.ROOT,
                      "Checked %d file%s: %d read, %d skipped, %d failed.",
                      s.done(),
                      Words.plural(s.done()),
                      s.success() + s.unchanged(),
                      s.skipped(),
                      s.failed())
                  + Words.stopped(s));

  private final DocumentLimits limits;
  private final ResultCache cache;

  private EntityCheck(Builder b) {
    this.limits = b.limits;
    this.cache = b.cache;
  }

  /**
   * Returns an entity check with the default limits and no result cache.
   *
   * @return the entity check
   */
  public static EntityCheck ofDefaults() {
    return builder().build();
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
    return "entities";
  }

  /** The original app's words: "Entity Check Error", "Checking entities..."... */
  @Override
  public JobWording wording() {
    return WORDING;
  }

  /** Returns {@code false}: the entity check writes nothing and runs without an output folder. */
  @Override
  public boolean writesOutput() {
    return false;
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
    return "entities/1/" + limits;
  }

  @Override
  public Optional<String> skipReason(Letter letter) {
    return Rollover.skipByName(letter.fileName(), true);
  }

  /**
   * Checks one file, the way a batch of one would.
   *
   * @param input the letter; it is only read
   * @return the result; a problem with the letter is a failed result, not an exception
   */
  public FileResult check(Path input) {
    requireNonNull(input, "input");
    return Batch.one(this, Letter.of(input), null);
  }

  /**
   * Reads a letter's address and entity rows; the result carries them as its detail.
   *
   * @throws DocumentProcessingException if the letter cannot be read (not a {@code .docx},
   *     damaged, or beyond the {@linkplain #limits() limits})
   */
  @Override
  public Outcome process(Letter letter, byte[] content, JobContext context) {
    String name = letter.relativePath();
    try (DocxPackage pkg = DocxPackage.open(content, name, limits)) {
      List<StoryText> stories =
          LetterText.read(
              pkg,
              name,
              EnumSet.of(StoryPart.Kind.BODY, StoryPart.Kind.HEADER, StoryPart.Kind.FOOTER),
              limits);
      StoryText body = stories.get(0);
      LetterEntities found = EntityExtractor.extract(body, stories.subList(1, stories.size()));
      List<String> missing = new ArrayList<>();
      if (found.address() == null) {
        missing.add("no client address found");
      }
      if (found.entities().isEmpty()) {
        missing.add("no \"Name of Entity / Type of Return\" rows found");
      }
      logger.debug(
          "{}: address {}, {} entities", name, found.address() != null, found.entities().size());
      return Outcome.of(
          FileResult.builder(PROCESS, letter, Status.SUCCESS)
              .message(missing.isEmpty() ? null : String.join("; ", missing))
              .notes(pkg.notes())
              .detail(found)
              .build());
    } catch (IOException e) {
      throw new DocumentProcessingException(
          "Could not read the letter",
          name,
          DocumentProcessingException.Stage.READ,
          "the file cannot be read (" + e + ")",
          e);
    }
  }

  /** Builds an {@link EntityCheck}. Not thread-safe. */
  public static final class Builder {
    private DocumentLimits limits = DocumentLimits.ofDefaults();
    private ResultCache cache = ResultCache.NONE;

    private Builder() {}

    /**
     * Sets the result cache ({@link ResultCache#NONE} by default): a letter checked before is not
     * checked again: its result comes from the cache, marked {@link FileResult#cached()}.
     *
     * @param cache the cache, e.g. one made by {@code engagement-cache}
     * @return this builder
     */
    public Builder resultCache(ResultCache cache) {
      this.cache = requireNonNull(cache, "cache");
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
     * Returns the entity check; the builder can go on to build others.
     *
     * @return the entity check
     */
    public EntityCheck build() {
      return new EntityCheck(this);
    }
  }
}
