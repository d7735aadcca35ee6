package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import org.apache.spark.sql.functions;

import dev.dugout.leaderboard.BuildLeaderboardJob;
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
    Dataset<Row> ranked = entries.join(teamUnits, ContestEntriesTable.TEAM_ID)
        .withColumn(LeaderboardTable.RANK, functions.rank().over(
            Window.partitionBy(ContestEntriesTable.CONTEST_ID).orderBy(col(units).desc())))
        .withColumn(LeaderboardTable.PREVIOUS_RANK, lit(null).cast(DataTypes.IntegerType));
    return BuildLeaderboardJob.boardRows(ranked, matchId, asOf, computedAt, "bench-baseline");
  }
}
