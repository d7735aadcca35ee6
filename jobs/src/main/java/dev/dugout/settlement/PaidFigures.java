package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;

import dev.dugout.lakehouse.ColumnarScan;
import dev.dugout.lakehouse.KeyTallies;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.PayoutsTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A settlement's payouts as written, per contest: the figures of
 * {@link PayoutsChecks#paidFigures} (rows, bad rows, fingerprints, amount, one currency, who is
 * paid what), which the gate compares with the entries, the board and the accounts. The same
 * figures as that Spark SQL aggregation, computed in plain Java from the payouts' scan read in place
 * ({@link ColumnarScan}, {@link KeyTallies}): the read-back of ten million rows spent most of its
 * time copying each row into Spark's binary format and looking its contest up in Spark's hash
 * map, though the payouts come in contest order. A plan that is not a scan alone falls back to
 * the Spark SQL aggregation.
 */
final class PaidFigures {
  private PaidFigures() {}

  // The payouts' columns the figures use, in this order.
  private static final String[] COLUMNS = {PayoutsTable.CONTEST_ID, PayoutsTable.ENTRY_ID,
      PayoutsTable.USER_ID, PayoutsTable.RANK, PayoutsTable.AMOUNT_MINOR, PayoutsTable.CURRENCY,
      PayoutsTable.REASON};
  private static final int CONTEST = 0;
  private static final int ENTRY = 1;
  private static final int USER = 2;
  private static final int RANK = 3;
  private static final int AMOUNT = 4;
  private static final int CURRENCY = 5;
  private static final int REASON = 6;

  /** Per contest of {@code payouts}, a row of {@code PayoutsChecks.paidFigures(payouts)}. */
  static List<Row> of(Dataset<Row> payouts) {
    return inPlace(payouts).orElseGet(() -> PayoutsChecks.paidFigures(payouts).collectAsList());
  }

  /** {@link #of}, if {@code payouts} is a scan alone (filtered, perhaps); empty otherwise. */
  static Optional<List<Row>> inPlace(Dataset<Row> payouts) {
    boolean[] nullable = new boolean[COLUMNS.length];
    for (int c = 0; c < COLUMNS.length; c++) {
      nullable[c] = payouts.schema().apply(COLUMNS[c]).nullable();
    }
    Optional<ColumnarScan> scan = ColumnarScan.of(
        payouts.select(java.util.Arrays.stream(COLUMNS).map(functions::col)
            .toArray(Column[]::new)));
    if (scan.isEmpty()) {
      return Optional.empty();
    }
    int[] at = scan.get().positions();
    Map<String, long[]> byContest = KeyTallies.of(scan.get().rows(), at[CONTEST],
        new Figures(at, nullable));
    StructType schema = PayoutsChecks.paidFigures(payouts).schema();
    List<Row> rows = new ArrayList<>(byContest.size());
    byContest.forEach((contest, t) -> {
      Object[] values = {contest, t[ROWS], t[MISSING], t[NEGATIVE], t[UNKNOWN], t[NO_RESULT],
          t[ENTRIES], t[RANKS], t[PAID_SEEN] == 0 ? null : t[PAID],
          t[CURRENCY_MIN] == t[CURRENCY_MAX], t[PRINT]};
      rows.add(new GenericRowWithSchema(values, schema));
    });
    return Optional.of(rows);
  }

  // A contest's longs: rows, rows missing a value, negative amounts, unknown reasons, no-result
  // refunds, the entries' and the entries-with-ranks' fingerprints, the amount (and whether any
  // row had one: Spark's sum of no value is null), and the least and greatest currency hash.
  private static final int ROWS = 0;
  private static final int MISSING = 1;
  private static final int NEGATIVE = 2;
  private static final int UNKNOWN = 3;
  private static final int NO_RESULT = 4;
  private static final int ENTRIES = 5;
  private static final int RANKS = 6;
  private static final int PAID = 7;
  private static final int PAID_SEEN = 8;
  private static final int CURRENCY_MIN = 9;
  private static final int CURRENCY_MAX = 10;
  private static final int PRINT = 11;
  private static final int WIDTH = 12;

  /** One payout row's part of its contest's figures, as Spark SQL computes each. */
  private static final class Figures implements KeyTallies.Tally {
    private final int[] at;
    private final boolean[] nullable;
    private final UTF8String[] reasons;
    private final UTF8String noResult =
        UTF8String.fromString(PayoutsTable.Reason.REFUND_NO_RESULT.name());
    // The previous row's reason and currency, and what was found of them (they come in runs).
    private transient UTF8String lastReason;
    private transient boolean lastKnown;
    private transient boolean lastNoResult;
    private transient UTF8String lastCurrency;
    private transient long lastCurrencyHash;

    Figures(int[] at, boolean[] nullable) {
      this.at = at;
      this.nullable = nullable;
      PayoutsTable.Reason[] known = PayoutsTable.Reason.values();
      this.reasons = new UTF8String[known.length];
      for (int i = 0; i < known.length; i++) {
        reasons[i] = UTF8String.fromString(known[i].name());
      }
    }

    @Override
    public int width() {
      return WIDTH;
    }

    @Override
    public void start(long[] t, int i) {
      t[i + CURRENCY_MIN] = Long.MAX_VALUE;
      t[i + CURRENCY_MAX] = Long.MIN_VALUE;
    }

    private boolean isNull(InternalRow row, int column) {
      return nullable[column] && row.isNullAt(at[column]);
    }

    @Override
    public void add(InternalRow row, long[] t, int i) {
      t[i + ROWS]++;
      if (isNull(row, CONTEST) || isNull(row, ENTRY) || isNull(row, USER) || isNull(row, AMOUNT)
          || isNull(row, CURRENCY) || isNull(row, REASON)) {
        t[i + MISSING]++;
      }
      if (!isNull(row, AMOUNT)) {
        long amount = row.getLong(at[AMOUNT]);
        if (amount < 0) {
          t[i + NEGATIVE]++;
        }
        t[i + PAID] += amount;
        t[i + PAID_SEEN] = 1;
      }
      // Spark's NOT(reason IN (...)) is null, so not counted, for a null reason.
      if (!isNull(row, REASON)) {
        UTF8String reason = row.getUTF8String(at[REASON]);
        if (!reason.equals(lastReason)) {
          lastKnown = false;
          for (UTF8String r : reasons) {
            lastKnown |= r.equals(reason);
          }
          lastNoResult = noResult.equals(reason);
          lastReason = reason.clone();
        }
        if (!lastKnown) {
          t[i + UNKNOWN]++;
        }
        if (lastNoResult) {
          t[i + NO_RESULT]++;
        }
      }
      long entry = PayoutRows.hashOf(row, at[ENTRY]);
      t[i + ENTRIES] += entry >>> 24;
      t[i + RANKS] += PayoutRows.withInt(entry, row, at[RANK]) >>> 24;
      long currency = PayoutRows.SEED;
      if (!isNull(row, CURRENCY)) {
        UTF8String c = row.getUTF8String(at[CURRENCY]);
        if (!c.equals(lastCurrency)) {
          lastCurrency = c.clone();
          lastCurrencyHash = XXH64.hashUTF8String(c, PayoutRows.SEED);
        }
        currency = lastCurrencyHash;
      }
      t[i + CURRENCY_MIN] = Math.min(t[i + CURRENCY_MIN], currency);
      t[i + CURRENCY_MAX] = Math.max(t[i + CURRENCY_MAX], currency);
      // Spark's xxhash64(entry, user, amount, currency): each column chained on the hash so
      // far, a null one skipped.
      long h = PayoutRows.withString(entry, row, at[USER]);
      h = isNull(row, AMOUNT) ? h : XXH64.hashLong(row.getLong(at[AMOUNT]), h);
      t[i + PRINT] += PayoutRows.withString(h, row, at[CURRENCY]) >>> 24;
    }

    @Override
    public void merge(long[] from, int f, long[] into, int i) {
      for (int k = ROWS; k <= PAID_SEEN; k++) {
        into[i + k] += from[f + k];
      }
      into[i + PRINT] += from[f + PRINT];
      into[i + PAID_SEEN] = Math.min(1, into[i + PAID_SEEN]);
      into[i + CURRENCY_MIN] = Math.min(into[i + CURRENCY_MIN], from[f + CURRENCY_MIN]);
      into[i + CURRENCY_MAX] = Math.max(into[i + CURRENCY_MAX], from[f + CURRENCY_MAX]);
    }
  }
}
