package dev.engagement.examples;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the command line in the tests, with what it printed.
 *
 * @param code the exit code
 * @param out what went to stdout
 * @param err what went to stderr
 */
record CliRun(int code, String out, String err) {
  /** Runs the command line with the given arguments. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EngagementCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(code, out.toString(), err.toString());
  }
}
