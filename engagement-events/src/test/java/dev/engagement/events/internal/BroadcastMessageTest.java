package dev.engagement.events.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broadcasts between instances: what one writes, the other reads, and nothing else. */
final class BroadcastMessageTest {
  static final byte[] ORIGIN = Ids.bytes(BroadcastMessage.ORIGIN_BYTES);

  @Test
  void readsBackWhatItWrites() {
    Object[] frames = {"451-/custom,[\"blob\",\"héllo €\",{\"_placeholder\":true,\"num\":0}]", new byte[] {0, -1, 7}};
    BroadcastMessage m = BroadcastMessage.decode(new BroadcastMessage(ORIGIN, "/custom", "batch 1 ✓", frames).encode());
    assertThat(m.origin()).isEqualTo(ORIGIN);
    assertThat(m.namespace()).isEqualTo("/custom");
    assertThat(m.room()).isEqualTo("batch 1 ✓");
    assertThat(m.frames()[0]).isEqualTo(frames[0]);
    assertThat((byte[]) m.frames()[1]).containsExactly(0, -1, 7);

    BroadcastMessage all = BroadcastMessage.decode(new BroadcastMessage(ORIGIN, "/", null, new Object[] {"42[\"x\"]"}).encode());
    assertThat(all.room()).isNull();
    assertThat(all.frames()).containsExactly("42[\"x\"]");
    BroadcastMessage empty = BroadcastMessage.decode(new BroadcastMessage(ORIGIN, "/", "", new Object[] {"42[\"x\"]"}).encode());
    assertThat(empty.room()).isEmpty();
  }

  @Test
  void refusesAnythingButOneWholeEvent() {
    byte[] good = new BroadcastMessage(ORIGIN, "/", null, new Object[] {"42[\"x\"]"}).encode();
    List<byte[]> bad =
        List.of(
            new byte[0],
            Arrays.copyOf(good, 10),
            Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length + 1),
            "EGB2".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
            new BroadcastMessage(ORIGIN, "nsp", null, new Object[] {"42[\"x\"]"}).encode(),
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"2"}).encode(), // a ping
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"1"}).encode(), // an engine close
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"40{\"sid\":\"x\"}"}).encode(),
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"41"}).encode(),
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"451-[\"x\",{}]"}).encode(), // its attachment missing
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"42[\"x\"]", new byte[] {1}}).encode(),
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {"452-[\"x\"]", new byte[] {1}, "text"}).encode(),
            new BroadcastMessage(ORIGIN, "/", null, new Object[] {new byte[] {1}}).encode(),
            withInvalidUtf8(good));
    for (byte[] b : bad) {
      assertThatThrownBy(() -> BroadcastMessage.decode(b)).as(Arrays.toString(b)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  /** Replaces the text frame's last byte ({@code ]}) with one that is not UTF-8 on its own. */
  private static byte[] withInvalidUtf8(byte[] good) {
    byte[] b = good.clone();
    b[b.length - 1] = (byte) 0xC3;
    return b;
  }
}
