package dev.engagement.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a {@link Job} gets from the batch it runs in, with each letter: the batch's identity, and
 * temporary files that the batch owns. The batch also owns the output folder, the reservation of
 * names and the placing of outputs in input order: a job never writes into the output folder
 * itself, it returns its output in an {@link Outcome} and the batch places it.
 *
 * <p>Temporary files are created in the batch's private work folder (below the output folder
 * when the batch has one, so that an output made there is placed without a copy) and deleted
 * when the letter is done, unless one was returned with {@link Outcome#move}. Their names carry
 * the process id, so those left by a killed process are removed by the next batch.
 *
 * <p>Thread-safe; one context is handed to one {@link Job#process} call and must not be kept
 * after it returns.
 *
 * @since 0.1
 */
public interface JobContext {
  /**
   * Returns what listeners know about the batch (its id, process name, size).
   *
   * @return the batch
   */
  BatchContext batch();

  /**
   * Creates a new, empty temporary file that the batch deletes when the letter is done (unless
   * it is returned with {@link Outcome#move}).
   *
   * @param suffix the end of its name, e.g. {@code .pdf} (tools such as office suites go by it)
   * @return the file
   * @throws IOException if it cannot be created
   */
  Path createTempFile(String suffix) throws IOException;
}
