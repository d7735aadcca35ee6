package dev.dugout.lakehouse;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder$;
import org.apache.spark.sql.catalyst.expressions.UnsafeRow;
import org.apache.spark.unsafe.Platform;
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
   * tasks of 12 MB, and a warning for each). The rows are encoded once into Spark's binary row
   * format, laid end to end in one array, and that array is broadcast (once per executor; Java
   * serialization of 190k {@link Row} objects took 0.3-0.6 s of the driver per list, an array
   * takes a copy). Each of {@code defaultParallelism} partitions reads its share of them in place;
   * the broadcast is dropped when the DataFrame is no longer referenced.
   */
  public static Dataset<Row> distributed(SparkSession spark, java.util.List<Row> rows,
      StructType schema) {
    org.apache.spark.api.java.JavaSparkContext jsc =
        org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = Math.max(1, Math.min(rows.size(), spark.sparkContext().defaultParallelism()));
    org.apache.spark.broadcast.Broadcast<PackedRows> shared =
        jsc.broadcast(PackedRows.of(rows, schema));
    int size = rows.size();
    JavaRDD<InternalRow> shares = jsc.parallelize(
            java.util.stream.IntStream.range(0, parts).boxed().toList(), parts)
        .flatMap(part -> shared.value().rows((int) ((long) part * size / parts),
            (int) ((long) (part + 1) * size / parts)));
    return spark.internalCreateDataFrame(shares.rdd(), schema, false);
  }

  /** Rows in Spark's binary format ({@link UnsafeRow}), end to end in one array. */
  static final class PackedRows implements java.io.Serializable {
    private final int fields;
    private final byte[] bytes;
    /** Row i is {@code bytes[offsets[i] .. offsets[i + 1])}. */
    private final int[] offsets;

    private PackedRows(int fields, byte[] bytes, int[] offsets) {
      this.fields = fields;
      this.bytes = bytes;
      this.offsets = offsets;
    }

    /** Encodes {@code rows} as {@code createDataFrame} would, failing on the same values. */
    static PackedRows of(java.util.List<Row> rows, StructType schema) {
      ExpressionEncoder.Serializer<Row> encode =
          ExpressionEncoder$.MODULE$.apply(schema).createSerializer();
      int[] offsets = new int[rows.size() + 1];
      byte[] bytes = new byte[Math.max(64, rows.size() * 64)];
      int at = 0;
      for (int i = 0; i < rows.size(); i++) {
        UnsafeRow row = (UnsafeRow) encode.apply(rows.get(i));
        int length = row.getSizeInBytes();
        if (at + length > bytes.length) {
          bytes = java.util.Arrays.copyOf(bytes, Math.max(at + length, bytes.length * 2));
        }
        row.writeToMemory(bytes, Platform.BYTE_ARRAY_OFFSET + at);
        at += length;
        offsets[i + 1] = at;
      }
      return new PackedRows(schema.size(), java.util.Arrays.copyOf(bytes, at), offsets);
    }

    /** Rows {@code from} (inclusive) to {@code to}, each its own object over the shared array. */
    java.util.Iterator<InternalRow> rows(int from, int to) {
      return java.util.stream.IntStream.range(from, to).<InternalRow>mapToObj(i -> {
        UnsafeRow row = new UnsafeRow(fields);
        row.pointTo(bytes, Platform.BYTE_ARRAY_OFFSET + offsets[i], offsets[i + 1] - offsets[i]);
        return row;
      }).iterator();
    }
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
