package dev.engagement.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.engagement.core.spi.ResultCache;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ResultCache} passes: misses, round trips of any bytes, replacement,
 * large values, independent keys, removal. Subclass it once per implementation (in this module's
 * test-jar for adapters).
 */
public abstract class ResultCacheContractTest {
  /** Returns a new, empty cache under test. */
  protected abstract ResultCache newCache();

  /** Returns the largest value this cache must hold (5 MiB by default). */
  protected int largeValueBytes() {
    return 5 << 20;
  }

  private static String key(int n) {
    byte[] b = new byte[32];
    new Random(n).nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void missesAnUnknownKey() {
    assertThat(newCache().get(key(1))).isEmpty();
  }

  @Test
  void returnsWhatWasPutByteForByte() {
    ResultCache c = newCache();
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    c.put(key(2), all);
    assertThat(c.get(key(2))).hasValueSatisfying(v -> assertThat(v).isEqualTo(all));
  }

  @Test
  void replacesAnOlderValue() {
    ResultCache c = newCache();
    c.put(key(3), new byte[] {1});
    c.put(key(3), new byte[] {2, 3});
    assertThat(c.get(key(3))).hasValueSatisfying(v -> assertThat(v).containsExactly(2, 3));
  }

  @Test
  void holdsLargeValues() {
    ResultCache c = newCache();
    byte[] big = new byte[largeValueBytes()];
    new Random(7).nextBytes(big);
    c.put(key(4), big);
    assertThat(c.get(key(4))).hasValueSatisfying(v -> assertThat(v).isEqualTo(big));
  }

  @Test
  void keepsKeysApart() {
    ResultCache c = newCache();
    c.put(key(5), new byte[] {5});
    c.put(key(6), new byte[] {6});
    assertThat(c.get(key(5))).hasValueSatisfying(v -> assertThat(v).containsExactly(5));
    assertThat(c.get(key(6))).hasValueSatisfying(v -> assertThat(v).containsExactly(6));
    assertThat(c.get(key(7))).isEmpty();
  }

  @Test
  void holdsAnEmptyValue() {
    ResultCache c = newCache();
    c.put(key(8), new byte[0]);
    assertThat(c.get(key(8))).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void removesAValue() {
    ResultCache c = newCache();
    c.put(key(9), new byte[] {9});
    c.put(key(10), new byte[] {10});
    c.remove(key(9));
    c.remove(key(11));
    assertThat(c.get(key(9))).isEmpty();
    assertThat(c.get(key(10))).hasValueSatisfying(v -> assertThat(v).containsExactly(10));
  }
}
