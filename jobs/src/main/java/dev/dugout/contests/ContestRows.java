package dev.dugout.contests;

import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.RowBuilder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Rows of core.contests and core.prize_tables for a contest plan. */
final class ContestRows {
  private ContestRows() {}

  static String contestId(String matchId, int index) {
    return matchId + "-c" + index;
  }

  static List<Row> contests(ContestPlan plan, String matchId, Instant locksAt, String runId) {
    RowBuilder row = new RowBuilder(ContestsTable.DEFINITION);
    List<Row> rows = new ArrayList<>();
    for (ContestPlan.Contest c : plan.contests()) {
      rows.add(row
          .set(ContestsTable.CONTEST_ID, contestId(matchId, c.index()))
          .set(ContestsTable.MATCH_ID, matchId)
          .set(ContestsTable.NAME, c.name())
          .set(ContestsTable.ENTRY_FEE_MINOR, c.feeMinor())
          .set(ContestsTable.CURRENCY, c.currency().name())
          .set(ContestsTable.MIN_ENTRIES, c.minEntries())
          .set(ContestsTable.MAX_ENTRIES, c.capacity())
          .set(ContestsTable.KIND, c.kind().name())
          .set(ContestsTable.PRIZE_TABLE_ID, contestId(matchId, c.index()) + "-prizes")
          .set(ContestsTable.LOCKS_AT, Timestamp.from(locksAt))
          .set(ContestsTable.RUN_ID, runId)
          .build());
    }
    return rows;
  }

  static List<Row> prizeTables(ContestPlan plan, String matchId, String runId) {
    RowBuilder row = new RowBuilder(PrizeTablesTable.DEFINITION);
    List<Row> rows = new ArrayList<>();
    for (ContestPlan.Contest c : plan.contests()) {
      for (PrizeTableMaker.Range r : PrizeTableMaker.forContest(c.capacity(), c.feeMinor())) {
        rows.add(row
            .set(PrizeTablesTable.PRIZE_TABLE_ID, contestId(matchId, c.index()) + "-prizes")
            .set(PrizeTablesTable.MATCH_ID, matchId)
            .set(PrizeTablesTable.RANK_FROM, r.from())
            .set(PrizeTablesTable.RANK_TO, r.to())
            .set(PrizeTablesTable.AMOUNT_MINOR, r.amountMinor())
            .set(PrizeTablesTable.CURRENCY, c.currency().name())
            .set(PrizeTablesTable.RUN_ID, runId)
            .build());
      }
    }
    return rows;
  }
}
