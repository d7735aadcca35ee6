package dev.dugout.quality.checks;

import static org.apache.spark.sql.functions.col;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.TableDefinition;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Checks of {@code gold.payouts}: one row per entry of the match, each entry paid in its own
 * contest at the rank of the final leaderboard, no negative amount.
 */
public final class PayoutsChecks implements TableChecks {
  static final String SETTLEMENT_ROWS = "settlement_rows";
  static final String MATCH_ENTRIES = "match_entries";
  static final String ENTRY_CONTEST = "entry_contest";
  static final String BOARD_RANK = "board_rank";

  @Override
  public TableDefinition table() {
    return PayoutsTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .complete(PayoutsTable.SETTLEMENT_ID, PayoutsTable.MATCH_ID, PayoutsTable.CONTEST_ID,
                PayoutsTable.ENTRY_ID, PayoutsTable.USER_ID, PayoutsTable.AMOUNT_MINOR,
                PayoutsTable.CURRENCY, PayoutsTable.REASON)
            .unique(PayoutsTable.SETTLEMENT_ID, PayoutsTable.ENTRY_ID)
            .oneOf(PayoutsTable.REASON, java.util.Arrays.stream(PayoutsTable.Reason.values())
                .map(Enum::name).toList()),
        TableCheck.error("money")
            .holds("no negative amount", PayoutsTable.AMOUNT_MINOR + " >= 0")
            .holds("every entry of the match has exactly one row",
                SETTLEMENT_ROWS + " = " + MATCH_ENTRIES)
            .holds("each entry is paid in its own contest",
                ENTRY_CONTEST + " = " + PayoutsTable.CONTEST_ID)
            .holds("ranks are those of the final leaderboard",
                PayoutsTable.REASON + " = 'REFUND_NO_RESULT' OR " + PayoutsTable.RANK + " = "
                    + BOARD_RANK));
  }

  @Override
  public Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
    Dataset<Row> payouts = read.apply(table());
    Dataset<Row> entries = read.apply(ContestEntriesTable.DEFINITION);
    Dataset<Row> perMatch = entries.groupBy(ContestEntriesTable.MATCH_ID)
        .agg(functions.count("*").as(MATCH_ENTRIES));
    Dataset<Row> boards = read.apply(LeaderboardTable.DEFINITION);
    Dataset<Row> finalBoard = boards.join(boards.groupBy(LeaderboardTable.MATCH_ID)
            .agg(functions.max(LeaderboardTable.AS_OF_DELIVERY).as(LeaderboardTable.AS_OF_DELIVERY)),
        seq(LeaderboardTable.MATCH_ID, LeaderboardTable.AS_OF_DELIVERY))
        .select(col(LeaderboardTable.ENTRY_ID), col(LeaderboardTable.RANK).as(BOARD_RANK));
    return payouts
        .withColumn(SETTLEMENT_ROWS, functions.count("*").over(
            Window.partitionBy(PayoutsTable.SETTLEMENT_ID)))
        .join(perMatch, seq(PayoutsTable.MATCH_ID), "left")
        .join(entries.select(col(ContestEntriesTable.ENTRY_ID),
            col(ContestEntriesTable.CONTEST_ID).as(ENTRY_CONTEST)), seq(PayoutsTable.ENTRY_ID), "left")
        .join(finalBoard, seq(PayoutsTable.ENTRY_ID), "left");
  }

  static scala.collection.immutable.Seq<String> seq(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(columns)).toList();
  }
}
