package dev.engagement.events.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a client's {@code log} text becomes, and the per-connection rate limit. */
final class ClientLogTest {
  @Test
  void keepsPrintableTextAsItIs() {
    assertThat(ClientLog.clean("Rolled 3 letters: Smith & Söhne, 5 € — done ✓ 😀"))
        .isEqualTo("Rolled 3 letters: Smith & Söhne, 5 € — done ✓ 😀");
  }

  @Test
  void escapesLineBreaksAndRemovesEveryControlAndBidiCharacter() {
    String hostile =
        "a\nb\rc\td"
            + "\u0000\u0007\u001b[31mred\u001b[0m" // C0, ANSI escapes
            + "\u007f\u0085\u009b" // DEL, NEL, CSI
            + "\u2028\u2029" // line and paragraph separators
            + "\u202atxt\u202b\u202c\u202d\u202e" // embeddings and overrides
            + "\u2066\u2067\u2068\u2069" // isolates
            + "\u200e\u200f\u061c" // marks
            + "\u200b\u200d\ufeff" // zero-width characters
            + "\ud800" // a lone surrogate
            + "end";
    String clean = ClientLog.clean(hostile);
    assertThat(clean).isEqualTo("a\\nb\\rc d[31mred[0mtxtend");
    clean.codePoints().forEach(cp -> assertThat(Character.isISOControl(cp) || ClientLog.invisible(cp))
        .as("U+%04X", cp).isFalse());
  }

  @Test
  void cutsLongTextWithoutSplittingASurrogatePair() {
    String text = "x".repeat(ClientLog.MAX_MESSAGE - 1) + "😀" + "y";
    String clean = ClientLog.clean(text);
    assertThat(clean).isEqualTo("x".repeat(ClientLog.MAX_MESSAGE - 1) + "...");
    assertThat(ClientLog.clean("é".repeat(5000))).hasSize(ClientLog.MAX_MESSAGE + 3);
  }

  @Test
  void writesABurstThenTheRateAndCountsWhatItDrops() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    LogRateLimiter limiter = new LogRateLimiter(2, 10, now::get);
    List<LogRateLimiter.Decision> first = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      first.add(limiter.acquire());
    }
    assertThat(first.subList(0, 10)).containsOnly(LogRateLimiter.Decision.WRITE);
    assertThat(first.get(10)).isEqualTo(LogRateLimiter.Decision.DROP_FIRST);
    assertThat(first.subList(11, 100)).containsOnly(LogRateLimiter.Decision.DROP);

    now.addAndGet(400_000_000L); // 0.4 s: 0.8 of a token
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.DROP);
    now.addAndGet(600_000_000L); // 1 s after the first refusal: 2 tokens
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.WRITE_AFTER_DROPS);
    assertThat(limiter.takeDropped()).isEqualTo(91);
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.WRITE);
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.DROP);

    // reports come at most once a second, before a line that is written
    now.addAndGet(500_000_000L);
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.WRITE);
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.DROP);
    now.addAndGet(500_000_000L);
    assertThat(limiter.acquire()).isEqualTo(LogRateLimiter.Decision.WRITE_AFTER_DROPS);
    assertThat(limiter.takeDropped()).isEqualTo(2);

    // ten seconds of quiet fill the bucket again, to the burst and no further
    now.addAndGet(10_000_000_000L);
    int written = 0;
    while (limiter.acquire() != LogRateLimiter.Decision.DROP) {
      written++;
    }
    assertThat(written).isEqualTo(10);
  }
}
