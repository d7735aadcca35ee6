package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import org.apache.spark.sql.functions;

import dev.dugout.leaderboard.BuildLeaderboardJob;
import dev.dugout.leaderboard.TeamPoints;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/** The benchmark's baseline: what a plain Spark SQL leaderboard does, a RANK() window. */
final class BaselineRanking {
  private BaselineRanking() {}

  static Dataset<Row> rank(Dataset<Row> entries, Dataset<Row> teamUnits, String matchId, int asOf,
      Timestamp computedAt) {
    String units = BuildLeaderboardJob.UNITS;
    return entries.join(teamUnits, ContestEntriesTable.TEAM_ID)
        .withColumn(LeaderboardTable.RANK, functions.rank().over(
            Window.partitionBy(ContestEntriesTable.CONTEST_ID).orderBy(col(units).desc())))
        .select(
            lit(matchId).as(LeaderboardTable.MATCH_ID),
            lit(asOf).as(LeaderboardTable.AS_OF_DELIVERY),
            col(ContestEntriesTable.CONTEST_ID),
            col(ContestEntriesTable.ENTRY_ID),
            col(ContestEntriesTable.TEAM_ID),
            col(ContestEntriesTable.USER_ID),
            col(units).cast(DataTypes.createDecimalType(20, 0)).divide(lit(TeamPoints.UNITS))
                .cast(DataTypes.createDecimalType(10, 2)).as(LeaderboardTable.POINTS),
            col(LeaderboardTable.RANK),
            lit(null).cast(DataTypes.IntegerType).as(LeaderboardTable.PREVIOUS_RANK),
            lit(computedAt).as(LeaderboardTable.COMPUTED_AT),
            lit("bench-baseline").as(LeaderboardTable.RUN_ID));
  }
}
