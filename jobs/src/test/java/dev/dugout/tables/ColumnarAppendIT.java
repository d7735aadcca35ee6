package dev.dugout.tables;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.columnar.ColumnarAppend;
import dev.dugout.testing.TestLakehouse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The columnar Parquet writer against Iceberg's own: the same rows written by both read back the
 * same through both of Iceberg's Spark readers, and give the same metrics per file (what queries
 * prune files by).
 */
class ColumnarAppendIT {
  private static final String NS = "dugout.columnar_test";
  private static SparkSession spark;

  static final StructType SCHEMA = new StructType()
      .add("match_id", DataTypes.StringType, false)
      .add("seq", DataTypes.IntegerType, true)
      .add("entry_id", DataTypes.StringType, false)
      .add("label", DataTypes.StringType, true)
      .add("amount", DataTypes.LongType, false)
      .add("points", DataTypes.createDecimalType(10, 2), true)
      .add("small", DataTypes.createDecimalType(6, 1), true)
      .add("day", DataTypes.DateType, true)
      .add("at", DataTypes.TimestampType, false);

  @BeforeAll
  static void start() {
    spark = TestLakehouse.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + NS);
  }

  private static Table create(String name) {
    return create(name, "");
  }

  /** @param properties more table properties, each {@code , 'key'='value'} */
  private static Table create(String name, String properties) {
    spark.sql("DROP TABLE IF EXISTS " + NS + "." + name + " PURGE");
    // Row groups of 256 KiB: the rows below fill several, so chunks and dictionaries restart.
    spark.sql("CREATE TABLE " + NS + "." + name + " (match_id STRING NOT NULL, seq INT,"
        + " entry_id STRING NOT NULL, label STRING, amount BIGINT NOT NULL, points DECIMAL(10,2),"
        + " small DECIMAL(6,1), day DATE, at TIMESTAMP NOT NULL) USING iceberg"
        + " PARTITIONED BY (match_id, days(at)) TBLPROPERTIES ('format-version'='2',"
        + " 'write.parquet.compression-codec'='zstd',"
        + " 'write.parquet.row-group-size-bytes'='262144'" + properties + ")");
    return Lakehouse.icebergCatalog(spark).loadTable(TableIdentifier.of("columnar_test", name));
  }

  /** A data file opened with parquet-mr's own reader, for its footer and page index. */
  private static org.apache.parquet.hadoop.ParquetFileReader parquet(String location)
      throws IOException {
    return org.apache.parquet.hadoop.ParquetFileReader.open(
        org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(
            new org.apache.hadoop.fs.Path(location), new org.apache.hadoop.conf.Configuration()));
  }

  /**
   * 60,000 rows: three matches in runs that come back, over two days (one task writes to
   * several files at once), nulls, negative numbers and the extremes of a long, empty, long and non-ASCII strings,
   * a column of few distinct values that turns unique halfway (its dictionary fills after
   * pages were written with it, and the chunk goes on in PLAIN), and long runs of nulls (pages
   * holding nothing else).
   */
  static List<Row> rows() {
    Random random = new Random(20261124);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      // Null throughout rows 10,000-24,999: whole pages of nulls amid dictionary-encoded ones.
      String label = i % 13 == 0 || i >= 10_000 && i < 25_000 ? null
          : i < 30_000 ? "k" + i % 5 : "u" + i;
      String entry = switch (i % 50) {
        case 0 -> "";
        case 1 -> "é-" + "x".repeat(i % 300) + i;
        case 2 -> "€" + i;
        default -> "e" + (i * 7919L % 1_000_003);
      };
      long amount = i == 10 ? Long.MAX_VALUE : i == 20 ? Long.MIN_VALUE : random.nextLong() % 1_000_000;
      rows.add(RowFactory.create("m" + (i / 7_000 % 3), i % 11 == 0 ? null : i % 1000 - 500, entry,
          label, amount,
          i % 17 == 0 ? null : BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2),
          i % 19 == 0 || i >= 20_000 && i < 40_000 ? null
              : BigDecimal.valueOf(random.nextInt(200_000) - 100_000, 1),
          i % 23 == 0 ? null : Date.valueOf(java.time.LocalDate.of(2026, 1, 1).plusDays(i % 400)),
          new Timestamp(1_790_000_000_000L + i * 997L)));
    }
    return rows;
  }

  @Test
  void rowsWrittenColumnarReadBackAsWrittenAndCarryTheMetricsIcebergsWriterGives()
      throws Exception {
    Dataset<Row> input = spark.createDataFrame(rows(), SCHEMA).coalesce(1).cache();
    Table columnar = create("columnar");
    create("iceberg");
    List<?> files = ColumnarAppend.append(input, columnar, null);
    input.writeTo(NS + ".iceberg").option("fanout-enabled", "true").append();


    for (String vectorized : List.of("true", "false")) {
      Dataset<Row> back = spark.read().option("vectorization-enabled", vectorized)
          .table(NS + ".columnar");
      assertThat(back.count()).isEqualTo(60_000);
      assertThat(back.exceptAll(input).count()).as("rows read back not written").isZero();
      assertThat(input.exceptAll(back).count()).as("rows written not read back").isZero();
    }
    String metrics = "SELECT partition, record_count, value_counts, null_value_counts,"
        + " transform_values(lower_bounds, (k, v) -> hex(v)),"
        + " transform_values(upper_bounds, (k, v) -> hex(v)) FROM " + NS + ".%s.files"
        + " ORDER BY partition.match_id, partition.at_day";
    List<Row> expected = spark.sql(String.format(metrics, "iceberg")).collectAsList();
    // Three matches, each over two days (the timestamps cross a midnight): a file per pair.
    assertThat(files).hasSize(6);
    assertThat(spark.sql(String.format(metrics, "columnar")).collectAsList()).isEqualTo(expected);
    // Row groups, each a split a reader can start at: the larger files hold several.
    // (Iceberg drops the offsets from a files-table row read without the file's size.)
    assertThat(spark.sql("SELECT max(size(split_offsets)), min(file_size_in_bytes) FROM " + NS
        + ".columnar.files").first().getInt(0)).isGreaterThan(1);
    // Iceberg skips row groups by their statistics and dictionaries: queries that would skip a
    // row group holding matches if either were wrong count what a scan of the rows counts.
    List<Row> all = rows();
    Map<String, java.util.function.Predicate<Row>> queries = new LinkedHashMap<>();
    queries.put("label = 'k4'", r -> "k4".equals(r.get(3)));
    queries.put("label = 'u59997'", r -> "u59997".equals(r.get(3)));
    queries.put("label IS NULL", r -> r.isNullAt(3));
    queries.put("entry_id = ''", r -> "".equals(r.get(2)));
    queries.put("entry_id = '€50002'", r -> "€50002".equals(r.get(2)));
    queries.put("seq = -500", r -> !r.isNullAt(1) && r.getInt(1) == -500);
    queries.put("seq >= 499", r -> !r.isNullAt(1) && r.getInt(1) >= 499);
    queries.put("amount = " + Long.MIN_VALUE, r -> r.getLong(4) == Long.MIN_VALUE);
    queries.put("points < -9990.00", r -> !r.isNullAt(5)
        && r.getDecimal(5).compareTo(new BigDecimal("-9990.00")) < 0);
    queries.put("small > 9990.0", r -> !r.isNullAt(6)
        && r.getDecimal(6).compareTo(new BigDecimal("9990.0")) > 0);
    queries.put("day = DATE '2026-01-01'", r -> !r.isNullAt(7)
        && r.getDate(7).toLocalDate().equals(java.time.LocalDate.of(2026, 1, 1)));
    queries.forEach((where, matches) -> assertThat(spark.sql("SELECT count(*) FROM " + NS
        + ".columnar WHERE " + where).first().getLong(0)).as(where)
        .isEqualTo(all.stream().filter(matches).count()).isPositive());
    input.unpersist();
  }

  @Test
  void stringColumnsWhoseBoundsTheTableKeepsNotAreWrittenWithoutStatistics() throws Exception {
    String modes = ", 'write.metadata.metrics.column.entry_id'='counts',"
        + " 'write.metadata.metrics.column.label'='none'";
    Dataset<Row> input = spark.createDataFrame(rows(), SCHEMA).coalesce(1).cache();
    Table columnar = create("columnar_counts", modes);
    create("iceberg_counts", modes);
    List<org.apache.iceberg.DataFile> files = ColumnarAppend.append(input, columnar, null);
    input.writeTo(NS + ".iceberg_counts").option("fanout-enabled", "true").append();
    // The metrics Iceberg's writer gives: entry_id's counts (its nulls too) and no bounds,
    // nothing of label.
    String metrics = "SELECT partition, record_count, value_counts, null_value_counts,"
        + " transform_values(lower_bounds, (k, v) -> hex(v)),"
        + " transform_values(upper_bounds, (k, v) -> hex(v)) FROM " + NS + ".%s.files"
        + " ORDER BY partition.match_id, partition.at_day";
    List<Row> expected = spark.sql(String.format(metrics, "iceberg_counts")).collectAsList();
    assertThat(expected.get(0).getMap(2).size()).isEqualTo(SCHEMA.size() - 1);
    assertThat(spark.sql(String.format(metrics, "columnar_counts")).collectAsList())
        .isEqualTo(expected);
    // No min or max was kept of those two: their chunks have no statistics and no page index.
    assertThat(files).hasSize(6);
    for (org.apache.iceberg.DataFile file : files) {
      try (org.apache.parquet.hadoop.ParquetFileReader reader = parquet(file.location())) {
        for (var block : reader.getFooter().getBlocks()) {
          for (var chunk : block.getColumns()) {
            boolean dropped = List.of("entry_id", "label").contains(chunk.getPath().toDotString());
            assertThat(chunk.getStatistics().isEmpty()).as(chunk.getPath().toDotString())
                .isEqualTo(dropped);
            assertThat(reader.readColumnIndex(chunk) == null).isEqualTo(dropped);
          }
        }
      }
    }
    Dataset<Row> back = spark.table(NS + ".columnar_counts");
    assertThat(back.exceptAll(input).count()).isZero();
    assertThat(input.exceptAll(back).count()).isZero();
    List<Row> all = rows();
    Map<String, java.util.function.Predicate<Row>> queries = new LinkedHashMap<>();
    queries.put("label = 'k4'", r -> "k4".equals(r.get(3)));
    queries.put("label IS NULL", r -> r.isNullAt(3));
    queries.put("entry_id = '€50002'", r -> "€50002".equals(r.get(2)));
    queries.put("entry_id > 'é'", r -> r.getString(2).compareTo("é") > 0);
    queries.forEach((where, matches) -> assertThat(spark.sql("SELECT count(*) FROM " + NS
        + ".columnar_counts WHERE " + where).first().getLong(0)).as(where)
        .isEqualTo(all.stream().filter(matches).count()).isPositive());
    input.unpersist();
  }

  /**
   * A column whose dictionary the table turns off is PLAIN in every chunk, from both writers alike
   * ({@code label} is of five values for half the rows, which a dictionary would otherwise take);
   * the other string columns still try theirs, and the rows read back as written.
   */
  @Test
  void aStringColumnWhoseDictionaryTheTableTurnsOffIsPlainFromBothWriters() throws Exception {
    String plain = ", '" + dev.dugout.tables.TableProperties.DICTIONARY_COLUMN + "label'='false'";
    Dataset<Row> input = spark.createDataFrame(rows(), SCHEMA).coalesce(1).cache();
    Table columnar = create("columnar_plain", plain);
    Table iceberg = create("iceberg_plain", plain);
    ColumnarAppend.append(input, columnar, null);
    input.writeTo(NS + ".iceberg_plain").option("fanout-enabled", "true").append();
    for (Table table : List.of(columnar, iceberg)) {
      String name = NS + "." + table.name().substring(table.name().lastIndexOf('.') + 1);
      table.refresh();
      Map<String, java.util.Set<String>> encodings = new LinkedHashMap<>();
      for (org.apache.iceberg.FileScanTask task : table.newScan().planFiles()) {
        try (org.apache.parquet.hadoop.ParquetFileReader reader =
            parquet(task.file().location())) {
          for (var block : reader.getFooter().getBlocks()) {
            for (var chunk : block.getColumns()) {
              chunk.getEncodings().forEach(e -> encodings.computeIfAbsent(
                  chunk.getPath().toDotString(), k -> new java.util.TreeSet<>()).add(e.name()));
            }
          }
        }
      }
      assertThat(encodings.get("label")).as(name).doesNotContain("PLAIN_DICTIONARY",
          "RLE_DICTIONARY").contains("PLAIN");
      assertThat(encodings.get("match_id")).as(name).contains("PLAIN_DICTIONARY");
      Dataset<Row> back = spark.table(name);
      assertThat(back.exceptAll(input).count()).isZero();
      assertThat(input.exceptAll(back).count()).isZero();
    }
    input.unpersist();
  }

  @Test
  void icebergsWriterKeepsNoStatisticsForAStringColumnTheTableMarksUnbounded() throws Exception {
    // As raw.events marks its payloads: counts only, and Parquet's statistics off.
    Table table = create("iceberg_unbounded", ", '" + dev.dugout.tables.TableProperties
        .STATISTICS_COLUMN + "label'='false', 'write.metadata.metrics.column.label'='counts'");
    Dataset<Row> input = spark.createDataFrame(rows(), SCHEMA).coalesce(1);
    input.writeTo(NS + ".iceberg_unbounded").option("fanout-enabled", "true").append();
    table.refresh();
    int chunks = 0;
    for (org.apache.iceberg.FileScanTask task : table.newScan().planFiles()) {
      try (org.apache.parquet.hadoop.ParquetFileReader reader = parquet(task.file().location())) {
        for (var block : reader.getFooter().getBlocks()) {
          for (var chunk : block.getColumns()) {
            String column = chunk.getPath().toDotString();
            if (column.equals("label")) {
              chunks++;
              assertThat(chunk.getStatistics().hasNonNullValue()).as(column).isFalse();
            } else if (column.equals("entry_id")) {
              assertThat(chunk.getStatistics().hasNonNullValue()).as(column).isTrue();
            }
          }
        }
      }
    }
    assertThat(chunks).isPositive();
    assertThat(spark.table(NS + ".iceberg_unbounded").exceptAll(input).count()).isZero();
  }

  @Test
  void aDataFrameMadeOfInternalRowsIsWrittenFromThoseRowsThemselvesThoughEachIsReused() {
    Table table = create("internal");
    List<Row> rows = rows().subList(0, 20_000);
    Dataset<Row> input = spark.createDataFrame(rows, SCHEMA).repartition(2);
    // Spark's own internal rows of the input: one row object per task, refilled for each row.
    org.apache.spark.rdd.RDD<org.apache.spark.sql.catalyst.InternalRow> internal =
        input.queryExecution().toRdd();
    Dataset<Row> given = spark.internalCreateDataFrame(internal, SCHEMA, false);
    assertThat(ColumnarAppend.internalRows(given)).isSameAs(internal);
    // Anything computed over them goes through Spark's plan.
    assertThat(ColumnarAppend.internalRows(given.where(col("amount").gt(0))))
        .isNotSameAs(internal);
    ColumnarAppend.append(given, table, null);
    Dataset<Row> back = spark.table(NS + ".internal");
    assertThat(back.count()).isEqualTo(rows.size());
    assertThat(back.exceptAll(input).count()).isZero();
    assertThat(input.exceptAll(back).count()).isZero();
  }

  @Test
  void aBranchGetsTheRowsAndMainStaysAsItWas() {
    Table table = create("branched");
    table.manageSnapshots().createBranch("audit").commit();
    Dataset<Row> input = spark.createDataFrame(rows().subList(0, 500), SCHEMA);
    ColumnarAppend.append(input, table, "audit");
    assertThat(spark.table(NS + ".branched").count()).isZero();
    assertThat(spark.read().option("branch", "audit").table(NS + ".branched").count())
        .isEqualTo(500);
  }

  @Test
  void aTaskRollsToANewFileAtTheTargetSizeAndKeepsEveryRow() {
    Table table = create("rolled");
    // Any row group written makes a file due to roll (checked every 10,000 rows).
    table.updateProperties().set("write.target-file-size-bytes", "1").commit();
    List<Row> rows = rows();
    Dataset<Row> input = spark.createDataFrame(rows, SCHEMA).coalesce(1);
    List<org.apache.iceberg.DataFile> files = ColumnarAppend.append(input, table, null);
    assertThat(files.size()).isGreaterThan(6);
    assertThat(files.stream().mapToLong(org.apache.iceberg.DataFile::recordCount).sum())
        .isEqualTo(rows.size());
    Dataset<Row> back = spark.table(NS + ".rolled");
    assertThat(back.count()).isEqualTo(rows.size());
    assertThat(back.exceptAll(input).count()).isZero();
    assertThat(input.exceptAll(back).count()).isZero();
  }

  @Test
  void onePassWritesTwoTablesEachFromItsOwnColumnsAndRows() {
    Table all = create("pass_all");
    // The second table takes three of the rows' columns, in another order, partitioned by a column
    // that is first in the rows and last in the table, and only the rows with a label.
    spark.sql("DROP TABLE IF EXISTS " + NS + ".pass_labelled PURGE");
    spark.sql("CREATE TABLE " + NS + ".pass_labelled (entry_id STRING NOT NULL, amount BIGINT NOT"
        + " NULL, match_id STRING NOT NULL) USING iceberg PARTITIONED BY (match_id)"
        + " TBLPROPERTIES ('format-version'='2')");
    Table labelled = Lakehouse.icebergCatalog(spark)
        .loadTable(TableIdentifier.of("columnar_test", "pass_labelled"));
    List<Row> rows = rows().subList(0, 30_000);
    Dataset<Row> input = spark.createDataFrame(rows, SCHEMA).repartition(3);
    List<List<org.apache.iceberg.DataFile>> files = ColumnarAppend.appendAll(input, List.of(
        new ColumnarAppend.Target(all, null, null),
        new ColumnarAppend.Target(labelled, null, "label")));
    Dataset<Row> backAll = spark.table(NS + ".pass_all");
    assertThat(backAll.count()).isEqualTo(rows.size());
    assertThat(backAll.exceptAll(input).count()).isZero();
    // Expected from the input rows themselves, not from the writer.
    List<Row> expected = rows.stream().filter(r -> r.get(3) != null)
        .map(r -> RowFactory.create(r.get(2), r.get(4), r.get(0))).toList();
    Dataset<Row> backLabelled = spark.table(NS + ".pass_labelled");
    assertThat(expected.size()).isLessThan(rows.size()).isPositive();
    assertThat(backLabelled.count()).isEqualTo(expected.size());
    assertThat(backLabelled.exceptAll(spark.createDataFrame(expected, backLabelled.schema()))
        .count()).isZero();
    // Each file is filed under its rows' match: a filter by match prunes by those values.
    for (String match : List.of("m0", "m1", "m2")) {
      assertThat(backLabelled.where(col("match_id").equalTo(match)).count()).as(match)
          .isEqualTo(expected.stream().filter(r -> r.get(2).equals(match)).count());
    }
    assertThat(files.get(1)).allSatisfy(f -> assertThat(f.partition().get(0, String.class))
        .isIn("m0", "m1", "m2"));
    assertThat(files.get(1).stream().mapToLong(org.apache.iceberg.DataFile::recordCount).sum())
        .isEqualTo(expected.size());
  }

  @Test
  void rowsInAnotherColumnOrderAreRefusedBeforeAnyWrite() {
    Table table = create("refused");
    Dataset<Row> swapped = spark.createDataFrame(rows().subList(0, 10), SCHEMA)
        .select("seq", "match_id", "entry_id", "label", "amount", "points", "small", "day", "at");
    assertThatThrownBy(() -> ColumnarAppend.append(swapped, table, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[seq, match_id,")
        .hasMessageContaining("[match_id, seq,");
  }

  @Test
  void aNullInARequiredColumnFailsTheWriteNamingTheColumnAndLeavesNoFileBehind()
      throws Exception {
    Table table = create("failing");
    List<Row> rows = new ArrayList<>(rows().subList(0, 12_000));
    Row good = rows.get(11_000);
    rows.set(11_000, RowFactory.create(good.get(0), good.get(1), null, good.get(3), good.get(4),
        good.get(5), good.get(6), good.get(7), good.get(8)));
    // Two tasks: one of 2,000 rows, the other meeting the null at its 9,000th. (The table refuses
    // the null, not Spark's encoder: the rows' own schema allows it.)
    Dataset<Row> input = spark.createDataFrame(rows.subList(0, 2_000), nullable(SCHEMA)).coalesce(1)
        .union(spark.createDataFrame(rows.subList(2_000, 12_000), nullable(SCHEMA)).coalesce(1));
    assertThatThrownBy(() -> ColumnarAppend.append(input, table, null))
        .hasStackTraceContaining("column entry_id is required but the row holds null");
    table.refresh();
    assertThat(table.currentSnapshot()).isNull();
    // The failed task deleted its file before it failed, the driver those of a task that had
    // finished; a task still running is cancelled, and deletes its own as it stops, which may be
    // after the job has failed.
    Path location = Path.of(java.net.URI.create(
        table.location().startsWith("file:") ? table.location() : "file:" + table.location()));
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!parquetFiles(location).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(parquetFiles(location)).isEmpty();
  }

  private static List<Path> parquetFiles(Path location) throws IOException {
    if (!Files.exists(location)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(location)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).toList();
    }
  }

  private static StructType nullable(StructType schema) {
    StructType out = new StructType();
    for (var f : schema.fields()) {
      out = out.add(f.name(), f.dataType(), true);
    }
    return out;
  }
}
