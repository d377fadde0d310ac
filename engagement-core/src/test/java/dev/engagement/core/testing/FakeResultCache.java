package dev.engagement.core.testing;

import dev.engagement.core.spi.ResultCache;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory {@link ResultCache} for tests that counts its calls and can be made to fail. */
public final class FakeResultCache implements ResultCache {
  public final Map<String, byte[]> values = new ConcurrentHashMap<>();
  public final AtomicInteger gets = new AtomicInteger();
  public final AtomicInteger puts = new AtomicInteger();
  public final AtomicInteger removes = new AtomicInteger();
  public volatile boolean failing;

  @Override
  public Optional<byte[]> get(String key) {
    gets.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("cache server down");
    }
    byte[] v = values.get(key);
    return v == null ? Optional.empty() : Optional.of(v.clone());
  }

  @Override
  public void put(String key, byte[] value) {
    puts.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("cache server down");
    }
    values.put(key, value.clone());
  }

  @Override
  public void remove(String key) {
    removes.incrementAndGet();
    if (failing) {
      throw new IllegalStateException("cache server down");
    }
    values.remove(key);
  }
}
