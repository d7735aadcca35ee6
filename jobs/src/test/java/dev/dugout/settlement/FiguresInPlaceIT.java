package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.testing.TestLakehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PaidFigures} and {@link EntryFigures} against {@link PayoutsChecks#paidFigures} and
 * {@link PayoutsChecks#entryFigures}, the Spark SQL aggregations they stand in for, on payouts of
 * every kind the gate looks for: contests spread over several files and out of order, rows of
 * another settlement filtered out, negative amounts, unknown reasons, no-result refunds, two
 * currencies in a contest, and nulls in every column (a table whose columns are all optional;
 * gold.payouts requires all but the rank).
 */
class FiguresInPlaceIT {
  private static final String TABLE = "paid_test.payouts";
  private static SparkSession spark;

  @BeforeAll
  static void payouts() {
    spark = TestLakehouse.spark();
    spark.sql("CREATE NAMESPACE IF NOT EXISTS paid_test");
    spark.sql("DROP TABLE IF EXISTS " + TABLE + " PURGE");
    spark.sql("CREATE TABLE " + TABLE + " (settlement_id STRING, match_id STRING,"
        + " contest_id STRING, entry_id STRING, user_id STRING, rank INT, amount_minor BIGINT,"
        + " currency STRING, reason STRING) USING iceberg PARTITIONED BY (match_id)");
    Random random = new Random(5);
    String[] reasons = {"WINNING", "NO_PRIZE", "REFUND_UNDERFILLED", "REFUND_NO_RESULT", "PRIZE"};
    // Three inserts, three files at least, each holding rows of the same contests.
    for (int file = 0; file < 3; file++) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        String settlement = i % 10 == 0 ? "s-other" : "s1";
        int contest = random.nextInt(40);
        values.add(String.format("('%s', 'm1', %s, %s, %s, %s, %s, %s, %s)", settlement,
            nullOr(random, 200, "'c" + contest + "'"),
            nullOr(random, 300, "'e" + file + "-" + i + "'"),
            nullOr(random, 300, "'u" + random.nextInt(50) + "'"),
            nullOr(random, 20, String.valueOf(1 + random.nextInt(100))),
            // Contest c7 never has an amount: its sum is null, as Spark's.
            contest == 7 ? "NULL" : nullOr(random, 300, String.valueOf(random.nextInt(5000) - 40)),
            nullOr(random, 300, contest % 5 == 0 && random.nextInt(50) == 0 ? "'COINS'" : "'INR'"),
            nullOr(random, 300, "'" + reasons[random.nextInt(reasons.length)] + "'")));
      }
      spark.sql("INSERT INTO " + TABLE + " VALUES " + String.join(", ", values));
    }
  }

  private static String nullOr(Random random, int oneIn, String value) {
    return random.nextInt(oneIn) == 0 ? "NULL" : value;
  }

  /** The payouts of settlement s1 of match m1: a filtered scan of the table, read in place. */
  private static Dataset<Row> settlementS1() {
    return spark.table(TABLE)
        .where(col("match_id").equalTo("m1").and(col("settlement_id").equalTo("s1")));
  }

  private static List<String> strings(List<Row> rows) {
    return rows.stream().map(Row::toString).toList();
  }

  @Test
  void figuresReadInPlaceAreSparkSqlsFigures() {
    Dataset<Row> payouts = settlementS1();
    Optional<List<Row>> inPlace = PaidFigures.inPlace(payouts);
    assertThat(inPlace).isPresent();
    List<Row> expected = PayoutsChecks.paidFigures(payouts).collectAsList();
    // 40 contests and the rows without one.
    assertThat(expected).hasSize(41);
    assertThat(strings(inPlace.get())).containsExactlyInAnyOrderElementsOf(strings(expected));
    // Rows with their schema: read by column name, as Spark's are.
    assertThat(inPlace.get().get(0).<Long>getAs(PayoutsChecks.PAYOUT_ROWS)).isPositive();
  }

  @Test
  void theFingerprintOfWhoGetsWhatReadInPlaceIsSparkSqls() {
    // Spark's xxhash64 of (entry, user, amount, currency) summed per contest, nulls skipped in
    // the chain: what a rerun's diff compares per contest.
    Dataset<Row> payouts = settlementS1();
    Optional<List<Row>> inPlace = PaidFigures.inPlace(payouts);
    assertThat(inPlace).isPresent();
    Map<String, Long> expected = new java.util.HashMap<>();
    for (Row r : payouts.groupBy("contest_id").agg(functions.expr(
        "sum(shiftrightunsigned(xxhash64(entry_id, user_id, amount_minor, currency), 24))"))
        .collectAsList()) {
      expected.put(r.getString(0), r.getLong(1));
    }
    assertThat(expected).hasSize(41);
    Map<String, Long> read = new java.util.HashMap<>();
    for (Row r : inPlace.get()) {
      read.put(r.getAs("contest_id"), r.getAs(PayoutsChecks.PAYOUT_PRINT));
    }
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void entriesCountedInPlaceAreSparkSqlsCounts() {
    // The payouts' contest and entry ids stand for entries (nulls among them).
    Dataset<Row> entries = settlementS1();
    Optional<List<Row>> inPlace = EntryFigures.inPlace(entries);
    assertThat(inPlace).isPresent();
    List<Row> expected = PayoutsChecks.entryFigures(entries).collectAsList();
    assertThat(expected).hasSize(41);
    assertThat(strings(inPlace.get())).containsExactlyInAnyOrderElementsOf(strings(expected));
    assertThat(inPlace.get().get(0).<Long>getAs(PayoutsChecks.ENTRY_ROWS)).isPositive();
  }

  @Test
  void aComputedColumnFallsBackToSparkSql() {
    Dataset<Row> payouts = spark.table(TABLE).where(col("settlement_id").equalTo("s1"))
        .withColumn("amount_minor", col("amount_minor").plus(1));
    assertThat(PaidFigures.inPlace(payouts)).isEmpty();
    assertThat(strings(PaidFigures.of(payouts)))
        .containsExactlyInAnyOrderElementsOf(
            strings(PayoutsChecks.paidFigures(payouts).collectAsList()));
    Dataset<Row> entries = payouts.withColumn("entry_id", functions.concat(col("entry_id"),
        functions.lit("x")));
    assertThat(EntryFigures.inPlace(entries)).isEmpty();
    assertThat(strings(EntryFigures.of(entries)))
        .containsExactlyInAnyOrderElementsOf(
            strings(PayoutsChecks.entryFigures(entries).collectAsList()));
  }
}
