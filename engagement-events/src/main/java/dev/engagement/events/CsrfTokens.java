package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks CSRF tokens signed with the application's {@code SECRET_KEY}
 * (HMAC-SHA256), each with an expiry, and sends them to Socket.IO clients as the message {@code
 * {"type": "csrf", "detail": {"process": ..., "token": ...}}}.
 *
 * <pre>{@code
 * CsrfTokens csrf = CsrfTokens.fromEnvironment();          // SECRET_KEY from the environment or .env
 * csrf.send(socket, "processEngagementLetters");          // the page puts it in its form
 * if (!csrf.isValid(request.getHeader("X-CSRF-Token"))) { ... 400 ... }
 * }</pre>
 *
 * <p>A token is {@code <expiry>.<nonce>.<signature>}: the expiry in seconds since the epoch, 12
 * random bytes and the 32-byte HMAC, both in unpadded base64url. It may be bound to a subject (a
 * session id) with {@link #issue(String)} and {@link #isValid(String, String)}. The signature
 * covers the expiry, the nonce and the subject in a fixed binary layout (the subject
 * length-prefixed), so no field can be shifted into another; a token is checked against that
 * exact format (canonical digits and base64url, nothing more) before its signature, which is
 * compared in constant time. A missing or short {@code SECRET_KEY} (fewer than {@value
 * #MIN_SECRET_CHARACTERS} characters) is an error at start, never a silent default.
 *
 * <p>Sending tokens over the socket is only as safe as the WebSocket's origin check: any page can
 * open a WebSocket, so set {@link SocketIoConfig#allowedOrigins()} when tokens go out this way.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CsrfTokens {
  /** The name of the setting, as in the original app's {@code .env}. */
  public static final String SECRET_KEY = "SECRET_KEY";

  /**
   * The shortest secret accepted, in characters (Unicode code points): 32, as many as the bytes of
   * an HMAC-SHA256 key.
   */
  public static final int MIN_SECRET_CHARACTERS = 32;

  /** How long a token lives by default: one hour, as Flask-WTF's tokens. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(1);

  /** The longest time limit accepted: 366 days. */
  public static final Duration MAX_TIME_LIMIT = Duration.ofDays(366);

  /**
   * How far another server's clock may be ahead of this one's: a token whose expiry lies further
   * in the future than the time limit plus this is refused.
   */
  public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  /** The message type of a token sent to a client. */
  public static final String CSRF_TYPE = "csrf";

  private static final String ALGORITHM = "HmacSHA256";
  // what the MAC covers starts with this and a 0 byte; v1 signed "domain|head|subject" as text
  private static final byte[] DOMAIN = "engagement-csrf-v2".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final int MAX_TOKEN_LENGTH = 19 + 1 + 16 + 1 + 43;
  // the exact format: an expiry without sign or leading zero, 16 and 43 base64url characters
  private static final Pattern FORMAT =
      Pattern.compile("([1-9][0-9]{0,18})\\.([A-Za-z0-9_-]{16})\\.([A-Za-z0-9_-]{43})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Duration timeLimit;
  private final Clock clock;

  private CsrfTokens(Builder b) {
    this.key = new SecretKeySpec(b.secret, ALGORITHM);
    this.timeLimit = b.timeLimit;
    this.clock = b.clock;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns tokens signed with {@code SECRET_KEY} from the environment, else from the {@code
   * .env} file of the working folder (as the original app, the environment wins).
   *
   * @return the tokens
   * @throws CsrfConfigurationException if the key is missing or too short, or {@code .env}
   *     cannot be read
   */
  public static CsrfTokens fromEnvironment() {
    return fromEnvironment(System.getenv(), Path.of(".env"));
  }

  /**
   * Returns tokens signed with {@code SECRET_KEY} from {@code environment}, else from the {@code
   * dotEnv} file (skipped if it does not exist).
   *
   * @param environment the environment variables, e.g. {@link System#getenv()}
   * @param dotEnv the {@code .env} file
   * @return the tokens
   * @throws CsrfConfigurationException if the key is missing or too short, or the file cannot be
   *     read
   */
  public static CsrfTokens fromEnvironment(Map<String, String> environment, Path dotEnv) {
    requireNonNull(environment, "environment");
    requireNonNull(dotEnv, "dotEnv");
    String secret = environment.get(SECRET_KEY);
    String source = "the environment";
    if (secret == null || secret.isEmpty()) {
      secret = readDotEnv(dotEnv).get(SECRET_KEY);
      source = dotEnv.toString();
    }
    if (secret == null || secret.isEmpty()) {
      throw new CsrfConfigurationException(
          SECRET_KEY + " is not set: CSRF tokens need a secret of at least " + MIN_SECRET_CHARACTERS
              + " characters in the environment or in " + dotEnv
              + " (see .env.sample; e.g. SECRET_KEY=$(openssl rand -hex 32))");
    }
    return builder().secretKey(secret, source).build();
  }

  /**
   * Reads a {@code .env} file: {@code NAME=value} lines, {@code #} comments, an optional {@code
   * export} before the name, values optionally in single or double quotes.
   *
   * @return the variables, empty if the file does not exist
   * @throws CsrfConfigurationException if the file exists but cannot be read
   */
  static Map<String, String> readDotEnv(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CsrfConfigurationException("Could not read " + file + ": " + e.getMessage(), e);
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (value.length() >= 2
          && (value.charAt(0) == '"' || value.charAt(0) == '\'')
          && value.charAt(value.length() - 1) == value.charAt(0)) {
        value = value.substring(1, value.length() - 1);
      } else {
        int hash = value.indexOf(" #");
        if (hash >= 0) {
          value = value.substring(0, hash).strip();
        }
      }
      vars.put(name, value);
    }
    return vars;
  }

  /**
   * Returns how long a token lives.
   *
   * @return the time limit, in whole seconds
   */
  public Duration timeLimit() {
    return timeLimit;
  }

  /**
   * Returns a new token bound to no subject.
   *
   * @return the token
   */
  public String issue() {
    return issue("");
  }

  /**
   * Returns a new token bound to a subject (e.g. a session id): valid only with it.
   *
   * @param subject the subject, empty for none
   * @return the token
   */
  public String issue(String subject) {
    requireNonNull(subject, "subject");
    long expiry = clock.instant().getEpochSecond() + timeLimit.getSeconds();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return expiry + "." + B64.encodeToString(nonce) + "." + B64.encodeToString(sign(expiry, nonce, subject));
  }

  /**
   * Returns whether a token bound to no subject is genuine and not expired.
   *
   * @param token the token, or null (a missing token is not valid)
   * @return true if the token is valid
   */
  public boolean isValid(@Nullable String token) {
    return isValid(token, "");
  }

  /**
   * Returns whether a token is genuine, bound to this subject and not expired: it has the exact
   * format of a token this class issues, its signature matches (compared in constant time), and
   * now is before its expiry, which is no further ahead than the time limit (and {@link
   * #CLOCK_SKEW}).
   *
   * @param token the token, or null (a missing token is not valid)
   * @param subject the subject it must be bound to, empty for none
   * @return true if the token is valid
   */
  public boolean isValid(@Nullable String token, String subject) {
    requireNonNull(subject, "subject");
    if (token == null || token.length() > MAX_TOKEN_LENGTH) {
      return false;
    }
    Matcher m = FORMAT.matcher(token);
    if (!m.matches()) {
      return false;
    }
    long expiry;
    byte[] nonce;
    byte[] given;
    try {
      expiry = Long.parseLong(m.group(1));
      nonce = strictDecode(m.group(2));
      given = strictDecode(m.group(3));
    } catch (IllegalArgumentException e) {
      return false; // too large a number, or base64url that does not encode back to itself
    }
    boolean genuine = MessageDigest.isEqual(sign(expiry, nonce, subject), given);
    long now = clock.instant().getEpochSecond();
    return genuine
        && now < expiry
        && expiry - now <= timeLimit.getSeconds() + CLOCK_SKEW.getSeconds();
  }

  /** Decodes unpadded base64url that is canonical: the bits after the last byte are zero. */
  private static byte[] strictDecode(String text) {
    byte[] bytes = B64D.decode(text);
    if (!B64.encodeToString(bytes).equals(text)) {
      throw new IllegalArgumentException("non-canonical base64url");
    }
    return bytes;
  }

  /**
   * Issues a token and sends it to a client (a socket, or a room) as {@code {"type": "csrf",
   * "detail": {"process": process, "token": token}}} in the event {@code message}.
   *
   * @param to the client: a socket, or {@code server.to(room)}
   * @param process the process the token is for, e.g. {@code processEngagementLetters}
   * @return the token sent
   */
  public String send(Emitter to, String process) {
    requireNonNull(to, "to");
    requireNonNull(process, "process");
    String token = issue();
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("process", process);
    detail.put("token", token);
    to.emit(SocketIoProcessListener.DEFAULT_EVENT, SocketIoProcessListener.message(CSRF_TYPE, detail));
    return token;
  }

  /**
   * Signs the fields in one unambiguous layout: the domain, a 0 byte, the expiry (8 bytes), the
   * nonce (12 bytes), the subject's length in bytes (4 bytes) and the subject in UTF-8.
   */
  private byte[] sign(long expiry, byte[] nonce, String subject) {
    byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
    ByteBuffer fields = ByteBuffer.allocate(DOMAIN.length + 1 + 8 + nonce.length + 4 + subjectBytes.length);
    fields.put(DOMAIN).put((byte) 0).putLong(expiry).put(nonce).putInt(subjectBytes.length).put(subjectBytes);
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac.doFinal(fields.array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "CsrfTokens[timeLimit=" + timeLimit + "]"; // never the key
  }

  /** Builds {@link CsrfTokens}. Not thread-safe. */
  public static final class Builder {
    private byte[] secret = new byte[0];
    private Duration timeLimit = DEFAULT_TIME_LIMIT;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets the secret key.
     *
     * @param secretKey the key, at least {@value #MIN_SECRET_CHARACTERS} characters (Unicode code
     *     points), used as its UTF-8 bytes
     * @return this builder
     * @throws CsrfConfigurationException if it is shorter than {@value #MIN_SECRET_CHARACTERS}
     *     characters
     */
    public Builder secretKey(String secretKey) {
      return secretKey(secretKey, "the given secret");
    }

    Builder secretKey(String secretKey, String source) {
      requireNonNull(secretKey, "secretKey");
      int characters = secretKey.codePointCount(0, secretKey.length());
      if (characters < MIN_SECRET_CHARACTERS) {
        throw new CsrfConfigurationException(
            SECRET_KEY + " from " + source + " is too short (" + characters + " characters): use at least "
                + MIN_SECRET_CHARACTERS + " random characters, e.g. SECRET_KEY=$(openssl rand -hex 32)");
      }
      this.secret = secretKey.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    /**
     * Sets how long a token lives, in whole seconds.
     *
     * @param timeLimit the time limit ({@link #DEFAULT_TIME_LIMIT} by default), from 1 second to
     *     {@link #MAX_TIME_LIMIT}; fractions of a second are dropped
     * @return this builder
     * @throws IllegalArgumentException if the time limit is out of that range
     */
    public Builder timeLimit(Duration timeLimit) {
      requireNonNull(timeLimit, "timeLimit");
      if (timeLimit.getSeconds() < 1 || timeLimit.compareTo(MAX_TIME_LIMIT) > 0) {
        throw new IllegalArgumentException(
            "timeLimit must be between 1 s and " + MAX_TIME_LIMIT + " but was " + timeLimit);
      }
      this.timeLimit = Duration.ofSeconds(timeLimit.getSeconds());
      return this;
    }

    /**
     * Sets the clock that tokens are issued and checked by (the system's UTC clock by default).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the tokens.
     *
     * @return the tokens
     * @throws CsrfConfigurationException if no secret key was set
     */
    public CsrfTokens build() {
      if (secret.length == 0) {
        throw new CsrfConfigurationException(SECRET_KEY + " is not set");
      }
      return new CsrfTokens(this);
    }
  }
}
