package dev.dugout.leaderboard.aerospike;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The push's counters as Spark accumulators, registered on the driver, added to by the tasks (and
 * by the driver's own writes of split contests' tops), read on the driver after each refresh.
 */
public final class PushCounters implements Serializable {
  private final LongAccumulator written;
  private final LongAccumulator failed;
  private final LongAccumulator deferred;
  private final LongAccumulator retried;
  private final LongAccumulator stale;
  private final LongAccumulator breakerOpens;
  private final LongAccumulator finalAcked;
  private final LatencyAccumulator latency;

  public PushCounters(SparkContext sc) {
    written = sc.longAccumulator("aerospike written");
    failed = sc.longAccumulator("aerospike failed");
    deferred = sc.longAccumulator("aerospike deferred");
    retried = sc.longAccumulator("aerospike retried");
    stale = sc.longAccumulator("aerospike stale");
    breakerOpens = sc.longAccumulator("aerospike breaker opens");
    finalAcked = sc.longAccumulator("aerospike final entries acknowledged");
    latency = new LatencyAccumulator();
    sc.register(latency, "aerospike batch latency");
  }

  /** Adds a task's tally; called once per tally, on the task's own thread. */
  void add(PushTally t) {
    PushStats s = t.stats();
    written.add(s.written());
    failed.add(s.failed());
    deferred.add(s.deferred());
    retried.add(s.retried());
    stale.add(s.stale());
    breakerOpens.add(s.breakerOpens());
    finalAcked.add(s.finalAcked());
    latency.addAll(s.latency());
  }

  /** The totals so far (on the driver); skipped is the sink's to add. */
  public PushStats snapshot() {
    return new PushStats(written.value(), failed.value(), deferred.value(), retried.value(),
        stale.value(), 0, breakerOpens.value(), finalAcked.value(), latency.value());
  }
}
