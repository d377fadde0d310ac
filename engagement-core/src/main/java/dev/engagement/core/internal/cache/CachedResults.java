package dev.engagement.core.internal.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;

/**
 * Keys and values of the result cache: the key is a SHA-256 over the input's bytes and name,
 * the job and its options, and the library version; the value is a small header (the result,
 * in JSON, written by the batch) followed by the output file's bytes, behind a frame that makes
 * a damaged value detectable:
 *
 * <pre>
 * "EGC2" | int header length | long output length | SHA-256 of (header, output) | header | output
 * </pre>
 *
 * <p>A value is only decoded when its total length matches the lengths it declares and its
 * digest matches its content: a cut, extended or altered value is refused, never placed.
 *
 * <p>Thread-safe: stateless.
 */
public final class CachedResults {
  private static final byte[] MAGIC = {'E', 'G', 'C', '2'};
  private static final int DIGEST = 32;
  private static final int FRAME = MAGIC.length + 4 + 8 + DIGEST;
  private static final String VERSION = loadVersion();

  private CachedResults() {}

  /**
   * A value taken apart.
   *
   * @param header the header's bytes (the result, in JSON)
   * @param output the output file's bytes (empty when nothing was written)
   */
  public record Frame(byte[] header, byte[] output) {}

  /** Returns the library version that goes into keys. */
  public static String version() {
    return VERSION;
  }

  /**
   * Returns the key of a letter for a job.
   *
   * @param input the input's bytes
   * @param fileName the input's file name (it can decide the result, e.g. the letter's year)
   * @param job the job's name and every option that changes its result
   */
  public static String key(byte[] input, String fileName, String job) {
    MessageDigest md = sha256();
    md.update(input);
    update(md, fileName);
    update(md, job);
    update(md, VERSION);
    return HexFormat.of().formatHex(md.digest());
  }

  /** Returns a fingerprint of some strings, for job option strings. */
  public static String fingerprint(String... parts) {
    MessageDigest md = sha256();
    for (String p : parts) {
      update(md, p);
    }
    return HexFormat.of().formatHex(md.digest()).substring(0, 32);
  }

  /** Puts a header and an output into a value. */
  public static byte[] encode(byte[] header, byte[] output) {
    MessageDigest md = sha256();
    md.update(header);
    md.update(output);
    ByteBuffer b = ByteBuffer.allocate(FRAME + header.length + output.length);
    b.put(MAGIC).putInt(header.length).putLong(output.length).put(md.digest()).put(header).put(output);
    return b.array();
  }

  /**
   * Takes a value apart, after checking its lengths and its SHA-256.
   *
   * @throws IllegalArgumentException if the bytes are not a whole, unaltered value of this format
   */
  public static Frame decode(byte[] value) {
    if (value.length < FRAME || !Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalArgumentException("not a cached result of this version");
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    b.position(MAGIC.length);
    int len = b.getInt();
    long outputLength = b.getLong();
    if (len < 0 || outputLength < 0 || (long) FRAME + len + outputLength != value.length) {
      throw new IllegalArgumentException(
          "a damaged cached result: it holds " + value.length + " bytes, its frame says "
              + (len < 0 || outputLength < 0 ? "an impossible length" : (long) FRAME + len + outputLength));
    }
    MessageDigest md = sha256();
    md.update(value, FRAME, value.length - FRAME);
    if (!MessageDigest.isEqual(md.digest(), Arrays.copyOfRange(value, FRAME - DIGEST, FRAME))) {
      throw new IllegalArgumentException("a damaged cached result: its SHA-256 does not match its content");
    }
    return new Frame(
        Arrays.copyOfRange(value, FRAME, FRAME + len), Arrays.copyOfRange(value, FRAME + len, value.length));
  }

  private static void update(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    md.update(ByteBuffer.allocate(4).putInt(b.length).array());
    md.update(b);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String loadVersion() {
    try (InputStream in = CachedResults.class.getResourceAsStream("/dev/engagement/core/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
