package dev.engagement.core;

import static java.util.Objects.requireNonNull;

/**
 * A year the rollover left alone, and why: outside the letter's years (a client "since 2016"), a
 * two-digit year, part of a web address, or a place that cannot be edited safely.
 *
 * <p>Immutable and thread-safe.
 *
 * @param part the package part
 * @param paragraph the paragraph's 1-based position in that part
 * @param text the year as written, e.g. {@code 2016} or {@code FY24}
 * @param reason why it was left alone
 * @param context the text around it
 * @since 0.1
 */
public record YearNote(String part, int paragraph, String text, String reason, String context) {
  /**
   * Checks the fields.
   *
   * @param part the package part
   * @param paragraph the paragraph's 1-based position in that part
   * @param text the year as written
   * @param reason why it was left alone
   * @param context the text around it
   */
  public YearNote {
    requireNonNull(part, "part");
    requireNonNull(text, "text");
    requireNonNull(reason, "reason");
    requireNonNull(context, "context");
  }
}
