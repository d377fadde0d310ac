package dev.engagement.events;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs from the machine is missing (Node, redis-server):
 * skips, saying what to install, except in CI (the environment variable {@code CI} set, as
 * {@code .ci/run} sets it to {@code true}), where it fails, as the cache module's tests do.
 */
final class MissingServer {
  private MissingServer() {}

  /** Returns whether this is a CI run. */
  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
  }

  /** Skips the test, or fails it in CI. */
  static void skipOrFail(String message) {
    if (inCi()) {
      throw new IllegalStateException(message + " (CI is set: a missing server fails the tests)");
    }
    Assumptions.abort(message);
  }
}
