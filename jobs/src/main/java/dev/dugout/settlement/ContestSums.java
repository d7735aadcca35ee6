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
   * A published settlement's sums as its accounts recorded them (gold.contest_settlements: the
   * gate checked each against its payouts as written, before it published), one small read instead
   * of a scan of its payouts. A settlement published before the accounts recorded fingerprints is
   * summed from {@code payouts}, its rows.
   */
  static Map<String, Sums> published(SparkSession spark, String settlementId,
      Dataset<Row> payouts) {
    Dataset<Row> table = spark.table(ContestSettlementsTable.DEFINITION.name());
    if (!List.of(table.columns()).contains(ContestSettlementsTable.PAYOUT_FINGERPRINT)) {
      return of(payouts);
    }
    List<Row> accounts = table.where(col(ContestSettlementsTable.SETTLEMENT_ID).equalTo(settlementId))
        .select(col(ContestSettlementsTable.CONTEST_ID), col(ContestSettlementsTable.ENTRIES),
            col(ContestSettlementsTable.PAID_MINOR).plus(
                col(ContestSettlementsTable.REFUNDED_MINOR)),
            col(ContestSettlementsTable.PAYOUT_FINGERPRINT),
            col(ContestSettlementsTable.RANK_FINGERPRINT)).collectAsList();
    Map<String, Sums> sums = new HashMap<>();
    for (Row a : accounts) {
      if (a.isNullAt(3) || a.isNullAt(4)) {
        return of(payouts);
      }
      // A contest's every entry has exactly one payout row (the gate's check).
      sums.put(a.getString(0), new Sums(a.getInt(1), a.getLong(2), a.getLong(3), a.getLong(4)));
    }
    return accounts.isEmpty() ? of(payouts) : sums;
  }
}
