package dev.engagement.core;

/**
 * The counts of one batch, by status.
 *
 * @param success files processed and written
 * @param unchanged files with nothing to change
 * @param skipped files skipped by the name rules
 * @param failed files that could not be processed
 * @param notStarted files not reached because the batch was stopped (0 for a batch that ran to
 *     its end)
 * @since 0.1
 */
public record BatchSummary(int success, int unchanged, int skipped, int failed, int notStarted) {
  /**
   * Checks the counts.
   *
   * @param success files processed and written
   * @param unchanged files with nothing to change
   * @param skipped files skipped by the name rules
   * @param failed files that could not be processed
   * @param notStarted files not reached because the batch was stopped
   * @throws IllegalArgumentException if a count is negative
   */
  public BatchSummary {
    if (success < 0 || unchanged < 0 || skipped < 0 || failed < 0 || notStarted < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  /**
   * Returns the counts of a batch that ran to its end.
   *
   * @param success files processed and written
   * @param unchanged files with nothing to change
   * @param skipped files skipped by the name rules
   * @param failed files that could not be processed
   */
  public BatchSummary(int success, int unchanged, int skipped, int failed) {
    this(success, unchanged, skipped, failed, 0);
  }

  /**
   * Returns the number of files, those not started included.
   *
   * @return the number of files
   */
  public int total() {
    return success + unchanged + skipped + failed + notStarted;
  }

  /**
   * Returns the number of files the batch took (every file but those not started).
   *
   * @return the number of files taken
   */
  public int done() {
    return success + unchanged + skipped + failed;
  }

  /**
   * Returns whether the batch was stopped before it took every file.
   *
   * @return whether some files were not started
   */
  public boolean stopped() {
    return notStarted > 0;
  }

  /**
   * Returns the count for one status.
   *
   * @param status the status
   * @return how many files ended with it
   */
  public int count(Status status) {
    switch (status) {
      case SUCCESS:
        return success;
      case UNCHANGED:
        return unchanged;
      case SKIPPED:
        return skipped;
      case FAILED:
        return failed;
      default:
        return notStarted;
    }
  }
}
