package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;

import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.PayoutsTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Per contest of a settlement's payouts: rows, amount paid and a fingerprint of who gets what. One
 * aggregation of ~190k groups, collected to the driver: two settlements whose fingerprints agree on
 * a contest pay its entries the same, so a diff only joins the entries of contests whose
 * fingerprints differ, and a rerun's totals come from the amounts.
 */
final class ContestSums {
  private ContestSums() {}

  /**
   * @param fingerprint the sum over the contest's rows of {@link PayoutsChecks#fingerprint} of
   *     (entry, user, amount, currency): order-free, and a changed row changes it but with
   *     probability 2^-40
   * @param ranks the same of (entry, rank): a rerun that moves entries between ranks without
   *     changing what they are paid still changes the payouts of record
   */
  record Sums(long rows, long amount, long fingerprint, long ranks) {}

  /**
   * A settlement's sums per contest, and per block of ranks of each large contest (the sum over
   * the block's rows of both fingerprints, {@code fingerprint + ranks}, in block order), by
   * contest id.
   */
  record Tallied(Map<String, Sums> sums, Map<String, long[]> blocks) {}

  /** Contests of at least this many entries are also summed by blocks of ranks... */
  static final int BLOCKED_FROM = 256;
  /** ...into at most this many blocks of equal size. */
  static final int MAX_BLOCKS = 128;

  /**
   * The ranks in a block of a contest of {@code entries} entries: block b holds ranks
   * {@code b * size + 1} to {@code (b + 1) * size}. 0: a contest too small to be blocked.
   */
  static int blockSize(long entries) {
    return entries < BLOCKED_FROM ? 0 : (int) ((entries + MAX_BLOCKS - 1) / MAX_BLOCKS);
  }

  /**
   * Per contest of {@code payouts}: their {@link PaidFigures} (read in place when they are a
   * table's scan, else aggregated by Spark SQL).
   */
  static Map<String, Sums> of(Dataset<Row> payouts) {
    return ofFigures(PaidFigures.of(payouts));
  }

  /** The sums in {@link PaidFigures#of}'s rows. */
  static Map<String, Sums> ofFigures(List<Row> figures) {
    Map<String, Sums> sums = new HashMap<>();
    for (Row r : figures) {
      Long paid = r.getAs(PayoutsChecks.PAID_OUT);
      sums.put(r.getAs(PayoutsTable.CONTEST_ID), new Sums(r.getAs(PayoutsChecks.PAYOUT_ROWS),
          paid == null ? 0 : paid, r.getAs(PayoutsChecks.PAYOUT_PRINT),
          r.getAs(PayoutsChecks.PAYOUT_RANKS)));
    }
    return sums;
  }

  /**
   * A published settlement's sums, and its large contests' blocks of ranks, as its accounts
   * recorded them (gold.contest_settlements: the gate checked the sums against its payouts as
   * written, before it published): one small read instead of a scan of its payouts. A settlement
   * published before the accounts recorded fingerprints is summed from {@code payouts}, its rows
   * (and has no blocks).
   */
  static Tallied published(SparkSession spark, String settlementId, Dataset<Row> payouts) {
    Dataset<Row> table = spark.table(ContestSettlementsTable.DEFINITION.name());
    List<String> columns = List.of(table.columns());
    if (!columns.contains(ContestSettlementsTable.PAYOUT_FINGERPRINT)) {
      return new Tallied(of(payouts), Map.of());
    }
    boolean blocked = columns.contains(ContestSettlementsTable.RANK_BLOCK_FINGERPRINTS);
    List<Row> accounts = table
        .where(col(ContestSettlementsTable.SETTLEMENT_ID).equalTo(settlementId))
        .select(col(ContestSettlementsTable.CONTEST_ID), col(ContestSettlementsTable.ENTRIES),
            col(ContestSettlementsTable.PAID_MINOR).plus(
                col(ContestSettlementsTable.REFUNDED_MINOR)),
            col(ContestSettlementsTable.PAYOUT_FINGERPRINT),
            col(ContestSettlementsTable.RANK_FINGERPRINT),
            blocked ? col(ContestSettlementsTable.RANK_BLOCK_FINGERPRINTS)
                : org.apache.spark.sql.functions.lit(null)).collectAsList();
    Map<String, Sums> sums = new HashMap<>();
    Map<String, long[]> blocks = new HashMap<>();
    for (Row a : accounts) {
      if (a.isNullAt(3) || a.isNullAt(4)) {
        return new Tallied(of(payouts), Map.of());
      }
      // A contest's every entry has exactly one payout row (the gate's check).
      sums.put(a.getString(0), new Sums(a.getInt(1), a.getLong(2), a.getLong(3), a.getLong(4)));
      if (!a.isNullAt(5)) {
        blocks.put(a.getString(0), a.<Long>getList(5).stream().mapToLong(Long::longValue)
            .toArray());
      }
    }
    return accounts.isEmpty() ? new Tallied(of(payouts), Map.of()) : new Tallied(sums, blocks);
  }
}
