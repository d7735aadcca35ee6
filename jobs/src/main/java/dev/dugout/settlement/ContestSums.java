package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;

import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.PayoutsTable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Per contest of a settlement's payouts: rows, amount paid and a fingerprint of who gets what. One
 * aggregation of ~190k groups, collected to the driver: the contests' accounts are built from the
 * amounts, and two settlements whose fingerprints agree on a contest pay its entries the same, so
 * a diff only joins the entries of contests whose fingerprints differ.
 */
final class ContestSums {
  private ContestSums() {}

  /**
   * @param fingerprint the sum over the contest's rows of {@link PayoutsChecks#fingerprint} of
   *     (entry, user, amount, currency): order-free, and a changed row changes it but with
   *     probability 2^-40
   */
  record Sums(long rows, long amount, long fingerprint) {}

  static Map<String, Sums> of(Dataset<Row> payouts) {
    Map<String, Sums> sums = new HashMap<>();
    for (Row r : payouts.groupBy(PayoutsTable.CONTEST_ID).agg(functions.count("*"),
        functions.sum(PayoutsTable.AMOUNT_MINOR), functions.sum(PayoutsChecks.fingerprint(
            col(PayoutsTable.ENTRY_ID), col(PayoutsTable.USER_ID), col(PayoutsTable.AMOUNT_MINOR),
            col(PayoutsTable.CURRENCY)))).collectAsList()) {
      sums.put(r.getString(0), new Sums(r.getLong(1), r.getLong(2), r.getLong(3)));
    }
    return sums;
  }
}
