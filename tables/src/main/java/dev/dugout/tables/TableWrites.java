package dev.dugout.tables;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;

/** Appends to a declared table (or one of its branches), with a clear error if it is missing. */
public final class TableWrites {
  private TableWrites() {}

  /**
   * Write options for rows a job already produces in the table's order (or the order it reads
   * them in): no hash distribution funnelling a one-partition write into one writer task, and no
   * re-sort of millions of rows before the write.
   */
  public static final java.util.Map<String, String> IN_GIVEN_ORDER =
      java.util.Map.of("use-table-distribution-and-ordering", "false");

  public static void append(Dataset<Row> rows, TableDefinition table) {
    append(rows, table, table.name());
  }

  /** @param target the table's name or a branch of it, e.g. {@code core.deliveries.branch_x} */
  public static void append(Dataset<Row> rows, TableDefinition table, String target) {
    append(rows, table, target, java.util.Map.of());
  }

  /** @param options Iceberg write options, e.g. {@code distribution-mode} */
  public static void append(Dataset<Row> rows, TableDefinition table, String target,
      java.util.Map<String, String> options) {
    try {
      rows.writeTo(target).options(options).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(table.name() + " is missing: run `dugout tables create`", e);
    }
  }
}
