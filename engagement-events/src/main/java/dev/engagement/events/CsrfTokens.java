package dev.engagement.events;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
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
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * <p>A token is {@code <expiry seconds>.<nonce>.<signature>}; it may be bound to a subject (a
 * session id) with {@link #issue(String)} and {@link #isValid(String, String)}. The signature is
 * compared in constant time. A missing or short {@code SECRET_KEY} is an error at start, never a
 * silent default.
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

  /** The shortest secret accepted, in bytes of UTF-8: 32, the size of an HMAC-SHA256 key. */
  public static final int MIN_SECRET_BYTES = 32;

  /** How long a token lives by default: one hour, as Flask-WTF's tokens. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofHours(1);

  /** The message type of a token sent to a client. */
  public static final String CSRF_TYPE = "csrf";

  private static final String ALGORITHM = "HmacSHA256";
  private static final String DOMAIN = "engagement-csrf-v1";
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

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns tokens signed with {@code SECRET_KEY} from the environment, else from the {@code
   * .env} file of the working folder (as the original app, the environment wins).
   *
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
          SECRET_KEY + " is not set: CSRF tokens need a secret of at least " + MIN_SECRET_BYTES
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

  /** Returns how long a token lives. */
  public Duration timeLimit() {
    return timeLimit;
  }

  /** Returns a new token bound to no subject. */
  public String issue() {
    return issue("");
  }

  /** Returns a new token bound to a subject (e.g. a session id): valid only with it. */
  public String issue(String subject) {
    requireNonNull(subject, "subject");
    long expiry = clock.instant().plus(timeLimit).getEpochSecond();
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String head = expiry + "." + B64.encodeToString(nonce);
    return head + "." + B64.encodeToString(sign(head, subject));
  }

  /** Returns whether a token bound to no subject is genuine and not expired. */
  public boolean isValid(String token) {
    return isValid(token, "");
  }

  /**
   * Returns whether a token is genuine, bound to this subject and not expired. The signature is
   * compared in constant time.
   */
  public boolean isValid(String token, String subject) {
    requireNonNull(subject, "subject");
    if (token.length() > 200) {
      return false;
    }
    int dot2 = token.lastIndexOf('.');
    int dot1 = dot2 <= 0 ? -1 : token.lastIndexOf('.', dot2 - 1);
    if (dot1 <= 0) {
      return false;
    }
    String head = token.substring(0, dot2);
    byte[] given;
    long expiry;
    try {
      given = B64D.decode(token.substring(dot2 + 1));
      expiry = Long.parseLong(token.substring(0, dot1));
    } catch (IllegalArgumentException e) {
      return false;
    }
    boolean genuine = MessageDigest.isEqual(sign(head, subject), given);
    return genuine && clock.instant().getEpochSecond() < expiry;
  }

  /**
   * Issues a token and sends it to a client (a socket, or a room) as {@code {"type": "csrf",
   * "detail": {"process": process, "token": token}}} in the event {@code message}.
   *
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

  private byte[] sign(String head, String subject) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((DOMAIN + "|" + head + "|").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
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
     * @throws CsrfConfigurationException if it is shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public Builder secretKey(String secretKey) {
      return secretKey(secretKey, "the given secret");
    }

    Builder secretKey(String secretKey, String source) {
      requireNonNull(secretKey, "secretKey");
      byte[] bytes = secretKey.getBytes(StandardCharsets.UTF_8);
      if (bytes.length < MIN_SECRET_BYTES) {
        throw new CsrfConfigurationException(
            SECRET_KEY + " from " + source + " is too short (" + bytes.length + " bytes): use at least "
                + MIN_SECRET_BYTES + " random characters, e.g. SECRET_KEY=$(openssl rand -hex 32)");
      }
      this.secret = bytes;
      return this;
    }

    /** Sets how long a token lives ({@link #DEFAULT_TIME_LIMIT} by default). */
    public Builder timeLimit(Duration timeLimit) {
      requireNonNull(timeLimit, "timeLimit");
      if (timeLimit.isNegative() || timeLimit.isZero()) {
        throw new IllegalArgumentException("timeLimit must be positive but was " + timeLimit);
      }
      this.timeLimit = timeLimit;
      return this;
    }

    /** Sets the clock (tests). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Returns the tokens.
     *
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
