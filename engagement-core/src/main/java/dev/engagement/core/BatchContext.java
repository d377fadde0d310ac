package dev.engagement.core;

import static java.util.Objects.requireNonNull;

/**
 * What a listener knows about the batch it is told about.
 *
 * @param id a unique id of the batch, e.g. to route its events to the clients that started it
 * @param process the job's process name, e.g. {@code processEngagementLetters}
 * @param method how the batch was started, e.g. {@code POST} from a web form or {@code CLI}
 * @param errorTitle the title of this job's errors, e.g. {@code Letter Processing Error}
 * @param total the number of files in the batch
 * @since 0.1
 */
public record BatchContext(String id, String process, String method, String errorTitle, int total) {
  /**
   * Checks the fields.
   *
   * @param id a unique id of the batch
   * @param process the job's process name
   * @param method how the batch was started
   * @param errorTitle the title of this job's errors
   * @param total the number of files in the batch
   * @throws IllegalArgumentException if total is negative
   */
  public BatchContext {
    requireNonNull(id, "id");
    requireNonNull(process, "process");
    requireNonNull(method, "method");
    requireNonNull(errorTitle, "errorTitle");
    if (total < 0) {
      throw new IllegalArgumentException("total must be >= 0 but was " + total);
    }
  }
}
