package dev.engagement.core;

/**
 * Bounds on what the library reads from one document, so that a damaged or hostile file (a zip
 * bomb, an absurdly deep XML tree) fails that letter cleanly instead of exhausting memory or
 * time.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxFileBytes the largest input file accepted
 * @param maxPartBytes the largest uncompressed XML part that is read
 * @param maxInflateRatio the highest uncompressed/compressed ratio accepted for a part that is
 *     read, checked once the part passes one megabyte
 * @param maxEntries the most zip entries accepted in one file
 * @param maxXmlDepth the deepest element nesting accepted in an XML part
 * @since 0.1
 */
public record DocumentLimits(
    long maxFileBytes, long maxPartBytes, int maxInflateRatio, int maxEntries, int maxXmlDepth) {

  /**
   * Returns the defaults: 200 MiB files, 64 MiB parts, ratio 200, 20,000 entries, depth 1,000.
   * They let every real engagement letter through and stop a zip bomb early.
   *
   * @return the default limits
   */
  public static DocumentLimits ofDefaults() {
    return new DocumentLimits(200L << 20, 64L << 20, 200, 20_000, 1_000);
  }

  /**
   * Checks that every bound is positive.
   *
   * @param maxFileBytes the largest input file accepted
   * @param maxPartBytes the largest uncompressed XML part that is read
   * @param maxInflateRatio the highest uncompressed/compressed ratio accepted for a part
   * @param maxEntries the most zip entries accepted in one file
   * @param maxXmlDepth the deepest element nesting accepted in an XML part
   * @throws IllegalArgumentException if a bound is zero or negative (the message names it)
   */
  public DocumentLimits {
    requirePositive(maxFileBytes, "maxFileBytes");
    requirePositive(maxPartBytes, "maxPartBytes");
    requirePositive(maxInflateRatio, "maxInflateRatio");
    requirePositive(maxEntries, "maxEntries");
    requirePositive(maxXmlDepth, "maxXmlDepth");
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 but was " + value);
    }
  }
}
