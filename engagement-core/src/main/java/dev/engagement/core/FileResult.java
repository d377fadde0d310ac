package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one file of a batch: its status, the output written (if any), a message for
 * people (why it failed or was skipped), the typed {@link Failure} of a failed file, the changes
 * made, the years left alone, and other notes.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class FileResult {
  private final String process;
  private final Letter letter;
  private final Status status;
  private final @Nullable Path output;
  private final @Nullable String outputName;
  private final boolean outputAlreadyThere;
  private final @Nullable String message;
  private final @Nullable Failure failure;
  private final List<Change> changes;
  private final List<YearNote> yearsLeftAlone;
  private final List<String> notes;
  private final boolean cached;
  private final @Nullable Object detail;

  private FileResult(Builder b) {
    this.process = requireNonNull(b.process, "process");
    this.letter = requireNonNull(b.letter, "letter");
    this.status = requireNonNull(b.status, "status");
    this.output = b.output;
    this.outputName = b.outputName;
    this.outputAlreadyThere = b.outputAlreadyThere;
    this.failure = b.failure;
    this.message = b.message != null || failure == null ? b.message : failure.message(letter.relativePath());
    this.changes = List.copyOf(b.changes);
    this.yearsLeftAlone = List.copyOf(b.yearsLeftAlone);
    this.notes = List.copyOf(b.notes);
    this.cached = b.cached;
    this.detail = b.detail;
    if (status == Status.FAILED && failure == null) {
      throw new IllegalArgumentException("a failed result needs a failure");
    }
    if (status != Status.FAILED && failure != null) {
      throw new IllegalArgumentException("a " + status.jsonName() + " result has no failure");
    }
    if (status == Status.SKIPPED && message == null) {
      throw new IllegalArgumentException("a skipped result needs a message");
    }
  }

  /**
   * Returns a new builder.
   *
   * @param process the job's process name
   * @param letter the file
   * @param status how it ended
   * @return the builder
   */
  public static Builder builder(String process, Letter letter, Status status) {
    return new Builder(process, letter, status);
  }

  /**
   * Returns a result for a file skipped by the name rules.
   *
   * @param process the job's process name
   * @param letter the file
   * @param reason why it is skipped, for people
   * @return the result
   */
  public static FileResult skipped(String process, Letter letter, String reason) {
    return builder(process, letter, Status.SKIPPED).message(reason).build();
  }

  /**
   * Returns a result for a file that failed; its message is the failure's.
   *
   * @param process the job's process name
   * @param letter the file
   * @param failure why it failed
   * @return the result
   */
  public static FileResult failed(String process, Letter letter, Failure failure) {
    return builder(process, letter, Status.FAILED).failure(failure).build();
  }

  /**
   * Returns a builder holding this result's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(process, letter, status);
    b.output = output;
    b.outputName = outputName;
    b.outputAlreadyThere = outputAlreadyThere;
    b.message = message;
    b.failure = failure;
    b.changes = changes;
    b.yearsLeftAlone = yearsLeftAlone;
    b.notes = notes;
    b.cached = cached;
    b.detail = detail;
    return b;
  }

  /**
   * Returns the process name of the job, e.g. {@code processEngagementLetters}.
   *
   * @return the process name
   */
  public String process() {
    return process;
  }

  /**
   * Returns the input.
   *
   * @return the letter
   */
  public Letter letter() {
    return letter;
  }

  /**
   * Returns how it ended.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * Returns the file written, if any (in a dry run: the file that would be written), in the
   * terms the output folder was given in.
   *
   * @return the output file
   */
  public Optional<Path> output() {
    return Optional.ofNullable(output);
  }

  /**
   * Returns the output's path relative to the batch's output folder, with {@code /} separators
   * (the letter's folders, then the output's name), if there is an output: what to show where a
   * server's own paths must not be seen.
   *
   * @return the relative path of the output
   */
  public Optional<String> outputName() {
    return Optional.ofNullable(outputName);
  }

  /**
   * Returns whether the output was already there: the name it was to get already held exactly
   * the bytes it would have written (an earlier run placed them), so nothing was written and no
   * numbered copy made. In a dry run: whether a real run would find it so.
   *
   * @return whether the output was already there
   */
  public boolean outputAlreadyThere() {
    return outputAlreadyThere;
  }

  /**
   * Returns the message for people, if any (for a failed file, its failure's message).
   *
   * @return the message
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * Returns why the file failed, typed, for a {@link Status#FAILED} result.
   *
   * @return the failure, empty unless the file failed
   */
  public Optional<Failure> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns the changed paragraphs.
   *
   * @return the changes, in document order
   */
  public List<Change> changes() {
    return changes;
  }

  /**
   * Returns the years left alone.
   *
   * @return the years left alone, with why
   */
  public List<YearNote> yearsLeftAlone() {
    return yearsLeftAlone;
  }

  /**
   * Returns other notes worth reading (a fee paragraph left as is, a missing part...).
   *
   * @return the notes
   */
  public List<String> notes() {
    return notes;
  }

  /**
   * Returns whether the result came from a result cache.
   *
   * @return whether it was cached
   */
  public boolean cached() {
    return cached;
  }

  /**
   * Returns the job-specific detail of a given type, if this result carries one.
   *
   * @param <T> the type of the detail
   * @param type the type of the detail, e.g. {@code LetterEntities.class}
   * @return the detail
   */
  public <T> Optional<T> detail(Class<T> type) {
    return type.isInstance(detail) ? Optional.of(type.cast(detail)) : Optional.empty();
  }

  @Override
  public String toString() {
    return "FileResult{"
        + letter.relativePath()
        + ", "
        + status.jsonName()
        + (output == null ? "" : ", output=" + output)
        + (outputAlreadyThere ? " (already there)" : "")
        + (message == null ? "" : ", message=" + message)
        + ", changes="
        + changes.size()
        + "}";
  }

  /** Builds a {@link FileResult}. Not thread-safe. */
  public static final class Builder {
    private final String process;
    private final Letter letter;
    private final Status status;
    private @Nullable Path output;
    private @Nullable String outputName;
    private boolean outputAlreadyThere;
    private @Nullable String message;
    private @Nullable Failure failure;
    private List<Change> changes = List.of();
    private List<YearNote> yearsLeftAlone = List.of();
    private List<String> notes = List.of();
    private boolean cached;
    private @Nullable Object detail;

    private Builder(String process, Letter letter, Status status) {
      this.process = process;
      this.letter = letter;
      this.status = status;
    }

    /**
     * Sets the output file (the batch sets it as it places the output).
     *
     * @param output the file, or null
     * @return this builder
     */
    public Builder output(@Nullable Path output) {
      this.output = output;
      return this;
    }

    /** Sets the output's path relative to the output folder; set by the batch as it places it. */
    Builder outputName(@Nullable String outputName) {
      this.outputName = outputName;
      return this;
    }

    /** Marks the output as already there; set by the batch as it places it. */
    Builder outputAlreadyThere(boolean alreadyThere) {
      this.outputAlreadyThere = alreadyThere;
      return this;
    }

    /**
     * Sets the message (for a failed result, by default its failure's message).
     *
     * @param message the message, or null
     * @return this builder
     */
    public Builder message(@Nullable String message) {
      this.message = message;
      return this;
    }

    /**
     * Sets why the file failed (required for a failed result, refused for any other).
     *
     * @param failure the failure
     * @return this builder
     */
    public Builder failure(@Nullable Failure failure) {
      this.failure = failure;
      return this;
    }

    /**
     * Sets the changes.
     *
     * @param changes the changed paragraphs
     * @return this builder
     */
    public Builder changes(List<Change> changes) {
      this.changes = requireNonNull(changes, "changes");
      return this;
    }

    /**
     * Sets the years left alone.
     *
     * @param yearsLeftAlone the years left alone
     * @return this builder
     */
    public Builder yearsLeftAlone(List<YearNote> yearsLeftAlone) {
      this.yearsLeftAlone = requireNonNull(yearsLeftAlone, "yearsLeftAlone");
      return this;
    }

    /**
     * Sets the notes.
     *
     * @param notes the notes
     * @return this builder
     */
    public Builder notes(List<String> notes) {
      this.notes = requireNonNull(notes, "notes");
      return this;
    }

    /**
     * Marks the result as coming from a cache.
     *
     * @param cached whether it came from a cache
     * @return this builder
     */
    public Builder cached(boolean cached) {
      this.cached = cached;
      return this;
    }

    /**
     * Sets a job-specific detail.
     *
     * @param detail the detail, or null
     * @return this builder
     */
    public Builder detail(@Nullable Object detail) {
      this.detail = detail;
      return this;
    }

    /**
     * Returns the result.
     *
     * @return the result
     * @throws IllegalArgumentException if a failed result has no failure, another has one, or a
     *     skipped result has no message
     */
    public FileResult build() {
      return new FileResult(this);
    }
  }
}
