package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CsrfTokensTest {
  static final String SECRET = "0123456789abcdef0123456789abcdef-test-only";

  @TempDir Path temp;

  /** A clock the test moves. */
  static final class FakeClock extends Clock {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void issuesTokensThatCheckOutUntilTheyExpire() {
    FakeClock clock = new FakeClock();
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).timeLimit(Duration.ofMinutes(10)).clock(clock).build();
    String token = csrf.issue();
    assertThat(token).matches("\\d+\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{43}");
    assertThat(csrf.isValid(token)).isTrue();
    assertThat(csrf.issue()).isNotEqualTo(token);
    clock.now = clock.now.plus(Duration.ofMinutes(9));
    assertThat(csrf.isValid(token)).isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertThat(csrf.isValid(token)).isFalse();
  }

  @Test
  void refusesForgedTamperedAndForeignTokens() {
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).build();
    CsrfTokens other = CsrfTokens.builder().secretKey(SECRET + "-other").build();
    String token = csrf.issue();
    String[] parts = token.split("\\.");
    assertThat(csrf.isValid(other.issue())).isFalse();
    assertThat(csrf.isValid((Long.parseLong(parts[0]) + 1000) + "." + parts[1] + "." + parts[2])).isFalse();
    assertThat(csrf.isValid(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "A")).isFalse();
    assertThat(csrf.isValid("")).isFalse();
    assertThat(csrf.isValid("a.b")).isFalse();
    assertThat(csrf.isValid("x.y.z")).isFalse();
    assertThat(csrf.isValid(token + "x".repeat(300))).isFalse();
  }

  @Test
  void bindsTokensToASubject() {
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).build();
    String token = csrf.issue("session-1");
    assertThat(csrf.isValid(token, "session-1")).isTrue();
    assertThat(csrf.isValid(token, "session-2")).isFalse();
    assertThat(csrf.isValid(token)).isFalse();
  }

  @Test
  void refusesAMissingOrShortSecretAtStart() {
    Path none = temp.resolve("missing.env");
    assertThatThrownBy(() -> CsrfTokens.fromEnvironment(Map.of(), none))
        .isInstanceOf(CsrfConfigurationException.class)
        .hasMessageContaining("SECRET_KEY is not set")
        .hasMessageContaining(".env.sample");
    assertThatThrownBy(() -> CsrfTokens.fromEnvironment(Map.of("SECRET_KEY", "sample-secret-key"), none))
        .isInstanceOf(CsrfConfigurationException.class)
        .hasMessageContaining("too short (17 bytes)")
        .hasMessageNotContaining("sample-secret-key");
    assertThatThrownBy(() -> CsrfTokens.builder().build()).isInstanceOf(CsrfConfigurationException.class);
  }

  @Test
  void readsTheSecretFromADotEnvFileWhenTheEnvironmentHasNone() throws Exception {
    Path env = temp.resolve(".env");
    Files.writeString(env, "# comment\nOTHER=1\nexport SECRET_KEY=\"" + SECRET + "\"\n", StandardCharsets.UTF_8);
    CsrfTokens fromFile = CsrfTokens.fromEnvironment(Map.of(), env);
    CsrfTokens same = CsrfTokens.builder().secretKey(SECRET).build();
    assertThat(same.isValid(fromFile.issue())).isTrue();

    // the environment wins over the file
    CsrfTokens fromEnv = CsrfTokens.fromEnvironment(Map.of("SECRET_KEY", SECRET + "-env"), env);
    assertThat(same.isValid(fromEnv.issue())).isFalse();

    Files.writeString(env, "SECRET_KEY=short # comment\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CsrfTokens.fromEnvironment(Map.of(), env))
        .hasMessageContaining("too short (5 bytes)")
        .hasMessageContaining(env.toString());
    assertThat(CsrfTokens.readDotEnv(env)).containsEntry("SECRET_KEY", "short");
  }

  @Test
  void sendsTheTokenAsACsrfMessage() {
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).build();
    SocketIoProcessListenerTest.RecordingEmitter emitter = new SocketIoProcessListenerTest.RecordingEmitter();
    String token = csrf.send(emitter, "processEngagementLetters");
    assertThat(emitter.events)
        .containsExactly("message {\"type\":\"csrf\",\"detail\":{\"process\":\"processEngagementLetters\",\"token\":\""
            + token + "\"}}");
    assertThat(csrf.isValid(token)).isTrue();
    assertThat(csrf.toString()).doesNotContain(SECRET);
  }
}
