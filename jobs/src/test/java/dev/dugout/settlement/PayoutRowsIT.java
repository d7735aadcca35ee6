package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.testing.TestLakehouse;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.LeaderboardTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link PayoutRows} on a random board full of ties, split over four tasks so that every contest
 * comes in several runs: each row's amount, reason and credit against a brute-force payout worked
 * from the prize tables, and each contest's tally: its board's rank fingerprints against Spark
 * SQL's, its amount against the brute force's.
 */
class PayoutRowsIT {
  static final StructType BOARD = new StructType()
      .add(LeaderboardTable.CONTEST_ID, DataTypes.StringType, false)
      .add(LeaderboardTable.ENTRY_ID, DataTypes.StringType, false)
      .add(LeaderboardTable.USER_ID, DataTypes.StringType, false)
      .add(LeaderboardTable.RANK, DataTypes.IntegerType, true)
      .add(LeaderboardTable.TIED, DataTypes.IntegerType, true);
  /** Every guaranteed contest's table: 1st 1000, 2nd-3rd 301 each, 4th-10th 7 each. */
  static final List<ContestTerms.PrizeRange> PRIZES = List.of(
      new ContestTerms.PrizeRange(1, 1, 1000), new ContestTerms.PrizeRange(2, 3, 301),
      new ContestTerms.PrizeRange(4, 10, 7));

  static SparkSession spark;
  static List<ContestTerms> terms = new ArrayList<>();
  static Map<String, Integer> sizes = new HashMap<>();
  static List<Row> board = new ArrayList<>();

  @BeforeAll
  static void randomBoard() {
    spark = TestLakehouse.spark();
    Random random = new Random(11);
    for (int c = 0; c < 30; c++) {
      String id = "c" + c;
      // c0 is under its minimum of entries: cancelled, every entry refunded its fee.
      int n = c == 0 ? 3 : 2 + random.nextInt(120);
      terms.add(new ContestTerms(id, c % 3 == 0 ? ContestsTable.Currency.COINS
          : ContestsTable.Currency.INR, 25, c == 0 ? 10 : 2, c == 0 ? 20 : n, ContestsTable.Kind.GUARANTEED,
          PRIZES));
      sizes.put(id, n);
      addRanked(id, n, 5, random);
    }
    // One contest large enough to be tallied by blocks of ranks (5 ranks a block).
    terms.add(new ContestTerms("c30", ContestsTable.Currency.INR, 25, 2, 600,
        ContestsTable.Kind.GUARANTEED, PRIZES));
    sizes.put("c30", 600);
    addRanked("c30", 600, 400, new Random(13));
  }

  /** Board rows of {@code n} entries of contest {@code id}, of random points below {@code top}. */
  static void addRanked(String id, int n, int top, Random random) {
    int[] points = new int[n];
    for (int e = 0; e < n; e++) {
      points[e] = random.nextInt(top);
    }
    for (int e = 0; e < n; e++) {
      // Competition ranking by brute force: one more than those ahead; tied with the equals.
      int ahead = 0;
      int tied = 0;
      for (int p : points) {
        ahead += p > points[e] ? 1 : 0;
        tied += p == points[e] ? 1 : 0;
      }
      board.add(RowFactory.create(id, id + "-e" + e, "u" + random.nextInt(50), ahead + 1, tied));
    }
  }

  static Broadcast<PackedSchedules> schedules() {
    PrizeSchedule[] byIndex = terms.stream()
        .map(t -> PrizeSchedule.of(t, sizes.get(t.contestId()), false))
        .toArray(PrizeSchedule[]::new);
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(PackedSchedules.of(byIndex));
  }

  /** The board over four tasks, each in (contest, rank) order: a contest spans several tasks. */
  static Dataset<Row> boardInTasks() {
    return spark.createDataFrame(board, BOARD).repartition(4)
        .sortWithinPartitions(LeaderboardTable.CONTEST_ID, LeaderboardTable.RANK);
  }

  /** The prize of position p by the table, or 0. */
  static long prizeOf(int p) {
    return p == 1 ? 1000 : p <= 3 ? 301 : p <= 10 ? 7 : 0;
  }

  @Test
  void everyRowIsPaidAsTheTablesSayWithItsCreditAndEachContestIsTallied() {
    CollectionAccumulator<long[]> tallies = spark.sparkContext().collectionAccumulator();
    Broadcast<PackedSchedules> shared = schedules();
    PayoutRows pay = new PayoutRows(shared, "m", "s1", "the board", true, 1_000_000L, tallies);
    Dataset<Row> ranked = boardInTasks();
    List<InternalRow> out = ranked.queryExecution().toRdd().toJavaRDD().mapPartitions(pay)
        .map(InternalRow::copy).collect();

    assertThat(out).hasSize(board.size());
    int paid = 0;
    Map<String, Long> amounts = new HashMap<>();
    Map<String, Long> rows = new HashMap<>();
    List<Row> whoGetsWhat = new java.util.ArrayList<>();
    for (InternalRow r : out) {
      String contest = r.getUTF8String(2).toString();
      String entry = r.getUTF8String(3).toString();
      int rank = r.getInt(5);
      Row source = board.stream().filter(b -> b.getString(1).equals(entry)).findFirst().get();
      int tied = source.getInt(4);
      long expected;
      String reason;
      if (contest.equals("c0")) {
        expected = 25;
        reason = "REFUND_UNDERFILLED";
      } else {
        long pool = 0;
        for (int p = rank; p < rank + tied; p++) {
          pool += prizeOf(p);
        }
        expected = pool / tied;
        reason = expected > 0 ? "WINNING" : "NO_PRIZE";
      }
      assertThat(r.getUTF8String(0).toString()).isEqualTo("s1");
      assertThat(r.getUTF8String(1).toString()).isEqualTo("m");
      assertThat(r.getUTF8String(4).toString()).isEqualTo(source.getString(2));
      assertThat(rank).isEqualTo(source.getInt(3));
      assertThat(r.getLong(6)).as(entry).isEqualTo(expected);
      amounts.merge(contest, expected, Long::sum);
      rows.merge(contest, 1L, Long::sum);
      whoGetsWhat.add(RowFactory.create(contest, entry, source.getString(2), expected,
          r.getUTF8String(7).toString(), rank));
      assertThat(r.getUTF8String(7).toString()).isEqualTo(
          Integer.parseInt(contest.substring(1)) % 3 == 0 && !contest.equals("c30") ? "COINS"
              : "INR");
      assertThat(r.getUTF8String(8).toString()).as(entry).isEqualTo(reason);
      String kind = reason.equals("WINNING") ? "WINNING" : "REFUND";
      if (expected > 0) {
        paid++;
        assertThat(r.getUTF8String(9).toString()).isEqualTo("s1/" + entry + "/" + kind);
      } else {
        assertThat(r.isNullAt(9)).as(entry).isTrue();
      }
      assertThat(r.getUTF8String(10).toString()).isEqualTo(kind);
      assertThat(r.getLong(11)).isEqualTo(1_000_000L);
    }
    assertThat(paid).isGreaterThan(100);

    Map<String, Long> expected = new HashMap<>();
    for (Row r : PayoutsChecks.boardFigures(ranked).collectAsList()) {
      expected.put(r.getString(0), r.getLong(1));
    }
    assertThat(expected).hasSize(31);
    // Who gets what, as Spark SQL's xxhash64 fingerprints it, of the brute-force payouts above.
    Dataset<Row> paidRows = spark.createDataFrame(whoGetsWhat, new StructType()
        .add("contest", "string").add("entry", "string").add("user", "string")
        .add("amount", "long").add("currency", "string").add("rank", "int"));
    Map<String, Long> prints = new HashMap<>();
    for (Row r : paidRows.groupBy("contest")
        .agg(functions.expr("sum(shiftrightunsigned(xxhash64(entry, user, amount, currency), 24))"))
        .collectAsList()) {
      prints.put(r.getString(0), r.getLong(1));
    }
    // c30's 600 entries by blocks of 5 ranks (120 blocks): each block's sum of both fingerprints.
    long[] blocks = new long[120];
    for (Row r : paidRows.where("contest = 'c30'").groupBy(functions.expr("(rank - 1) div 5"))
        .agg(functions.expr("sum(shiftrightunsigned(xxhash64(entry, user, amount, currency), 24)"
            + " + shiftrightunsigned(xxhash64(entry, rank), 24))")).collectAsList()) {
      blocks[(int) r.getLong(0)] = r.getLong(1);
    }
    // Each contest's tally: its rows, the board's fingerprints as Spark computes them, and the
    // amount and who gets what of the brute-force payouts above (a contest spans several tasks).
    ContestSums.Tallied all = PayoutRows.tallies(tallies, shared.value());
    Map<String, ContestSums.Sums> tallied = all.sums();
    assertThat(tallied).hasSize(31);
    assertThat(all.blocks()).containsOnlyKeys("c30");
    assertThat(all.blocks().get("c30")).containsExactly(blocks);
    for (Map.Entry<String, ContestSums.Sums> t : tallied.entrySet()) {
      String contest = t.getKey();
      assertThat(t.getValue()).as(contest).isEqualTo(new ContestSums.Sums(rows.get(contest),
          amounts.get(contest), prints.get(contest), expected.get(contest)));
    }
  }

  @Test
  void aBoardRowOfAContestWithNoEntriesIsRefusedByName() {
    Broadcast<PackedSchedules> shared = schedules();
    PayoutRows pay = new PayoutRows(shared, "m", "s1", "the board", false, 0, null);
    Dataset<Row> ranked = boardInTasks().where(col(LeaderboardTable.CONTEST_ID).equalTo("c1"))
        .union(spark.createDataFrame(List.of(RowFactory.create("c-stray", "x-e1", "u1", 1, 1)),
            BOARD));
    assertThatThrownBy(() -> ranked.queryExecution().toRdd().toJavaRDD().mapPartitions(pay)
        .count()).hasStackTraceContaining("has entry x-e1 of contest c-stray, which has no entries");
  }

  @Test
  void boardColumnsElsewhereInTheRowsArePaidTheSame() {
    PayoutRows pay = new PayoutRows(schedules(), "m", "s1", "the board", true, 1_000_000L, null);
    Dataset<Row> ranked = boardInTasks();
    // The board's columns as a scan of its table may hold them: in another order, with a column
    // that is not read among them.
    Dataset<Row> moved = ranked.select(col(LeaderboardTable.TIED), lit("m").as("match_id"),
        col(LeaderboardTable.USER_ID), col(LeaderboardTable.RANK), col(LeaderboardTable.ENTRY_ID),
        col(LeaderboardTable.CONTEST_ID));
    List<String> asSelected = ranked.queryExecution().toRdd().toJavaRDD().mapPartitions(pay)
        .map(r -> r.copy().toString()).collect();
    List<String> asMoved = moved.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(pay.reading(new int[] {5, 4, 2, 3, 0}))
        .map(r -> r.copy().toString()).collect();
    assertThat(asSelected).hasSize(board.size());
    assertThat(asSelected.get(0)).contains("s1");
    assertThat(asMoved).containsExactlyElementsOf(asSelected);
  }
}
