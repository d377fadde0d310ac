package dev.engagement.core;

import java.util.Locale;

/** The sentences the built-in wordings share. */
final class Words {
  private Words() {}

  /**
   * Returns {@code "<verb> N file(s): a <done>, b unchanged, c skipped, d failed."}, followed by
   * {@link #stopped} for a stopped batch; N counts the files the batch took.
   */
  static String counts(String verb, BatchSummary s, String done) {
    return String.format(
            Locale.ROOT,
            "%s %d file%s: %d %s, %d unchanged, %d skipped, %d failed.",
            verb,
            s.done(),
            plural(s.done()),
            s.success(),
            done,
            s.unchanged(),
            s.skipped(),
            s.failed())
        + stopped(s);
  }

  /** Returns {@code " Stopped: N file(s) not started."} for a stopped batch, else {@code ""}. */
  static String stopped(BatchSummary s) {
    return s.notStarted() == 0
        ? ""
        : String.format(Locale.ROOT, " Stopped: %d file%s not started.", s.notStarted(), plural(s.notStarted()));
  }

  static String plural(int n) {
    return n == 1 ? "" : "s";
  }
}
