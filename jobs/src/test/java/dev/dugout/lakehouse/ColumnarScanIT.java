package dev.dugout.lakehouse;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.testing.TestLakehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ColumnarScanIT {
  private static final String TABLE = "scan_test.boards";
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestLakehouse.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS scan_test");
    spark.sql("DROP TABLE IF EXISTS " + TABLE + " PURGE");
    spark.sql("CREATE TABLE " + TABLE + " (match_id STRING NOT NULL, as_of INT NOT NULL,"
        + " contest_id STRING NOT NULL, entry_id STRING NOT NULL, user_id STRING, rank INT)"
        + " USING iceberg PARTITIONED BY (match_id, as_of)");
    // Two matches, two boards each; 5,000 rows per board over several batches of the reader,
    // a few user ids and ranks null.
    List<String> values = new ArrayList<>();
    for (String match : List.of("m1", "m2")) {
      for (int asOf = 1; asOf <= 2; asOf++) {
        for (int i = 0; i < 5000; i++) {
          values.add(String.format("('%s', %d, 'c%d', '%s-e%d', %s, %s)", match, asOf, i % 7,
              match, i, i % 11 == 0 ? "NULL" : "'u" + (i * 31 % 997) + "'",
              i % 13 == 0 ? "NULL" : String.valueOf(asOf * 10_000 + i)));
        }
      }
    }
    spark.sql("INSERT INTO " + TABLE + " VALUES " + String.join(", ", values));
  }

  /** A board's rows as (contest, entry, user, rank) strings, read by Spark's own plan. */
  private static List<String> asRows(Dataset<Row> rows) {
    List<String> out = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      out.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2) + "|" + r.get(3));
    }
    return out;
  }

  @Test
  void aBoardScannedInPlaceGivesTheRowsSparkGivesInTheirOrder() {
    Dataset<Row> board = spark.table(TABLE)
        .where(col("match_id").equalTo("m2").and(col("as_of").equalTo(1)))
        .select("contest_id", "entry_id", "user_id", "rank");
    Optional<ColumnarScan> scan = ColumnarScan.of(board);
    assertThat(scan).isPresent();
    int[] at = scan.get().positions();
    // Each row is a view of its batch: its values are copied out before the next.
    List<String> inPlace = scan.get().rows().map(r -> string(r, at[0]) + "|" + string(r, at[1])
        + "|" + string(r, at[2]) + "|" + (r.isNullAt(at[3]) ? null : r.getInt(at[3])))
        .collect();
    List<String> expected = asRows(board);
    assertThat(expected).hasSize(5000);
    assertThat(inPlace).containsExactlyElementsOf(expected);
  }

  private static String string(InternalRow row, int at) {
    return row.isNullAt(at) ? null : row.getUTF8String(at).toString();
  }

  @Test
  void aFilterLeftAfterTheScanIsAppliedToTheRowsInPlace() {
    // rank > 12000 prunes no partition: the rows are filtered after the scan. user_id is null on
    // some rows: a filter on a column the rows do not keep.
    Dataset<Row> board = spark.table(TABLE)
        .where(col("match_id").equalTo("m1").and(col("rank").gt(12000))
            .and(col("user_id").isNotNull()))
        .select("contest_id", "entry_id", "user_id", "rank");
    Optional<ColumnarScan> scan = ColumnarScan.of(board.select("entry_id", "rank"));
    assertThat(scan).isPresent();
    int[] at = scan.get().positions();
    List<String> inPlace = scan.get().rows()
        .map(r -> string(r, at[0]) + "|" + (r.isNullAt(at[1]) ? null : r.getInt(at[1])))
        .collect();
    List<String> expected = new ArrayList<>();
    for (Row r : board.select("entry_id", "rank").collectAsList()) {
      expected.add(r.get(0) + "|" + r.get(1));
    }
    // Of m1's 10,000 rows, the 5,000 of board 2 (ranks 20,000 and up) and the 2,999 of board 1
    // above rank 12,000, less those without a rank (1 in 13) or a user (1 in 11).
    assertThat(expected).hasSizeBetween(6000, 7500);
    assertThat(inPlace).containsExactlyElementsOf(expected);
  }

  @Test
  void aTableWithAListColumnIsScannedAsRowsAndItsRowsAreSparksFilteredTheSame() {
    spark.sql("DROP TABLE IF EXISTS scan_test.teams PURGE");
    spark.sql("CREATE TABLE scan_test.teams (team_id STRING NOT NULL, match_id STRING NOT NULL,"
        + " player_ids ARRAY<STRING> NOT NULL, captain_id STRING) USING iceberg"
        + " PARTITIONED BY (match_id)");
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      List<String> players = new ArrayList<>();
      for (int p = 0; p < 1 + i % 4; p++) {
        players.add("'p" + (i + p) % 50 + "'");
      }
      values.add(String.format("('t%d', 'm%d', array(%s), %s)", i, i % 2,
          String.join(", ", players), i % 9 == 0 ? "NULL" : "'p" + i % 50 + "'"));
    }
    spark.sql("INSERT INTO scan_test.teams VALUES " + String.join(", ", values));
    // size() is not pushed to Iceberg: Spark filters the scan's rows after it.
    Dataset<Row> teams = spark.table("scan_test.teams")
        .where(col("match_id").equalTo("m1").and(org.apache.spark.sql.functions.size(
            col("player_ids")).gt(2)))
        .select("player_ids", "team_id", "captain_id");
    // Iceberg reads a list column as rows, not batches.
    assertThat(teams.queryExecution().executedPlan().toString()).doesNotContain("ColumnarToRow");
    Optional<ColumnarScan> scan = ColumnarScan.of(teams);
    assertThat(scan).isPresent();
    int[] at = scan.get().positions();
    List<String> inPlace = scan.get().rows().map(r -> r.getArray(at[0]).numElements() + ":"
        + r.getArray(at[0]).getUTF8String(0) + "|" + string(r, at[1]) + "|" + string(r, at[2]))
        .collect();
    List<String> expected = new ArrayList<>();
    for (Row r : teams.collectAsList()) {
      expected.add(r.getList(0).size() + ":" + r.getList(0).get(0) + "|" + r.get(1) + "|"
          + r.get(2));
    }
    // m1's 1,500 teams, of which those with 3 or 4 players: half.
    assertThat(expected).hasSize(750);
    assertThat(inPlace).containsExactlyElementsOf(expected);
  }

  @Test
  void aComputedColumnOrAFilterWithASubqueryIsNotAScanAlone() {
    Dataset<Row> board = spark.table(TABLE)
        .where(col("match_id").equalTo("m2").and(col("as_of").equalTo(1)));
    assertThat(ColumnarScan.of(board.select(col("entry_id"), lit(1).as("one")))).isEmpty();
    assertThat(ColumnarScan.of(board.select(col("entry_id"), col("rank").plus(1)))).isEmpty();
    // Without adaptive execution (which wraps such a plan whole), a filter with a subquery sits
    // right on the scan; its value comes from a plan of its own.
    spark.conf().set("spark.sql.adaptive.enabled", "false");
    try {
      assertThat(ColumnarScan.of(spark.sql("SELECT entry_id FROM " + TABLE + " WHERE match_id"
          + " = 'm2' AND rank > (SELECT max(rank) - 100 FROM " + TABLE + ")"))).isEmpty();
    } finally {
      spark.conf().unset("spark.sql.adaptive.enabled");
    }
    assertThat(ColumnarScan.of(board.select("entry_id"))).isPresent();
  }
}
