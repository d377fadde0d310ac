package dev.engagement.examples;

import dev.engagement.core.BatchContext;
import dev.engagement.core.FileResult;
import dev.engagement.core.Status;
import dev.engagement.core.spi.ProcessListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Prints a line per file on stdout (failures on stderr) and, on a terminal, a progress bar on
 * stderr. Not thread-safe: used from the batch's thread only.
 */
final class ConsoleListener implements ProcessListener {
  private static final int WIDTH = 30;

  private final PrintWriter out;
  private final PrintWriter err;
  private final Path outDir;
  private final boolean quiet;
  private final boolean terminal;
  private final String done;
  private boolean barShown;

  /** {@code done} is the word for a success: "rolled", "printed", "signed". */
  ConsoleListener(PrintWriter out, PrintWriter err, Path outDir, boolean quiet, String done) {
    this.out = out;
    this.err = err;
    this.outDir = outDir;
    this.quiet = quiet;
    this.terminal = System.console() != null;
    this.done = done;
  }

  @Override
  public void result(BatchContext batch, FileResult r) {
    clearBar();
    String name = r.letter().relativePath();
    switch (r.status()) {
      case SUCCESS:
        if (!quiet) {
          out.println(
              padded(done)
                  + name
                  + "  ->  "
                  + relative(r.output().orElse(null))
                  + (r.outputAlreadyThere() ? "  (already there)" : "")
                  + (r.cached() ? "  (from the cache)" : ""));
        }
        break;
      case UNCHANGED:
        if (!quiet) {
          out.println("unchanged  " + name + "  (" + r.message().orElse("") + ")"
              + (r.cached() ? "  (from the cache)" : ""));
        }
        break;
      case SKIPPED:
        if (!quiet) {
          out.println("skipped    " + name + "  (" + r.message().orElse("") + ")");
        }
        break;
      case NOT_STARTED:
        // a stopped batch: the summary counts them, the report lists them
        break;
      default:
        err.println("FAILED     " + name + ": " + r.message().orElse(""));
        break;
    }
    if (r.status() != Status.FAILED && r.status() != Status.NOT_STARTED && !quiet) {
      for (String note : r.notes()) {
        out.println("           note: " + note);
      }
    }
    out.flush();
  }

  @Override
  public void progress(BatchContext batch, double value) {
    if (!terminal || batch.total() == 0) {
      return;
    }
    int filled = (int) Math.round(value * WIDTH);
    int done = (int) Math.round(value * batch.total());
    err.print(
        String.format(
            Locale.ROOT,
            "\r[%s%s] %d/%d %3.0f%%",
            "#".repeat(filled),
            "-".repeat(WIDTH - filled),
            done,
            batch.total(),
            value * 100));
    err.flush();
    barShown = true;
  }

  @Override
  public void complete(BatchContext batch, String message) {
    clearBar();
  }

  /** The word padded to ten characters and a space, as {@code %-10s } would (without a Formatter per line). */
  private static String padded(String word) {
    return word.length() >= 10 ? word + " " : word + " ".repeat(11 - word.length());
  }

  void summary(String message, @Nullable Path report) {
    out.println(message + " Output: " + outDir + (report == null ? "" : "; report: " + report));
    out.flush();
  }

  private void clearBar() {
    if (barShown) {
      err.print("\r" + " ".repeat(WIDTH + 24) + "\r");
      err.flush();
      barShown = false;
    }
  }

  private String relative(@Nullable Path output) {
    if (output == null) {
      return "";
    }
    try {
      return outDir.relativize(output).toString();
    } catch (IllegalArgumentException e) {
      return output.toString();
    }
  }
}
