package dev.dugout.leaderboard.aerospike;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One task's counts while its batches are in flight on several threads (Spark's accumulators are
 * not thread-safe within a task); added to the {@link PushCounters} once the batches are done.
 */
final class PushTally {
  final AtomicLong written = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong deferred = new AtomicLong();
  final AtomicLong retried = new AtomicLong();
  final AtomicLong stale = new AtomicLong();
  final AtomicLong breakerOpens = new AtomicLong();
  final AtomicLong finalAcked = new AtomicLong();
  private final long[] latency = LatencyHistogram.empty();

  synchronized void latency(long micros) {
    LatencyHistogram.record(latency, micros);
  }

  synchronized long[] latency() {
    return latency.clone();
  }

  PushStats stats() {
    return new PushStats(written.get(), failed.get(), deferred.get(), retried.get(), stale.get(),
        0, breakerOpens.get(), finalAcked.get(), latency());
  }
}
