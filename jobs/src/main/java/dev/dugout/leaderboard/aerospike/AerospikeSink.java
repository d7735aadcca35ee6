package dev.dugout.leaderboard.aerospike;

import com.aerospike.client.BatchWrite;
import com.aerospike.client.Key;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.RecordExistsAction;
import dev.dugout.lakehouse.ConfigKey;
import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.leaderboard.live.ContestTop;
import dev.dugout.leaderboard.live.LiveSink;
import dev.dugout.leaderboard.live.RankChange;
import dev.dugout.leaderboard.live.RefreshResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.SparkSession;

/**
 * The live leaderboard's ranks in Aerospike (record layout: {@link RecordLayout}). Every refresh
 * writes the changed entries, their users' records and the contests whose top changed to the
 * {@code live} namespace; the final refresh writes every entry to {@code complete} as well, retried
 * until {@code aerospike.final-deadline-s}. Writes run on the executors, per partition, in
 * batches; a refresh that could not be written whole leaves the sink behind, and the next refresh
 * then hands it every entry: it catches up from the newest state, not by replaying what it missed.
 */
public final class AerospikeSink implements LiveSink {
  /** What a leaderboard page shows first. */
  public static final int TOP = 100;

  private final DugoutConfig.Aerospike settings;
  private final PushCounters counters;
  // Driver-only state (the executors get a copy without it).
  private transient boolean behind;
  private transient PushStats before;
  private transient long skipped;
  private transient PushStats lastRefresh;

  private AerospikeSink(DugoutConfig.Aerospike settings, PushCounters counters) {
    this.settings = settings;
    this.counters = counters;
    this.before = PushStats.ZERO;
    this.lastRefresh = PushStats.ZERO;
  }

  /** A sink writing to {@code settings.hosts()}, its counters registered with the session. */
  public static AerospikeSink create(SparkSession spark, DugoutConfig.Aerospike settings) {
    AerospikeClients.hosts(settings.hosts());   // fails now, on the driver, naming a bad host
    return new AerospikeSink(settings, new PushCounters(spark.sparkContext()));
  }

  /** The one call for a caller with a config: Aerospike as configured (hosts required). */
  public static AerospikeSink forConfig(SparkSession spark, DugoutConfig config) {
    if (!config.aerospike().configured()) {
      throw new IllegalArgumentException("no Aerospike configured: set "
          + ConfigKey.AEROSPIKE_HOSTS.property() + " (or $AEROSPIKE_HOSTS), or start the dev"
          + " server with `dugout dev aerospike start`");
    }
    return create(spark, config.aerospike());
  }

  public DugoutConfig.Aerospike settings() {
    return settings;
  }

  @Override
  public int topPerContest() {
    return TOP;
  }

  @Override
  public boolean needsFullState() {
    return behind;
  }

  /** Where a refresh goes: live always; complete too for the final board. */
  private record Target(String namespace, BatchWritePolicy policy, long deadlineNanos,
      boolean finalBoard) {}

  private List<Target> targets(Refresh refresh) {
    List<Target> targets = new ArrayList<>();
    // The final board is retried until the deadline in both namespaces: a reader of live must
    // not keep a rank from before an outage once the match is over.
    long deadline = refresh.last() ? System.nanoTime() + settings.finalDeadline().toNanos() : 0;
    if (refresh.last()) {
      targets.add(new Target(settings.completeNamespace(),
          policy(refresh.asOf(), settings.completeTtlSeconds()), deadline, true));
    }
    targets.add(new Target(settings.liveNamespace(), policy(refresh.asOf(),
        settings.liveTtlSeconds()), deadline, false));
    return targets;
  }

  private static BatchWritePolicy policy(int asOf, int ttlSeconds) {
    BatchWritePolicy p = new BatchWritePolicy();
    p.expiration = ttlSeconds;
    p.recordExistsAction = RecordExistsAction.UPDATE;
    p.filterExp = RecordLayout.asOfGuard(asOf);
    p.sendKey = true;
    return p;
  }

  @Override
  public void write(Refresh refresh, Iterator<RankChange> changes) throws Exception {
    AerospikeClients.Connection connection = AerospikeClients.of(settings);
    List<Target> targets = targets(refresh);
    long now = System.currentTimeMillis();
    PushTally tally = new PushTally();
    AtomicLong finalAcked = new AtomicLong();
    Map<String, List<RankChange>> byUser = new HashMap<>();
    List<BatchPusher> pushers = new ArrayList<>();
    try {
      for (Target t : targets) {
        pushers.add(new BatchPusher(connection, settings, tally, t.deadlineNanos()));
      }
      while (changes.hasNext()) {
        RankChange c = changes.next();
        byUser.computeIfAbsent(c.userId(), k -> new ArrayList<>()).add(c);
        for (int i = 0; i < targets.size(); i++) {
          Target t = targets.get(i);
          pushers.get(i).add(new BatchWrite(t.policy(),
              new Key(t.namespace(), settings.entriesSet(), c.entryId()),
              RecordLayout.entry(c, now)), t.finalBoard() ? finalAcked : null);
        }
      }
      for (var user : byUser.entrySet()) {
        for (int i = 0; i < targets.size(); i++) {
          Target t = targets.get(i);
          pushers.get(i).add(new BatchWrite(t.policy(), new Key(t.namespace(),
              settings.userEntriesSet(), RecordLayout.userKey(user.getKey(), refresh.matchId())),
              RecordLayout.user(user.getKey(), refresh.matchId(), refresh.asOf(), user.getValue(),
                  now)), null);
        }
      }
    } finally {
      for (BatchPusher p : pushers) {
        p.close();
      }
    }
    tally.finalAcked.addAndGet(finalAcked.get());
    counters.add(tally);
  }

  @Override
  public void writeTops(Refresh refresh, List<ContestTop> tops) throws Exception {
    if (tops.isEmpty()) {
      return;
    }
    PushTally tally = new PushTally();
    AerospikeClients.Connection connection = AerospikeClients.of(settings);
    long now = System.currentTimeMillis();
    for (Target t : targets(refresh)) {
      try (BatchPusher pusher = new BatchPusher(connection, settings, tally, t.deadlineNanos())) {
        for (ContestTop top : tops) {
          pusher.add(new BatchWrite(t.policy(), new Key(t.namespace(), settings.contestTopSet(),
              top.contestId()), RecordLayout.contestTop(refresh.matchId(), refresh.asOf(), top,
              now)), null);
        }
      }
    }
    counters.add(tally);
  }

  @Override
  public void refreshed(RefreshResult result) {
    try {
      // The split contests' tops, merged on the driver: written from here.
      writeTops(new Refresh(result.matchId(), result.asOf(), result.last()), result.splitTops());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("aerospike: interrupted while writing contest tops", e);
    } catch (Exception e) {
      throw new IllegalStateException("aerospike: writing the tops of split contests of match "
          + result.matchId() + " as of " + result.asOf() + " failed: " + e.getMessage(), e);
    }
    skipped += result.entries() - result.handed();
    PushStats now = counters.snapshot().withSkipped(skipped);
    lastRefresh = now.minus(before);
    before = now;
    // Anything not written leaves the sink behind: the next refresh hands it every entry.
    behind = lastRefresh.missed() > 0;
  }

  @Override
  public String report(RefreshResult result) {
    return "aerospike as of " + result.asOf() + (result.full() ? " (every entry)" : "") + ": "
        + lastRefresh.line() + (behind ? "; behind: the next refresh writes every entry" : "");
  }

  /** This run's counters so far. */
  public PushStats total() {
    return counters.snapshot().withSkipped(skipped);
  }

  /** What the last refresh pushed. */
  public PushStats lastRefresh() {
    return lastRefresh;
  }

  @Override
  public Map<String, String> metrics() {
    return total().asMap("aerospike.");
  }

  @Override
  public void completed(RefreshResult last) {
    long acked = total().finalAcked();
    if (acked < last.entries()) {
      throw new IllegalStateException("aerospike: " + (last.entries() - acked) + " of "
          + last.entries() + " entries of the final board of match " + last.matchId()
          + " are not acknowledged by namespace " + settings.completeNamespace() + " after "
          + settings.finalDeadline().toSeconds() + " s of retries (" + ConfigKey
          .AEROSPIKE_FINAL_DEADLINE_S.property() + "); the board is in gold.leaderboard as of"
          + " delivery " + last.asOf() + "; check the cluster at " + settings.hosts()
          + " and run the live leaderboard again to push it");
    }
  }
}
