package dev.engagement.core;

import dev.engagement.core.spi.ResultCache;
import dev.engagement.core.testing.FakeResultCache;
import dev.engagement.core.testing.ResultCacheContractTest;

/** Runs the contract against the in-memory fake, so the contract itself is known to pass. */
final class FakeResultCacheContractTest extends ResultCacheContractTest {
  @Override
  protected ResultCache newCache() {
    return new FakeResultCache();
  }
}
