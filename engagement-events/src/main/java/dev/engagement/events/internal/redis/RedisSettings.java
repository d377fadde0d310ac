package dev.engagement.events.internal.redis;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What {@link RedissonBroadcast} connects to and how. Immutable; its {@link #toString} never
 * shows the password.
 *
 * @param address {@code redis://host:port} or {@code rediss://host:port}
 * @param username the ACL user, or null
 * @param password the password, or null
 * @param database the database (pub/sub channels do not depend on it)
 * @param channel the pub/sub channel
 * @param maxQueuedBytes the bound of the messages waiting to be published
 * @param connectTimeout how long connecting may take
 */
public record RedisSettings(
    String address,
    @Nullable String username,
    @Nullable String password,
    int database,
    String channel,
    long maxQueuedBytes,
    Duration connectTimeout) {
  /** Checks the fields. */
  public RedisSettings {
    requireNonNull(address, "address");
    requireNonNull(channel, "channel");
    requireNonNull(connectTimeout, "connectTimeout");
  }

  @Override
  public String toString() {
    return address + (database == 0 ? "" : "/" + database) + ", channel " + channel;
  }
}
