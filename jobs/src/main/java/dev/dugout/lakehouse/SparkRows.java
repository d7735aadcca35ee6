package dev.dugout.lakehouse;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrames from rows a job builds itself in Spark's internal form. {@code createDataFrame} of
 * {@link Row}s converts every value (a String decoded, then encoded again; a BigDecimal rebuilt as
 * a Decimal): at ten million rows of a leaderboard that conversion costs more than the write.
 * Values must already be of the internal types of {@code schema} (UTF8String, Decimal, micros).
 */
public final class SparkRows {
  private SparkRows() {}

  /**
   * @param columns the column names the rows' values are laid out in: a table whose columns were
   *     reordered or renamed fails here, instead of writing values under the wrong names
   */
  public static Dataset<Row> dataFrame(SparkSession spark, JavaRDD<InternalRow> rows,
      StructType schema, java.util.List<String> columns) {
    if (!java.util.List.of(schema.fieldNames()).equals(columns)) {
      throw new IllegalStateException("rows are built as " + columns + " but the table's columns"
          + " are " + java.util.List.of(schema.fieldNames()) + ": update the code that builds them");
    }
    // Package-private in Scala (sql), public in the bytecode: the one entry point Spark has for
    // rows already in internal form.
    return spark.internalCreateDataFrame(rows.rdd(), schema, false);
  }

  /**
   * A DataFrame of rows built on the driver, for lists too long for
   * {@code createDataFrame(List, schema)}. That one makes a local relation: the plan then holds
   * every row, each analyzer and optimizer rule walks them (seconds of driver time at 190k
   * contests, per query) and every task carries them all. Nor are they cut into slices of a
   * parallelized collection: each slice travels inside its task (two slices of 190k contests made
   * tasks of 12 MB, and a warning for each). The rows are broadcast instead, once per executor,
   * and each of {@code defaultParallelism} partitions takes its share of them; the broadcast is
   * dropped when the DataFrame is no longer referenced.
   */
  public static Dataset<Row> distributed(SparkSession spark, java.util.List<Row> rows,
      StructType schema) {
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = Math.max(1, Math.min(rows.size(), spark.sparkContext().defaultParallelism()));
    org.apache.spark.broadcast.Broadcast<java.util.List<Row>> shared =
        jsc.broadcast(new java.util.ArrayList<>(rows));
    int size = rows.size();
    JavaRDD<Row> shares = jsc.parallelize(
            java.util.stream.IntStream.range(0, parts).boxed().toList(), parts)
        .flatMap(part -> shared.value()
            .subList((int) ((long) part * size / parts), (int) ((long) (part + 1) * size / parts))
            .iterator());
    return spark.createDataFrame(shares, schema);
  }

  /**
   * The rows of {@code dataset} in Spark's internal form, without converting each to a {@link Row}
   * (a String per string value, a Java list per array). The scan may reuse a row object and the
   * buffers its values point into: copy what outlives the next row.
   */
  public static JavaRDD<InternalRow> internalRows(Dataset<Row> dataset) {
    return dataset.queryExecution().toRdd().toJavaRDD();
  }
}
