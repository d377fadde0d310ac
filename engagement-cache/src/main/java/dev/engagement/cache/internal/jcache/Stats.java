package dev.engagement.cache.internal.jcache;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/** The statistics of one cache, as JCache counts them. Thread-safe. */
final class Stats implements CacheStatisticsMXBean {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();

  void hits(long n) {
    hits.add(n);
  }

  void misses(long n) {
    misses.add(n);
  }

  void puts(long n) {
    puts.add(n);
  }

  void removals(long n) {
    removals.add(n);
  }

  void evictions(long n) {
    evictions.add(n);
  }

  void getTime(long nanos) {
    getNanos.add(nanos);
  }

  void putTime(long nanos) {
    putNanos.add(nanos);
  }

  void removeTime(long nanos) {
    removeNanos.add(nanos);
  }

  @Override
  public void clear() {
    hits.reset();
    misses.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    getNanos.reset();
    putNanos.reset();
    removeNanos.reset();
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long h = getCacheHits();
    long g = getCacheGets();
    return g == 0 ? 0 : (float) h / g * 100.0f;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long m = getCacheMisses();
    long g = getCacheGets();
    return g == 0 ? 0 : (float) m / g * 100.0f;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return average(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return average(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return average(removeNanos.sum(), getCacheRemovals());
  }

  /** JCache reports averages in microseconds. */
  private static float average(long nanos, long count) {
    return count == 0 ? 0 : (float) nanos / count / 1000.0f;
  }
}
