package dev.engagement.core.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when something it needs from the machine is missing (redis-server, memcached,
 * Node and its packages, a built jar): skips, saying what to install, except in CI (the
 * environment variable {@code CI} set to anything but {@code false} or {@code 0}, as {@code
 * .ci/run} sets it to {@code true}), where it fails: CI must run every test.
 */
public final class MissingServer {
  private MissingServer() {}

  /** Returns whether this is a CI run, from the environment variable {@code CI}. */
  public static boolean inCi() {
    return inCi(System.getenv("CI"));
  }

  /** Returns whether {@code ci}, a value of the environment variable {@code CI}, means a CI run. */
  public static boolean inCi(String ci) {
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }

  /** Skips the test, or fails it in CI. */
  public static void skipOrFail(String message) {
    skipOrFail(message, System.getenv("CI"));
  }

  /** Skips the test, or fails it when {@code ci} means a CI run. */
  public static void skipOrFail(String message, String ci) {
    if (inCi(ci)) {
      throw new IllegalStateException(message + "; CI is set (" + ci + "), so the test fails instead of being skipped");
    }
    Assumptions.abort(message);
  }
}
