package dev.dugout.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.PrizeTablesTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The settlement benchmark's baseline: tie-split payouts in plain Spark SQL. Prize tables are
 * exploded to one row per paid position with a running total per contest; a tie group at rank r
 * of k entries gets (total(r + k - 1) - total(r - 1)) / k each, by two equi-joins. No refunds or
 * flexible scaling: the baseline is the core of the computation, written the same way.
 */
final class BaselineSettlement {
  private BaselineSettlement() {}

  static Dataset<Row> payouts(Dataset<Row> board, Dataset<Row> contests, Dataset<Row> prizeTables,
      String matchId, String settlementId) {
    Dataset<Row> positions = prizeTables.select(PrizeTablesTable.PRIZE_TABLE_ID,
            PrizeTablesTable.RANK_FROM, PrizeTablesTable.RANK_TO, PrizeTablesTable.AMOUNT_MINOR)
        .join(contests.select(ContestsTable.CONTEST_ID, ContestsTable.PRIZE_TABLE_ID, ContestsTable.CURRENCY),
            PrizeTablesTable.PRIZE_TABLE_ID)
        .select(col(ContestsTable.CONTEST_ID), col(ContestsTable.CURRENCY),
            explode(sequence(col(PrizeTablesTable.RANK_FROM), col(PrizeTablesTable.RANK_TO))).as("position"),
            col(PrizeTablesTable.AMOUNT_MINOR))
        .withColumn("total", sum(PrizeTablesTable.AMOUNT_MINOR).over(
            Window.partitionBy(ContestsTable.CONTEST_ID).orderBy("position")));
    Dataset<Row> ranked = board.select(LeaderboardTable.CONTEST_ID, LeaderboardTable.ENTRY_ID,
            LeaderboardTable.USER_ID, LeaderboardTable.RANK)
        .withColumn("tied", count(lit(1)).over(
            Window.partitionBy(LeaderboardTable.CONTEST_ID, LeaderboardTable.RANK)));
    Dataset<Row> last = positions.select(col(ContestsTable.CONTEST_ID).as("c_last"),
        col("position").as("p_last"), col("total").as("total_last"), col(ContestsTable.CURRENCY));
    Dataset<Row> before = positions.select(col(ContestsTable.CONTEST_ID).as("c_before"),
        col("position").as("p_before"), col("total").as("total_before"));
    Dataset<Row> maxPaid = positions.groupBy(col(ContestsTable.CONTEST_ID).as("c_max"))
        .agg(org.apache.spark.sql.functions.max("position").as("last_paid"),
            org.apache.spark.sql.functions.max("total").as("pool"));
    Dataset<Row> joined = ranked
        .join(maxPaid, col(LeaderboardTable.CONTEST_ID).equalTo(col("c_max")), "left")
        .withColumn("end", least(col(LeaderboardTable.RANK).plus(col("tied")).minus(1),
            coalesce(col("last_paid"), lit(0))))
        .join(last, col(LeaderboardTable.CONTEST_ID).equalTo(col("c_last"))
            .and(col("p_last").equalTo(col("end"))), "left")
        .join(before, col(LeaderboardTable.CONTEST_ID).equalTo(col("c_before"))
            .and(col("p_before").equalTo(col(LeaderboardTable.RANK).minus(1))), "left");
    return joined.select(
        lit(settlementId).as(PayoutsTable.SETTLEMENT_ID),
        lit(matchId).as(PayoutsTable.MATCH_ID),
        col(LeaderboardTable.CONTEST_ID),
        col(LeaderboardTable.ENTRY_ID),
        col(LeaderboardTable.USER_ID),
        col(LeaderboardTable.RANK),
        when(col(LeaderboardTable.RANK).gt(coalesce(col("last_paid"), lit(0))), lit(0L))
            .otherwise(floor(coalesce(col("total_last"), lit(0L))
                .minus(coalesce(col("total_before"), lit(0L))).divide(col("tied"))))
            .cast(DataTypes.LongType).as(PayoutsTable.AMOUNT_MINOR),
        coalesce(col(ContestsTable.CURRENCY), lit("INR")).as(PayoutsTable.CURRENCY),
        lit("WINNING").as(PayoutsTable.REASON));
  }
}
