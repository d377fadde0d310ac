package dev.engagement.cache;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * A test that needs a server program that is missing is skipped on a developer's machine, and
 * fails when the environment variable {@code CI} is set ({@code .ci/run} sets {@code CI=true}).
 */
final class LocalServersTest {
  @Test
  void aMissingServerSkipsOutsideCiAndFailsInCi() {
    assertThatThrownBy(() -> LocalServers.requireProgram("no-such-server-program", null))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("no-such-server-program is not installed");
    assertThatThrownBy(() -> LocalServers.requireProgram("no-such-server-program", "false"))
        .isInstanceOf(TestAbortedException.class);
    for (String ci : new String[] {"true", "1", "yes"}) {
      assertThatThrownBy(() -> LocalServers.requireProgram("no-such-server-program", ci))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no-such-server-program is not installed")
          .hasMessageContaining("CI is set");
    }
    assertThatCode(() -> LocalServers.requireProgram("sh", "true")).doesNotThrowAnyException();
  }
}
