package dev.dugout.settlement;

import dev.dugout.lakehouse.ColumnarScan;
import dev.dugout.lakehouse.KeyTallies;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.ContestEntriesTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * A match's entries counted per contest, with their fingerprint: the rows of
 * {@link PayoutsChecks#entryFigures}, from which settlement builds each contest's prize schedule
 * and against which the gate checks the payouts. Computed in plain Java from the entries' scan
 * read in place ({@link KeyTallies}), as {@link PaidFigures} is; a plan that is not a scan alone
 * falls back to the Spark SQL aggregation.
 */
final class EntryFigures {
  private EntryFigures() {}

  /** Per contest of {@code entries}, a row of {@code PayoutsChecks.entryFigures(entries)}. */
  static List<Row> of(Dataset<Row> entries) {
    return inPlace(entries)
        .orElseGet(() -> PayoutsChecks.entryFigures(entries).collectAsList());
  }

  /** {@link #of}, if {@code entries} is a scan alone (filtered, perhaps); empty otherwise. */
  static Optional<List<Row>> inPlace(Dataset<Row> entries) {
    Optional<ColumnarScan> scan = ColumnarScan.of(
        entries.select(ContestEntriesTable.CONTEST_ID, ContestEntriesTable.ENTRY_ID));
    if (scan.isEmpty()) {
      return Optional.empty();
    }
    int[] at = scan.get().positions();
    Map<String, long[]> byContest = KeyTallies.of(scan.get().rows(), at[0], new Counted(at[1]));
    StructType schema = PayoutsChecks.entryFigures(entries).schema();
    List<Row> rows = new ArrayList<>(byContest.size());
    byContest.forEach((contest, t) -> rows.add(
        new GenericRowWithSchema(new Object[] {contest, t[0], t[1]}, schema)));
    return Optional.of(rows);
  }

  /** An entry's part of its contest's figures: one row, and its id's fingerprint. */
  private record Counted(int entryAt) implements KeyTallies.Tally {
    @Override
    public int width() {
      return 2;
    }

    @Override
    public void start(long[] t, int i) {}

    @Override
    public void add(InternalRow row, long[] t, int i) {
      t[i]++;
      t[i + 1] += PayoutRows.hashOf(row, entryAt) >>> 24;
    }

    @Override
    public void merge(long[] from, int f, long[] into, int i) {
      into[i] += from[f];
      into[i + 1] += from[f + 1];
    }
  }
}
