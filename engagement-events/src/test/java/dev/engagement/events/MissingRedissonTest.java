package dev.engagement.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class path of an application without Redisson (the surefire execution {@code
 * without-redisson}): RedisBroadcast says which jar to add, and everything else works.
 */
final class MissingRedissonTest {
  @TempDir Path temp;

  @BeforeAll
  static void redissonIsMissing() {
    // elsewhere (a -Dtest=... run with every jar) there is nothing to check
    Assumptions.assumeTrue(
        "redisson".equals(System.getProperty("engagement.test.without")),
        "runs in the without-redisson execution");
    assertThatThrownBy(() -> Class.forName("org.redisson.Redisson"))
        .as("the without-redisson execution leaves Redisson out")
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void namesTheMavenCoordinatesOfTheMissingJar() {
    assertThatThrownBy(() -> RedisBroadcast.connect("redis://127.0.0.1:6379"))
        .isInstanceOf(BroadcastConfigurationException.class)
        .hasMessageStartingWith("RedisBroadcast needs the optional dependency org.redisson:redisson:"
            + RedisBroadcast.redissonVersion() + ", which is not on the class path")
        .hasMessageContaining("<groupId>org.redisson</groupId><artifactId>redisson</artifactId>");
    // a bad URL is still reported as such first
    assertThatThrownBy(() -> RedisBroadcast.connect("http://127.0.0.1:6379"))
        .hasMessageContaining("must start with redis://");
  }

  @Test
  void aServerWithoutRedisWorks() throws Exception {
    try (Deployed d = Deployed.start(TestContainer.all().get(0), SocketIoServer.builder().build(), temp);
        FrameClient c = d.joined()) {
      d.server.emit("message", "hello");
      assertThat(c.nextMessage()).isEqualTo("42[\"message\",\"hello\"]");
    }
  }
}
