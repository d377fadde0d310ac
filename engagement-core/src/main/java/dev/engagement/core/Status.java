package dev.engagement.core;

import java.util.Locale;

/**
 * How the processing of one file ended.
 *
 * @since 0.1
 */
public enum Status {
  /** The job did its work and wrote its output (or, in a dry run, would have). */
  SUCCESS,
  /** There was nothing to change; nothing was written. */
  UNCHANGED,
  /** The file was not processed, by the name rules (lock files, DO NOT ROLL, other types). */
  SKIPPED,
  /** The file could not be processed; the result's message says why. Nothing was written. */
  FAILED,
  /**
   * The batch was stopped (cancelled, or the command line interrupted) before this file was
   * taken: it was not read and nothing was written. A new run processes it.
   *
   * @since 0.1
   */
  NOT_STARTED;

  /**
   * Returns the name used in reports and events: {@code success}, {@code unchanged}, {@code
   * skipped}, {@code failed}, {@code not_started}.
   *
   * @return the name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
