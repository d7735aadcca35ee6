package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dugout.leaderboard.TeamPoints;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.UserTeamsTable;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The benchmark's baseline: what a plain Spark SQL leaderboard does. Team points per team, joined
 * to the entries, ranked by a {@code RANK() OVER (PARTITION BY contest ORDER BY points DESC)}
 * window.
 */
final class BaselineRanking {
  static final String UNITS = "units";

  private BaselineRanking() {}

  static Dataset<Row> rank(Dataset<Row> entries, Dataset<Row> teams, Map<String, Long> hundredths,
      String matchId, int asOf, Timestamp computedAt) {
    Dataset<Row> ranked = entries.join(teamUnits(teams, hundredths), ContestEntriesTable.TEAM_ID)
        .withColumn(LeaderboardTable.RANK, functions.rank().over(
            Window.partitionBy(ContestEntriesTable.CONTEST_ID).orderBy(col(UNITS).desc())))
        .withColumn(LeaderboardTable.TIED, functions.count(lit(1))
            .over(Window.partitionBy(ContestEntriesTable.CONTEST_ID, UNITS))
            .cast(DataTypes.IntegerType))
        .withColumn(LeaderboardTable.PREVIOUS_RANK, lit(null).cast(DataTypes.IntegerType));
    return boardRows(ranked, matchId, asOf, computedAt, "bench-baseline");
  }

  /** (team_id, units): each team's exact points, computed on the executors. */
  static Dataset<Row> teamUnits(Dataset<Row> teams, Map<String, Long> playerHundredths) {
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
   * Rows of gold.leaderboard from ranked entries (contest_id, entry_id, team_id, user_id,
   * {@value #UNITS}, rank, previous_rank, tied): the one place that turns units into points.
   */
  static Dataset<Row> boardRows(Dataset<Row> ranked, String matchId, int asOf,
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
        lit(runId).as(LeaderboardTable.RUN_ID),
        col(LeaderboardTable.TIED));
  }

}
