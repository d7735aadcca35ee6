package dev.dugout.leaderboard.aerospike;

import org.apache.spark.util.AccumulatorV2;

/** Batch latencies from every task, as a {@link LatencyHistogram} (microseconds in). */
public final class LatencyAccumulator extends AccumulatorV2<Long, long[]> {
  private long[] buckets = LatencyHistogram.empty();

  @Override
  public boolean isZero() {
    return LatencyHistogram.count(buckets) == 0;
  }

  @Override
  public AccumulatorV2<Long, long[]> copy() {
    LatencyAccumulator c = new LatencyAccumulator();
    synchronized (this) {
      c.buckets = buckets.clone();
    }
    return c;
  }

  @Override
  public synchronized void reset() {
    buckets = LatencyHistogram.empty();
  }

  /** Several batches of a task finish on different threads at once: adds are synchronized. */
  @Override
  public synchronized void add(Long micros) {
    LatencyHistogram.record(buckets, micros);
  }

  /** Adds a whole histogram of the same buckets. */
  public synchronized void addAll(long[] histogram) {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += histogram[i];
    }
  }

  @Override
  public synchronized void merge(AccumulatorV2<Long, long[]> other) {
    long[] theirs = other.value();
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] += theirs[i];
    }
  }

  @Override
  public synchronized long[] value() {
    return buckets.clone();
  }
}
