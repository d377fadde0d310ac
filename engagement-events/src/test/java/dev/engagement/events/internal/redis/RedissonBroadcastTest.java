package dev.engagement.events.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Redis message that carries several broadcasts. */
final class RedissonBroadcastTest {
  @Test
  void framesMessagesAndReadsThemBack() {
    List<byte[]> messages = List.of(new byte[] {1, 2, 3}, new byte[0], new byte[] {4});
    byte[] frame = RedissonBroadcast.frame(messages, 4);
    assertThat(frame).hasSize(4 + 3 * 4 + 4);
    assertThat(RedissonBroadcast.unframe(frame)).containsExactly(new byte[] {1, 2, 3}, new byte[0], new byte[] {4});
  }

  @Test
  void refusesWhatNoInstanceSent() {
    byte[] good = RedissonBroadcast.frame(List.of(new byte[] {1, 2}), 2);
    for (byte[] bad :
        List.of(
            new byte[0],
            new byte[] {0, 0, 0},
            ByteBuffer.allocate(4).putInt(0).array(), // no messages
            ByteBuffer.allocate(4).putInt(-1).array(),
            ByteBuffer.allocate(8).putInt(1).putInt(5).array(), // a length past the end
            ByteBuffer.allocate(8).putInt(1).putInt(-2).array(),
            java.util.Arrays.copyOf(good, good.length - 1), // truncated
            java.util.Arrays.copyOf(good, good.length + 1), // a byte too many
            ByteBuffer.allocate(4).putInt(Integer.MAX_VALUE).array())) {
      assertThatThrownBy(() -> RedissonBroadcast.unframe(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
