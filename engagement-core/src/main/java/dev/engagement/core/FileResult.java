package dev.engagement.core;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one file of a batch: its status, the output written (if any), a message for
 * people (why it failed or was skipped), the changes made, the years left alone, and other notes.
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
  private final @Nullable String message;
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
    this.message = b.message;
    this.changes = List.copyOf(b.changes);
    this.yearsLeftAlone = List.copyOf(b.yearsLeftAlone);
    this.notes = List.copyOf(b.notes);
    this.cached = b.cached;
    this.detail = b.detail;
    if ((status == Status.FAILED || status == Status.SKIPPED) && message == null) {
      throw new IllegalArgumentException("a " + status.jsonName() + " result needs a message");
    }
  }

  /** Returns a new builder. */
  public static Builder builder(String process, Letter letter, Status status) {
    return new Builder(process, letter, status);
  }

  /** Returns a result for a file skipped by the name rules. */
  public static FileResult skipped(String process, Letter letter, String reason) {
    return builder(process, letter, Status.SKIPPED).message(reason).build();
  }

  /** Returns a result for a file that failed. */
  public static FileResult failed(String process, Letter letter, String message) {
    return builder(process, letter, Status.FAILED).message(message).build();
  }

  /** Returns a builder holding this result's values. */
  public Builder toBuilder() {
    Builder b = new Builder(process, letter, status);
    b.output = output;
    b.message = message;
    b.changes = changes;
    b.yearsLeftAlone = yearsLeftAlone;
    b.notes = notes;
    b.cached = cached;
    b.detail = detail;
    return b;
  }

  /** Returns the process name of the job, e.g. {@code processEngagementLetters}. */
  public String process() {
    return process;
  }

  /** Returns the input. */
  public Letter letter() {
    return letter;
  }

  /** Returns how it ended. */
  public Status status() {
    return status;
  }

  /** Returns the file written, if any (in a dry run: the file that would be written). */
  public Optional<Path> output() {
    return Optional.ofNullable(output);
  }

  /** Returns the message for people, if any. */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /** Returns the changed paragraphs. */
  public List<Change> changes() {
    return changes;
  }

  /** Returns the years left alone. */
  public List<YearNote> yearsLeftAlone() {
    return yearsLeftAlone;
  }

  /** Returns other notes worth reading (a fee paragraph left as is, a missing part...). */
  public List<String> notes() {
    return notes;
  }

  /** Returns whether the result came from a result cache. */
  public boolean cached() {
    return cached;
  }

  /** Returns the job-specific detail of a given type, if this result carries one. */
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
    private @Nullable String message;
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

    /** Sets the output file. */
    public Builder output(@Nullable Path output) {
      this.output = output;
      return this;
    }

    /** Sets the message. */
    public Builder message(@Nullable String message) {
      this.message = message;
      return this;
    }

    /** Sets the changes. */
    public Builder changes(List<Change> changes) {
      this.changes = requireNonNull(changes, "changes");
      return this;
    }

    /** Sets the years left alone. */
    public Builder yearsLeftAlone(List<YearNote> yearsLeftAlone) {
      this.yearsLeftAlone = requireNonNull(yearsLeftAlone, "yearsLeftAlone");
      return this;
    }

    /** Sets the notes. */
    public Builder notes(List<String> notes) {
      this.notes = requireNonNull(notes, "notes");
      return this;
    }

    /** Marks the result as coming from a cache. */
    public Builder cached(boolean cached) {
      this.cached = cached;
      return this;
    }

    /** Sets a job-specific detail. */
    public Builder detail(@Nullable Object detail) {
      this.detail = detail;
      return this;
    }

    /** Returns the result. */
    public FileResult build() {
      return new FileResult(this);
    }
  }
}
