package dev.dugout.leaderboard.live;

import static org.apache.spark.sql.functions.col;

import dev.dugout.lakehouse.MatchScope;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quality.checks.LeaderboardChecks;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.scoring.MatchTimeline;
import dev.dugout.scoring.RuleSet;
import dev.dugout.scoring.RuleSets;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout leaderboard --match ID --live}: follows a match as its deliveries land (or replays
 * a landed one), re-ranking every entry from the state held in executor memory at each refresh,
 * publishing the changed entries to the live sink, and writing a board to gold.leaderboard at the
 * snapshot cadence and at the end, through the gate.
 */
public final class LiveLeaderboardJob {
  private LiveLeaderboardJob() {}

  public static JobOutcome run(SparkSession spark, LiveOptions options, LiveSink sink, LiveView view,
      PrintStream out) {
    return JobRunner.run(spark, "leaderboard-live", options.asMap(),
        run -> execute(run, options, sink, view, out));
  }

  private static JobOutcome execute(JobRun run, LiveOptions o, LiveSink sink, LiveView view,
      PrintStream out) {
    SparkSession spark = run.spark();
    RuleSet rules = RuleSets.load(o.ruleSet());
    MatchTimeline timeline = MatchTimeline.read(spark, o.matchId(), rules);
    MatchScope scope = new MatchScope(List.of(o.matchId()));
    Map<String, Long> published = new HashMap<>();
    int refreshes = 0;
    long changedTotal = 0;
    long written = 0;
    int snapshots = 0;
    try (LiveLeaderboard board = LiveLeaderboard.load(spark, o.matchId(),
        run.readMain(ContestEntriesTable.DEFINITION).where(scope.filter(ContestEntriesTable.MATCH_ID)),
        run.readMain(UserTeamsTable.DEFINITION).where(scope.filter(UserTeamsTable.MATCH_ID)),
        null, timeline.pool(), o.layout())) {
      if (board.entries() == 0) {
        throw new IllegalArgumentException("leaderboard --live: match " + o.matchId()
            + " has no contest entries; run `dugout generate --match " + o.matchId() + "` first");
      }
      out.printf("live: match %s, %d entries in %d shards (%s, %d contest(s) split), %s%n",
          o.matchId(), board.entries(), board.shardCount(),
          board.inInputPartitions() ? "as read" : "by contest", board.splitContests().size(),
          o.replaySpeed() == null ? "following deliveries as they land"
              : "replaying " + timeline.deliveries() + " deliveries at "
                  + (o.replaySpeed().isInfinite() ? "one over per refresh" : o.replaySpeed() + "x"));
      long startedNanos = System.nanoTime();
      int snapshotAt = 0;
      while (true) {
        if (o.replaySpeed() == null && board.asOf() > 0) {
          timeline = MatchTimeline.read(spark, o.matchId(), rules);
          if (!timeline.pool().equals(board.pool())) {
            throw new IllegalStateException("match " + o.matchId() + ": its player pool changed"
                + " while live; restart the live leaderboard");
          }
        }
        int target = target(o, timeline, board.asOf(), startedNanos);
        boolean last = target == timeline.deliveries()
            && (o.replaySpeed() != null || timeline.complete());
        // A match that completes after its last delivery was ranked gets one more refresh: the
        // final one, which the sink publishes in full and which is always written.
        if (target > board.asOf() || last) {
          RefreshResult r = board.refresh(target, timeline.after(target), last, sink);
          refreshes++;
          changedTotal += r.changed();
          view.show(board, r, last);
          String pushed = sink.report(r);
          if (pushed != null) {
            out.println(pushed);
          }
          sink.metrics().forEach(run::metric);
          if (last || snapshotDue(o, timeline, snapshotAt, target)) {
            written += snapshot(run, board, published);
            snapshots++;
            snapshotAt = target;
          }
          if (last) {
            // After the final board is in the lakehouse: a sink that could not publish it all
            // fails the run here, with the Iceberg board already written.
            sink.completed(r);
          }
        }
        if (last) {
          break;
        }
        if (o.replaySpeed() == null || !o.replaySpeed().isInfinite()) {
          pause(o.every().toMillis());
        }
      }
      return new JobOutcome(run.runId(), board.entries(), written, published, String.format(
          "leaderboard --live: match %s, %d entries, %d refreshes (%d entry changes published),"
              + " %d snapshot(s) to %s, final board as of delivery %d; run %s",
          o.matchId(), board.entries(), refreshes, changedTotal, snapshots,
          LeaderboardTable.DEFINITION.name(), board.asOf(), run.runId()));
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("leaderboard --live: interrupted", e);
    }
  }

  /** The delivery the next refresh ranks as of. */
  static int target(LiveOptions o, MatchTimeline timeline, int current, long startedNanos) {
    int n = timeline.deliveries();
    if (o.replaySpeed() == null) {
      return n;
    }
    if (o.replaySpeed().isInfinite()) {
      int next = current + 1;
      while (next < n && !timeline.overEnds()[next - 1]) {
        next++;
      }
      return Math.min(next, n);
    }
    double matchSeconds = (System.nanoTime() - startedNanos) / 1e9 * o.replaySpeed();
    return (int) Math.min(n, Math.max(1, Math.floor(matchSeconds / LiveOptions.NOMINAL_DELIVERY_SECONDS)));
  }

  static boolean snapshotDue(LiveOptions o, MatchTimeline timeline, int lastSnapshot, int target) {
    if (o.snapshotEvery() > 0) {
      return target - lastSnapshot >= o.snapshotEvery();
    }
    for (int d = lastSnapshot + 1; d <= target; d++) {
      if (timeline.overEnds()[d - 1]) {
        return true;
      }
    }
    return false;
  }

  /** Writes the board as it is now through the gate; returns the rows written. */
  private static long snapshot(JobRun run, LiveLeaderboard board, Map<String, Long> published) {
    MatchScope scope = new MatchScope(List.of(board.matchId()));
    try (WriteAuditPublish wap = WriteAuditPublish.begin(run.spark(), run.runId() + "_" + board.asOf(),
        List.of(LeaderboardTable.DEFINITION))) {
      scope.replaceOnBranch(wap, LeaderboardTable.DEFINITION, LeaderboardTable.MATCH_ID,
          LeaderboardTable.AS_OF_DELIVERY + " = " + board.asOf(),
          board.boardRows(Timestamp.from(Instant.now()), run.runId()),
            TableWrites.COLUMNAR);
      published.putAll(wap.auditAndPublish(List.of(new WriteAuditPublish.Audit(
          new LeaderboardChecks(), col(LeaderboardTable.MATCH_ID).equalTo(board.matchId())
              .and(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(board.asOf()))))));
    }
    return board.entries();
  }
}
