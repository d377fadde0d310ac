package dev.engagement.cache;

import java.util.Map;

/** SimpleCache (Caffeine's JCache provider) passes the contract. */
final class SimpleCacheContractTest extends CacheTypeContractTest {
  @Override
  protected String typeName() {
    return "SimpleCache";
  }

  @Override
  protected Map<String, Object> config() {
    return Map.of();
  }

  private final FakeClock clock = new FakeClock();

  @Override
  protected FakeClock clock() {
    return clock;
  }

  @Override
  protected boolean boundedByThreshold() {
    return true;
  }

  @Override
  protected boolean shared() {
    return false;
  }
}
