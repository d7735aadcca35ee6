package dev.dugout.leaderboard;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.dugout.lakehouse.MatchScope;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveSink;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quality.checks.LeaderboardChecks;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout leaderboard --match ID [--as-of N]}: every entry's team points (captain x2,
 * vice-captain x1.5, exact) and competition rank in its contest, as of a delivery, into
 * gold.leaderboard through the gate.
 *
 * <p>A batch run is one refresh of the live engine ({@link LiveLeaderboard}): entries joined to
 * their teams once, partitioned by contest (the mega contest split across shards), ranked from
 * per-contest points histograms (rank = 1 + entries with more points), written as one board.
 * The previous rank is the rank on the match's latest earlier board.
 */
public final class BuildLeaderboardJob {
  private BuildLeaderboardJob() {}

  public static JobOutcome run(SparkSession spark, LeaderboardOptions options, PrintStream out) {
    return JobRunner.run(spark, "leaderboard", options.asMap(), run -> execute(run, options));
  }

  private static JobOutcome execute(JobRun run, LeaderboardOptions options) {
    MatchScope scope = new MatchScope(List.of(options.matchId()));
    PlayerPointsHistory points = PlayerPointsHistory.read(
        run.readMain(PlayerPointsTable.DEFINITION), options.matchId());
    int last = points.deliveries();
    int asOf = options.asOfDelivery() == null ? last : options.asOfDelivery();
    if (asOf > last) {
      throw new IllegalArgumentException("leaderboard: --as-of " + asOf + " is past the last"
          + " delivery (" + last + ") of match " + options.matchId());
    }
    List<String> pool = points.pool();
    long[] hundredths = points.after(asOf);
    try (LiveLeaderboard board = LiveLeaderboard.load(run.spark(), options.matchId(),
        run.readMain(ContestEntriesTable.DEFINITION).where(scope.filter(ContestEntriesTable.MATCH_ID)),
        run.readMain(UserTeamsTable.DEFINITION).where(scope.filter(UserTeamsTable.MATCH_ID)),
        previousBoard(run, options.matchId(), asOf), pool, options.layout())) {
      board.refresh(asOf, hundredths, asOf == last, LiveSink.NONE);
      Map<String, Long> published;
      try (WriteAuditPublish wap = WriteAuditPublish.begin(run.spark(), run.runId(),
          List.of(LeaderboardTable.DEFINITION))) {
        // Only this board (match, as-of) is replaced; the match's other boards stay.
        scope.replaceOnBranch(wap, LeaderboardTable.DEFINITION, LeaderboardTable.MATCH_ID,
            LeaderboardTable.AS_OF_DELIVERY + " = " + asOf,
            board.boardRows(Timestamp.from(run.startedAt()), run.runId()),
            TableWrites.COLUMNAR);
        published = wap.auditAndPublish(List.of(new WriteAuditPublish.Audit(new LeaderboardChecks(),
            col(LeaderboardTable.MATCH_ID).equalTo(options.matchId())
                .and(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(asOf)))));
      }
      long rows = board.entries();
      return new JobOutcome(run.runId(), rows, rows, published, String.format(
          "leaderboard: match %s as of delivery %d of %d, %d entries ranked; run %s",
          options.matchId(), asOf, last, rows, run.runId()));
    }
  }

  /**
   * Ranks of the latest earlier board of the match (entry_id, previous_rank); null if there is
   * none, which lets the load keep the entries where they were read (no join to make).
   */
  private static Dataset<Row> previousBoard(JobRun run, String matchId, int asOf) {
    Dataset<Row> boards = run.readMain(LeaderboardTable.DEFINITION)
        .where(col(LeaderboardTable.MATCH_ID).equalTo(matchId)
            .and(col(LeaderboardTable.AS_OF_DELIVERY).lt(asOf)));
    Row latest = boards.agg(max(LeaderboardTable.AS_OF_DELIVERY)).first();
    if (latest.isNullAt(0)) {
      return null;
    }
    return boards.where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(latest.getInt(0)))
        .select(col(LeaderboardTable.ENTRY_ID),
            col(LeaderboardTable.RANK).as(LeaderboardTable.PREVIOUS_RANK));
  }
}
