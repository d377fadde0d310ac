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
import java.util.Base64;
import java.util.List;
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
        .hasMessageContaining("too short (17 characters)")
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
        .hasMessageContaining("too short (5 characters)")
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

  @Test
  void aTokenForOneSubjectCannotBeRewrittenToPassForAnother() {
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).build();
    String token = csrf.issue("evil|victim");
    assertThat(csrf.isValid(token, "evil|victim")).isTrue();
    String[] parts = token.split("\\.");
    // the v1 forgery: move "evil" into the head, so that "head|subject" reads the same
    String forged = parts[0] + "." + parts[1] + "|evil." + parts[2];
    assertThat(csrf.isValid(forged, "victim")).isFalse();
    assertThat(csrf.isValid(token, "victim")).isFalse();
    assertThat(csrf.isValid(token, "evil")).isFalse();
    assertThat(csrf.isValid(token, "evil|victim ")).isFalse();
    assertThat(csrf.isValid(csrf.issue("victim"), "victim")).isTrue();
  }

  @Test
  void aMissingTokenIsSimplyInvalid() {
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).build();
    assertThat(csrf.isValid(null)).isFalse();
    assertThat(csrf.isValid(null, "session-1")).isFalse();
  }

  @Test
  void refusesEveryTokenNotInTheExactFormat() {
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).build();
    String token = csrf.issue();
    String[] parts = token.split("\\.");
    assertThat(csrf.isValid(token)).isTrue();

    // the signature's last character carries 2 spare bits: a lenient decoder reads the same
    // bytes from a sibling character, which a strict one refuses
    String sig = parts[2];
    char last = sig.charAt(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String sibling43 = sig.substring(0, 42) + sibling;
    assertThat(Base64.getUrlDecoder().decode(sibling43)).isEqualTo(Base64.getUrlDecoder().decode(sig));
    assertThat(csrf.isValid(parts[0] + "." + parts[1] + "." + sibling43)).isFalse();

    for (String bad :
        List.of(
            parts[0] + "." + parts[1] + "." + sig + "=", // padding
            parts[0] + "." + parts[1] + "=." + sig,
            parts[0] + "." + parts[1].replace('-', '+').replace('_', '/') + "x." + sig,
            "0" + token, // a leading zero
            "+" + token, // a sign
            " " + token,
            token + " ",
            token + "\n",
            parts[0] + ".." + parts[1] + "." + sig,
            parts[0] + "." + parts[1] + "." + sig + "." + sig,
            "99999999999999999999." + parts[1] + "." + sig, // 20 digits
            "9223372036854775808." + parts[1] + "." + sig, // Long.MAX_VALUE + 1
            "١٢٣٤." + parts[1] + "." + sig, // other digits
            parts[0] + "." + parts[1].substring(1) + "." + sig,
            parts[0] + "." + parts[1] + "." + sig.substring(1))) {
      assertThat(csrf.isValid(bad)).as(bad).isFalse();
    }
  }

  @Test
  void checksTheExpiryAtItsEdges() {
    FakeClock clock = new FakeClock();
    CsrfTokens csrf = CsrfTokens.builder().secretKey(SECRET).timeLimit(Duration.ofHours(1)).clock(clock).build();
    String token = csrf.issue();
    long expiry = Long.parseLong(token.substring(0, token.indexOf('.')));
    assertThat(expiry).isEqualTo(clock.now.getEpochSecond() + 3600);
    Instant issued = clock.now;
    clock.now = Instant.ofEpochSecond(expiry - 1).plusMillis(999);
    assertThat(csrf.isValid(token)).isTrue();
    clock.now = Instant.ofEpochSecond(expiry);
    assertThat(csrf.isValid(token)).isFalse();
    clock.now = Instant.ofEpochSecond(expiry + 100_000);
    assertThat(csrf.isValid(token)).isFalse();
    // a clock set back before the token was issued does not make it live longer
    clock.now = issued.minus(Duration.ofHours(5));
    assertThat(csrf.isValid(token)).isFalse();
    clock.now = issued.minusSeconds(60);
    assertThat(csrf.isValid(token)).isTrue();
    clock.now = issued.minusSeconds(61);
    assertThat(csrf.isValid(token)).isFalse();

    // a token that claims to live longer than this time limit (plus a minute's clock skew)
    clock.now = issued;
    FakeClock ahead = new FakeClock();
    CsrfTokens other = CsrfTokens.builder().secretKey(SECRET).clock(ahead).build();
    ahead.now = issued.plusSeconds(30);
    assertThat(csrf.isValid(other.issue())).isTrue();
    ahead.now = issued.plusSeconds(61);
    assertThat(csrf.isValid(other.issue())).isFalse();
    CsrfTokens longer = CsrfTokens.builder().secretKey(SECRET).timeLimit(Duration.ofHours(2)).clock(clock).build();
    assertThat(csrf.isValid(longer.issue())).isFalse();
    assertThat(longer.isValid(csrf.issue())).isTrue();
  }

  @Test
  void takesTimeLimitsFromASecondToAYear() {
    assertThatThrownBy(() -> CsrfTokens.builder().timeLimit(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().timeLimit(Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().timeLimit(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CsrfTokens.builder().timeLimit(Duration.ofDays(367))).isInstanceOf(IllegalArgumentException.class);
    FakeClock clock = new FakeClock();
    CsrfTokens year = CsrfTokens.builder().secretKey(SECRET).timeLimit(CsrfTokens.MAX_TIME_LIMIT).clock(clock).build();
    assertThat(year.isValid(year.issue())).isTrue();
    CsrfTokens second = CsrfTokens.builder().secretKey(SECRET).timeLimit(Duration.ofMillis(1500)).clock(clock).build();
    assertThat(second.timeLimit()).isEqualTo(Duration.ofSeconds(1));
    String token = second.issue();
    assertThat(second.isValid(token)).isTrue();
    clock.now = clock.now.plusSeconds(1);
    assertThat(second.isValid(token)).isFalse();
  }

  @Test
  void countsTheSecretsMinimumInCharactersAsTheReadmeSays() {
    CsrfTokens.builder().secretKey("a".repeat(32)).build();
    assertThatThrownBy(() -> CsrfTokens.builder().secretKey("a".repeat(31)))
        .isInstanceOf(CsrfConfigurationException.class)
        .hasMessageContaining("too short (31 characters)")
        .hasMessageContaining("at least 32 random characters");
    // 16 characters are 32 bytes of UTF-8, but not 32 characters
    assertThatThrownBy(() -> CsrfTokens.builder().secretKey("é".repeat(16)))
        .hasMessageContaining("too short (16 characters)");
    // 31 emoji are 62 UTF-16 units but 31 characters
    assertThatThrownBy(() -> CsrfTokens.builder().secretKey("🔑".repeat(31)))
        .hasMessageContaining("too short (31 characters)");
    CsrfTokens.builder().secretKey("🔑".repeat(32)).build();
  }
}
