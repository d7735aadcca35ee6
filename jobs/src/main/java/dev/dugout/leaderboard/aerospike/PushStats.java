package dev.dugout.leaderboard.aerospike;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the push to Aerospike did, in records (entries, users, contest tops): cumulative from
 * {@link PushCounters#snapshot()}, or one refresh's share as the difference of two snapshots.
 *
 * @param written acknowledged writes
 * @param failed records given up on after the attempts (or the final deadline), or refused for
 *     good by the server
 * @param deferred records not sent because the circuit breaker was open
 * @param retried record re-sends after a failed attempt
 * @param stale writes the as-of guard filtered out: the server held a newer refresh
 * @param skipped entries not written because neither points nor rank changed
 * @param breakerOpens times a circuit breaker opened
 * @param finalAcked entry records of the final board acknowledged by the complete namespace
 * @param latency batch-attempt latencies, a {@link LatencyHistogram}
 */
public record PushStats(long written, long failed, long deferred, long retried, long stale,
    long skipped, long breakerOpens, long finalAcked, long[] latency) {

  public static final PushStats ZERO = new PushStats(0, 0, 0, 0, 0, 0, 0, 0,
      LatencyHistogram.empty());

  public PushStats minus(PushStats before) {
    return new PushStats(written - before.written, failed - before.failed,
        deferred - before.deferred, retried - before.retried, stale - before.stale,
        skipped - before.skipped, breakerOpens - before.breakerOpens,
        finalAcked - before.finalAcked, LatencyHistogram.minus(latency, before.latency));
  }

  public PushStats withSkipped(long moreSkipped) {
    return new PushStats(written, failed, deferred, retried, stale, skipped + moreSkipped,
        breakerOpens, finalAcked, latency);
  }

  /** Records that did not reach Aerospike (failed or deferred). */
  public long missed() {
    return failed + deferred;
  }

  public double p(double percentile) {
    return LatencyHistogram.percentileMillis(latency, percentile);
  }

  /** One line: what a refresh (or the run) pushed. */
  public String line() {
    return String.format("written %d, skipped unchanged %d, stale %d, retried %d, failed %d,"
        + " deferred %d, breaker opened %d; batch latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms",
        written, skipped, stale, retried, failed, deferred, breakerOpens, p(50), p(95), p(99));
  }

  /** The figures by name, for ops.job_runs. */
  public Map<String, String> asMap(String prefix) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(prefix + "written", Long.toString(written));
    m.put(prefix + "failed", Long.toString(failed));
    m.put(prefix + "deferred", Long.toString(deferred));
    m.put(prefix + "retried", Long.toString(retried));
    m.put(prefix + "stale", Long.toString(stale));
    m.put(prefix + "skipped_unchanged", Long.toString(skipped));
    m.put(prefix + "breaker_opens", Long.toString(breakerOpens));
    m.put(prefix + "final_acked", Long.toString(finalAcked));
    m.put(prefix + "latency_p50_ms", String.format("%.2f", p(50)));
    m.put(prefix + "latency_p95_ms", String.format("%.2f", p(95)));
    m.put(prefix + "latency_p99_ms", String.format("%.2f", p(99)));
    return m;
  }
}
