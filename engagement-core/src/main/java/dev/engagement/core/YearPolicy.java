package dev.engagement.core;

/**
 * Which years a rollover rolls forward.
 *
 * @since 0.1
 */
public enum YearPolicy {
  /**
   * Only years from the letter's year minus one to plus one; the letter's year is the year in
   * its file name, else the most frequent year in its text. Other years are left alone and
   * reported.
   */
  WINDOW,
  /** Every year, as the original app did. */
  ALL
}
