package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;

import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.PayoutsTable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

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

  /** The columns of the fingerprints in {@link #of}'s aggregation. */
  private static final String FINGERPRINT = "payout_fingerprint";
  private static final String RANKS = "rank_fingerprint";

  static Map<String, Sums> of(Dataset<Row> payouts) {
    return of(payouts.groupBy(PayoutsTable.CONTEST_ID).agg(
        functions.count("*").as(PayoutsChecks.PAYOUT_ROWS),
        functions.sum(PayoutsTable.AMOUNT_MINOR).as(PayoutsChecks.PAID_OUT),
        functions.sum(PayoutsChecks.fingerprint(col(PayoutsTable.ENTRY_ID),
            col(PayoutsTable.USER_ID), col(PayoutsTable.AMOUNT_MINOR), col(PayoutsTable.CURRENCY)))
            .as(FINGERPRINT),
        functions.sum(PayoutsChecks.fingerprint(col(PayoutsTable.ENTRY_ID),
            col(PayoutsTable.RANK))).as(RANKS))
        .collectAsList());
  }

  /**
   * The same sums from {@link PaidFigures#of}'s rows with its {@link PaidFigures#PAYOUT_PRINT}
   * (the payouts read in place).
   */
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

  private static Map<String, Sums> of(List<Row> perContest) {
    Map<String, Sums> sums = new HashMap<>();
    for (Row r : perContest) {
      sums.put(r.getAs(PayoutsTable.CONTEST_ID), new Sums(r.getAs(PayoutsChecks.PAYOUT_ROWS),
          r.getAs(PayoutsChecks.PAID_OUT), r.getAs(FINGERPRINT), r.getAs(RANKS)));
    }
    return sums;
  }
}
