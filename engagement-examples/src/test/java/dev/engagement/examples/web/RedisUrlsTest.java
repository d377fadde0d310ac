package dev.engagement.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The Redis URLs of {@code serve --redis} and {@code CACHE_REDIS_URL}: checked early, shown without a password. */
final class RedisUrlsTest {
  @Test
  void aRedisUrlIsShownWithoutItsPassword() {
    assertThat(RedisUrls.safe("redis://:s3cret@redis.internal:6379/0")).isEqualTo("redis://:***@redis.internal:6379/0");
    assertThat(RedisUrls.safe("rediss://app:s3cret@redis.internal:6380")).isEqualTo("rediss://app:***@redis.internal:6380");
    assertThat(RedisUrls.safe("redis://127.0.0.1:6379")).isEqualTo("redis://127.0.0.1:6379");
    assertThat(RedisUrls.safe("redis://s3cret@host")).doesNotContain("s3cret");
  }

  @Test
  void onlyRedisUrlsWithAHostPass() {
    RedisUrls.check("redis://127.0.0.1:6379", "--redis");
    RedisUrls.check("rediss://:pw@redis.internal:6380/2", "--redis");
    assertThatThrownBy(() -> RedisUrls.check("http://127.0.0.1:6379", "--redis"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--redis must start with redis:// or rediss:// but was http://127.0.0.1:6379");
    assertThatThrownBy(() -> RedisUrls.check("redis:///0", "--redis")).hasMessageContaining("has no host");
    assertThatThrownBy(() -> RedisUrls.check("redis://:pw@ho st", "--redis"))
        .hasMessageContaining("is not a URL")
        .hasMessageNotContaining("pw");
  }
}
