package dev.engagement.core;

/**
 * The counts of one batch, by status.
 *
 * @param success files processed and written
 * @param unchanged files with nothing to change
 * @param skipped files skipped by the name rules
 * @param failed files that could not be processed
 * @since 0.1
 */
public record BatchSummary(int success, int unchanged, int skipped, int failed) {
  /** Returns the number of files. */
  public int total() {
    return success + unchanged + skipped + failed;
  }

  /** Returns the count for one status. */
  public int count(Status status) {
    switch (status) {
      case SUCCESS:
        return success;
      case UNCHANGED:
        return unchanged;
      case SKIPPED:
        return skipped;
      default:
        return failed;
    }
  }
}
