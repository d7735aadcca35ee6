package dev.dugout.settlement;

import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.PayoutsTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
   * table's scan, else aggregated by Spark SQL), with the fingerprint of who gets what.
   */
  static Map<String, Sums> of(Dataset<Row> payouts) {
    return ofFigures(PaidFigures.of(payouts, true));
  }

  /** The sums in {@link PaidFigures#of}'s rows with its {@link PaidFigures#PAYOUT_PRINT}. */
  static Map<String, Sums> ofFigures(List<Row> figures) {
    Map<String, Sums> sums = new HashMap<>();
    for (Row r : figures) {
      Long paid = r.getAs(PayoutsChecks.PAID_OUT);
      sums.put(r.getAs(PayoutsTable.CONTEST_ID), new Sums(r.getAs(PayoutsChecks.PAYOUT_ROWS),
          paid == null ? 0 : paid, r.getAs(PaidFigures.PAYOUT_PRINT),
          r.getAs(PayoutsChecks.PAYOUT_RANKS)));
    }
    return sums;
  }

  /** The amount of each contest's sums, by contest id. */
  static Map<String, Long> amounts(Map<String, Sums> sums) {
    Map<String, Long> amounts = new HashMap<>();
    sums.forEach((contest, s) -> amounts.put(contest, s.amount()));
    return amounts;
  }
}
