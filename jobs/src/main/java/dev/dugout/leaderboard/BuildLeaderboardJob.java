package dev.dugout.leaderboard;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import dev.dugout.lakehouse.MatchScope;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quality.checks.LeaderboardChecks;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code dugout leaderboard --match ID [--as-of N]}: every entry's team points (captain x2,
 * vice-captain x1.5, exact) and competition rank in its contest, as of a delivery, into
 * gold.leaderboard through the gate.
 *
 * <p>Ranks come from per-contest points histograms: rank = 1 + entries with more points. The
 * histogram is aggregated map-side, so a mega contest of millions of entries never sorts in one
 * task; only the (contest, points) pairs travel.
 */
public final class BuildLeaderboardJob {
  public static final String UNITS = "units";

  private BuildLeaderboardJob() {}

  public static JobOutcome run(SparkSession spark, LeaderboardOptions options, PrintStream out) {
    return JobRunner.run(spark, "leaderboard", options.asMap(), run -> execute(run, options));
  }

  private static JobOutcome execute(JobRun run, LeaderboardOptions options) {
    MatchScope scope = new MatchScope(List.of(options.matchId()));
    List<Row> players = run.readMain(PlayerPointsTable.DEFINITION)
        .where(scope.filter(PlayerPointsTable.MATCH_ID))
        .select(PlayerPointsTable.PLAYER_ID, PlayerPointsTable.POINTS_AFTER_DELIVERY).collectAsList();
    if (players.isEmpty()) {
      throw new IllegalArgumentException("leaderboard: match " + options.matchId()
          + " has no player points; run `dugout score --match " + options.matchId() + "` first");
    }
    int last = players.get(0).getList(1).size();
    int asOf = options.asOfDelivery() == null ? last : options.asOfDelivery();
    if (asOf > last) {
      throw new IllegalArgumentException("leaderboard: --as-of " + asOf + " is past the last"
          + " delivery (" + last + ") of match " + options.matchId());
    }
    Map<String, Long> hundredths = new HashMap<>();
    for (Row p : players) {
      hundredths.put(p.getString(0), TeamPoints.hundredths(p.<BigDecimal>getList(1).get(asOf - 1)));
    }
    Dataset<Row> teams = run.readMain(UserTeamsTable.DEFINITION)
        .where(scope.filter(UserTeamsTable.MATCH_ID));
    Dataset<Row> entries = run.readMain(ContestEntriesTable.DEFINITION)
        .where(scope.filter(ContestEntriesTable.MATCH_ID));
    Dataset<Row> previous = previousBoard(run, options.matchId(), asOf);
    Dataset<Row> board = rank(entries, teamUnits(teams, hundredths), previous, options.matchId(), asOf,
        Timestamp.from(run.startedAt()), run.runId()).cache();
    try {
      long rows = board.count();
      Map<String, Long> published;
      try (WriteAuditPublish wap = WriteAuditPublish.begin(run.spark(), run.runId(),
          List.of(LeaderboardTable.DEFINITION))) {
        // Only this board (match, as-of) is replaced; the match's other boards stay.
        scope.replaceOnBranch(wap, LeaderboardTable.DEFINITION, LeaderboardTable.MATCH_ID,
            LeaderboardTable.AS_OF_DELIVERY + " = " + asOf, board, Map.of());
        published = wap.auditAndPublish(List.of(new WriteAuditPublish.Audit(new LeaderboardChecks(),
            col(LeaderboardTable.MATCH_ID).equalTo(options.matchId())
                .and(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(asOf)))));
      }
      return new JobOutcome(run.runId(), rows, rows, published, String.format(
          "leaderboard: match %s as of delivery %d of %d, %d entries ranked; run %s",
          options.matchId(), asOf, last, rows, run.runId()));
    } finally {
      board.unpersist();
    }
  }

  /** (team_id, units): each team's exact points, computed on the executors. */
  public static Dataset<Row> teamUnits(Dataset<Row> teams, Map<String, Long> playerHundredths) {
    Map<String, Long> points = Map.copyOf(playerHundredths);
    StructType schema = new StructType()
        .add(UserTeamsTable.TEAM_ID, DataTypes.StringType, false)
        .add(UNITS, DataTypes.LongType, false);
    MapPartitionsFunction<Row, Row> score = rows -> {
      List<Row> out = new ArrayList<>();
      long[] team = new long[11];
      while (rows.hasNext()) {
        Row r = rows.next();
        List<String> ids = r.getList(r.fieldIndex(UserTeamsTable.PLAYER_IDS));
        String captain = r.getAs(UserTeamsTable.CAPTAIN_ID);
        String vice = r.getAs(UserTeamsTable.VICE_CAPTAIN_ID);
        int c = -1;
        int v = -1;
        if (team.length != ids.size()) {
          team = new long[ids.size()];
        }
        for (int i = 0; i < ids.size(); i++) {
          Long p = points.get(ids.get(i));
          if (p == null) {
            throw new IllegalStateException("team " + r.getAs(UserTeamsTable.TEAM_ID)
                + " has player " + ids.get(i) + ", who has no points in this match");
          }
          team[i] = p;
          c = ids.get(i).equals(captain) ? i : c;
          v = ids.get(i).equals(vice) ? i : v;
        }
        out.add(RowFactory.create(r.getAs(UserTeamsTable.TEAM_ID), TeamPoints.units(team, c, v)));
      }
      return out.iterator();
    };
    return teams.mapPartitions(score, Encoders.row(schema));
  }

  /**
   * The ranking as a transformation (no I/O): entries with their team's units, ranked per contest
   * through a (contest, units) histogram, with the previous refresh's rank.
   */
  public static Dataset<Row> rank(Dataset<Row> entries, Dataset<Row> teamUnits, Dataset<Row> previous,
      String matchId, int asOf, Timestamp computedAt, String runId) {
    Dataset<Row> scored = entries.join(teamUnits, ContestEntriesTable.TEAM_ID);
    var higherFirst = Window.partitionBy(ContestEntriesTable.CONTEST_ID).orderBy(col(UNITS).desc())
        .rowsBetween(Window.unboundedPreceding(), -1);
    Dataset<Row> ranks = scored.groupBy(ContestEntriesTable.CONTEST_ID, UNITS)
        .agg(count(lit(1)).as("n"))
        .withColumn(LeaderboardTable.RANK,
            coalesce(sum("n").over(higherFirst), lit(0L)).plus(1).cast(DataTypes.IntegerType))
        .drop("n");
    return boardRows(scored.join(ranks, scala.collection.JavaConverters.asScalaBuffer(
            List.of(ContestEntriesTable.CONTEST_ID, UNITS)).toSeq())
        .join(previous, scala.collection.JavaConverters.asScalaBuffer(
            List.of(ContestEntriesTable.ENTRY_ID)).toSeq(), "left"),
        matchId, asOf, computedAt, runId);
  }

  /**
   * Rows of gold.leaderboard from ranked entries (contest_id, entry_id, team_id, user_id,
   * {@value #UNITS}, rank, previous_rank): the one place that turns units into points.
   */
  public static Dataset<Row> boardRows(Dataset<Row> ranked, String matchId, int asOf,
      Timestamp computedAt, String runId) {
    return ranked.select(
        lit(matchId).as(LeaderboardTable.MATCH_ID),
        lit(asOf).as(LeaderboardTable.AS_OF_DELIVERY),
        col(ContestEntriesTable.CONTEST_ID),
        col(ContestEntriesTable.ENTRY_ID),
        col(ContestEntriesTable.TEAM_ID),
        col(ContestEntriesTable.USER_ID),
        col(UNITS).cast(DataTypes.createDecimalType(20, 0))
            .divide(lit(TeamPoints.UNITS))
            .cast(DataTypes.createDecimalType(LeaderboardTable.POINTS_TYPE.precision(),
                LeaderboardTable.POINTS_TYPE.scale())).as(LeaderboardTable.POINTS),
        col(LeaderboardTable.RANK),
        col(LeaderboardTable.PREVIOUS_RANK),
        lit(computedAt).as(LeaderboardTable.COMPUTED_AT),
        lit(runId).as(LeaderboardTable.RUN_ID));
  }

  /** Ranks of the latest earlier board of the match (entry_id, previous_rank); empty if none. */
  private static Dataset<Row> previousBoard(JobRun run, String matchId, int asOf) {
    Dataset<Row> boards = run.readMain(LeaderboardTable.DEFINITION)
        .where(col(LeaderboardTable.MATCH_ID).equalTo(matchId)
            .and(col(LeaderboardTable.AS_OF_DELIVERY).lt(asOf)));
    Row latest = boards.agg(max(LeaderboardTable.AS_OF_DELIVERY)).first();
    Dataset<Row> previous = latest.isNullAt(0) ? boards.limit(0)
        : boards.where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(latest.getInt(0)));
    return previous.select(col(LeaderboardTable.ENTRY_ID),
        col(LeaderboardTable.RANK).as(LeaderboardTable.PREVIOUS_RANK));
  }
}
