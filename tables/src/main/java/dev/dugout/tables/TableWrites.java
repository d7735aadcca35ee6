package dev.dugout.tables;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.columnar.ColumnarAppend;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.analysis.NoSuchTableException;
import org.apache.spark.sql.types.StructType;

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

  /**
   * Write options for bulk rows of a flat table (payouts, ledger, boards): written as given (no
   * distribution, no re-sort) by Dugout's columnar Parquet writer ({@link ColumnarAppend}) instead
   * of Iceberg's, about twice as fast for ten million rows.
   */
  public static final java.util.Map<String, String> COLUMNAR = java.util.Map.of(
      "use-table-distribution-and-ordering", "false", "dugout.columnar-writer", "true");

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
    if ("true".equals(options.get("dugout.columnar-writer"))) {
      appendColumnar(rows, table, target);
      return;
    }
    try {
      rows.writeTo(target).options(options).append();
    } catch (NoSuchTableException e) {
      throw new IllegalStateException(table.name() + " is missing: run `dugout tables create`", e);
    }
  }

  /**
   * A table that {@link #appendColumnar} writes: its definition, the target (the table's name or a
   * branch of it) and a column of the rows whose null leaves a row out of it (null: none). Its
   * rows are the rows' columns of the table's names.
   */
  public record Into(TableDefinition table, String target, String onlyWhereSet) {}

  /**
   * Bulk rows to several tables in one pass of the columnar writer ({@link #COLUMNAR}), each table
   * committed in one append, in the order given: e.g. payouts, and the ledger credits of those
   * paid, from one computation of the payouts.
   */
  public static void appendColumnar(Dataset<Row> rows, java.util.List<Into> into) {
    ColumnarAppend.appendAll(rows, targets(rows.sparkSession(), into));
  }

  /**
   * {@link #appendColumnar(Dataset, java.util.List)} of rows in Spark's internal form, of the
   * given schema (e.g. computed per task in plain Java; see {@link ColumnarAppend}).
   */
  public static void appendColumnar(SparkSession spark, RDD<InternalRow> rows, StructType schema,
      java.util.List<Into> into) {
    ColumnarAppend.appendAll(rows, schema, targets(spark, into));
  }

  private static java.util.List<ColumnarAppend.Target> targets(SparkSession spark,
      java.util.List<Into> into) {
    java.util.List<ColumnarAppend.Target> targets = new java.util.ArrayList<>();
    for (Into i : into) {
      targets.add(new ColumnarAppend.Target(load(spark, i.table()), branchOf(i.table(), i.target()),
          i.onlyWhereSet()));
    }
    return targets;
  }

  private static void appendColumnar(Dataset<Row> rows, TableDefinition table, String target) {
    String branch = branchOf(table, target);
    ColumnarAppend.append(rows, load(rows.sparkSession(), table), branch);
  }

  /** The branch {@code target} names, or null for the table's main. */
  private static String branchOf(TableDefinition table, String target) {
    String branchPrefix = table.name() + ".branch_";
    if (target.equals(table.name())) {
      return null;
    } else if (target.startsWith(branchPrefix)) {
      return target.substring(branchPrefix.length());
    }
    throw new IllegalArgumentException("columnar append: " + target + " is neither "
        + table.name() + " nor one of its branches");
  }

  private static Table load(SparkSession spark, TableDefinition table) {
    try {
      return Lakehouse.icebergCatalog(spark).loadTable(table.identifier());
    } catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
      throw new IllegalStateException(table.name() + " is missing: run `dugout tables create`", e);
    }
  }
}
