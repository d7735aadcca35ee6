package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import dev.dugout.lakehouse.ColumnarScan;
import dev.dugout.lakehouse.Futures;
import dev.dugout.lakehouse.SparkRows;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.MatchStatusTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * A match's payouts from its inputs: the match (its result), contests, prize tables, entries and
 * final leaderboard. Each contest's {@link PrizeSchedule} is built on the driver from its terms and
 * its entries counted; every entry is then paid from its own board row (rank and tied) by a
 * lookup in its contest's schedule ({@link PayoutRows}): a scan of the board, with no join,
 * shuffle or sort of the entries. No I/O beyond reading {@code read}, so a settlement
 * can be recomputed from recorded snapshots.
 */
final class PayoutComputation {
  private PayoutComputation() {}

  /**
   * The final board's rows to pay (contest, entry, user, rank, tied), what is needed to pay them
   * and to account for them per contest (each contest's schedule, in contest id order: the index
   * {@link PackedSchedules} share), and the entries' {@link PayoutsChecks#entryFigures} as
   * counted, for the gate.
   */
  record Computed(Dataset<Row> ranked, String matchId, String settlementId, int boardAsOf,
      PrizeSchedule[] schedules, Broadcast<PackedSchedules> shared,
      Dataset<Row> entryFigures) {
    void release() {
      shared.destroy();
    }

    /**
     * The contests' accounts (rows of gold.contest_settlements, in contest order), given the
     * payouts' sums per contest id (as computed or as written): the amount paid and the
     * fingerprints of who is paid what, at which ranks (and by blocks of ranks, where
     * {@code blocks} has them).
     */
    List<Row> accounts(String settlementId, String matchId, Map<String, ContestSums.Sums> sums,
        Map<String, long[]> blocks) {
      List<Row> rows = new ArrayList<>();
      RowBuilder row = new RowBuilder(ContestSettlementsTable.DEFINITION);
      for (PrizeSchedule s : schedules) {
        String contest = s.terms().contestId();
        ContestSums.Sums paid = sums.get(contest);
        PrizeSchedule.Account a = s.account(paid == null || s.refundReason() != null ? 0
            : paid.amount());
        rows.add(row
            .set(ContestSettlementsTable.SETTLEMENT_ID, settlementId)
            .set(ContestSettlementsTable.MATCH_ID, matchId)
            .set(ContestSettlementsTable.CONTEST_ID, contest)
            .set(ContestSettlementsTable.STATUS, a.status().name())
            .set(ContestSettlementsTable.KIND, s.terms().kind().name())
            .set(ContestSettlementsTable.CURRENCY, s.terms().currency().name())
            .set(ContestSettlementsTable.ENTRIES, s.entries())
            .set(ContestSettlementsTable.MAX_ENTRIES, s.terms().maxEntries())
            .set(ContestSettlementsTable.FEES_COLLECTED_MINOR, a.feesCollected())
            .set(ContestSettlementsTable.PRIZE_POOL_MINOR, a.prizePool())
            .set(ContestSettlementsTable.PAID_MINOR, a.paid())
            .set(ContestSettlementsTable.REFUNDED_MINOR, a.refunded())
            .set(ContestSettlementsTable.TIE_REMAINDER_MINOR, a.tieRemainder())
            .set(ContestSettlementsTable.SCALING_REMAINDER_MINOR, a.scalingRemainder())
            .set(ContestSettlementsTable.SHORTFALL_MINOR, a.shortfall())
            .set(ContestSettlementsTable.PAYOUT_FINGERPRINT, paid == null ? null
                : paid.fingerprint())
            .set(ContestSettlementsTable.RANK_FINGERPRINT, paid == null ? null : paid.ranks())
            .set(ContestSettlementsTable.RANK_BLOCK_FINGERPRINTS, blocks.containsKey(contest)
                ? scala.collection.JavaConverters.asScalaBuffer(java.util.Arrays.stream(
                    blocks.get(contest)).boxed().toList()).toSeq() : null)
            .build());
      }
      return rows;
    }

    /**
     * The payouts: rows of gold.payouts (computed lazily: each action rescans the board). Spark's
     * {@code internalCreateDataFrame} (Scala's {@code private[sql]}, public to Java) takes the rows
     * in their internal form as they are; {@code createDataFrame} would want them as Row objects.
     */
    Dataset<Row> payouts() {
      PayoutRows pay = payoutRows(null, null);
      return ranked.sparkSession().internalCreateDataFrame(
          ranked.queryExecution().toRdd().toJavaRDD().mapPartitions(pay).rdd(), pay.schema(), false);
    }

    /**
     * The payouts as the columnar writer takes them, each row with its ledger credit beside it
     * when {@code creditsAt} is given (the credits' time; see {@link PayoutRows#WITH_CREDITS}),
     * each contest's tally added to {@code tallies} (if not null) as the rows are made.
     */
    JavaRDD<InternalRow> rows(Instant creditsAt, CollectionAccumulator<long[]> tallies) {
      PayoutRows pay = payoutRows(creditsAt, tallies);
      // The final board is a scan of the board's table: its rows are read in place from the
      // scan's batches, not copied into Spark's binary rows first.
      java.util.Optional<ColumnarScan> scan = ColumnarScan.of(ranked);
      if (scan.isPresent()) {
        return scan.get().rows().mapPartitions(pay.reading(scan.get().positions()));
      }
      return ranked.queryExecution().toRdd().toJavaRDD().mapPartitions(pay);
    }

    private PayoutRows payoutRows(Instant creditsAt, CollectionAccumulator<long[]> tallies) {
      return new PayoutRows(shared, matchId, settlementId, LeaderboardTable.DEFINITION.name(),
          creditsAt != null, creditsAt == null ? 0 : TimeUnit.SECONDS.toMicros(
              creditsAt.getEpochSecond()) + creditsAt.getNano() / 1000, tallies);
    }

    /** Per contest id, what {@link #rows} added to {@code tallies}, once they have been written. */
    ContestSums.Tallied tallies(CollectionAccumulator<long[]> tallies) {
      return PayoutRows.tallies(tallies, shared.value());
    }

    /**
     * Per contest, the final board's {@link PayoutsChecks#boardFigures} as {@link #rows} read it
     * (from its {@code tallies}); null when the match had no result (its entries were read, not a
     * board).
     */
    Dataset<Row> boardFigures(Map<String, ContestSums.Sums> tallies) {
      if (boardAsOf == 0) {
        return null;
      }
      List<Row> rows = new ArrayList<>();
      tallies.forEach((contest, t) -> rows.add(RowFactory.create(contest, t.ranks())));
      return SparkRows.distributed(ranked.sparkSession(), rows, PayoutsChecks.BOARD_FIGURES);
    }
  }

  static Computed compute(Function<TableDefinition, Dataset<Row>> read, String matchId,
      String settlementId) {
    List<Row> match = read.apply(MatchesTable.DEFINITION)
        .where(col(MatchesTable.MATCH_ID).equalTo(matchId)).select(MatchesTable.RESULT)
        .collectAsList();
    boolean noResult;
    if (match.isEmpty()) {
      // No result imported: the feed may have abandoned it (every contest refunded); anything
      // else is a match not over yet.
      String status = latestStatus(read, matchId);
      if (!"ABANDONED".equals(status)) {
        throw new IllegalArgumentException("settle: match " + matchId + " is not in "
            + MatchesTable.DEFINITION.name() + (status == null ? "" : " and its latest status in "
            + MatchStatusTable.DEFINITION.name() + " is " + status) + "; a match is settled once"
            + " it is complete (imported with its result) or abandoned");
      }
      noResult = true;
    } else {
      noResult = "no result".equalsIgnoreCase(match.get(0).getString(0));
    }
    Dataset<Row> entries = read.apply(ContestEntriesTable.DEFINITION)
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(matchId));
    SparkSession spark = entries.sparkSession();
    // Every contest with entries is settled on its entries counted here, the record of who joined.
    // They are counted with their fingerprint, which the gate compares with the payouts', on a
    // thread of their own while the driver finds the final board and loads the contests' terms.
    StructType figures = PayoutsChecks.entryFigures(entries).schema();
    Dataset<Row> boards = noResult ? null : read.apply(LeaderboardTable.DEFINITION)
        .where(col(LeaderboardTable.MATCH_ID).equalTo(matchId));
    Futures.Both<List<Row>, Inputs> counted = Futures.alongside("settle-count-" + matchId,
        () -> EntryFigures.of(entries), () -> new Inputs(
            noResult ? 0 : finalBoardAsOf(read, boards, matchId), terms(read, matchId)));
    int asOf = counted.main().boardAsOf();
    Map<String, ContestTerms> terms = counted.main().terms();
    List<Row> counts = counted.side();
    Map<String, PrizeSchedule> schedules = new HashMap<>();
    for (Row r : counts) {
      String contest = r.getAs(ContestEntriesTable.CONTEST_ID);
      ContestTerms t = terms.get(contest);
      if (t == null) {
        throw new IllegalStateException("settle: contest " + contest + " of match " + matchId
            + " has entries but is not in " + ContestsTable.DEFINITION.name());
      }
      schedules.put(contest, PrizeSchedule.of(t,
          Math.toIntExact(r.<Long>getAs(PayoutsChecks.ENTRY_ROWS)), noResult));
    }
    Dataset<Row> ranked;
    if (noResult) {
      // In PayoutRows' order of columns.
      ranked = entries.select(col(ContestEntriesTable.CONTEST_ID), col(ContestEntriesTable.ENTRY_ID),
          col(ContestEntriesTable.USER_ID), lit(null).cast(DataTypes.IntegerType).as(LeaderboardTable.RANK),
          lit(null).cast(DataTypes.IntegerType).as(LeaderboardTable.TIED));
    } else {
      // The final board holds every entry with its contest, user, rank and ties (the gate checks
      // that every entry of the match is paid exactly once), so no join with the entries is needed.
      // In PayoutRows' order of columns.
      ranked = boards.where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(asOf))
          .select(LeaderboardTable.CONTEST_ID, LeaderboardTable.ENTRY_ID, LeaderboardTable.USER_ID,
              LeaderboardTable.RANK, LeaderboardTable.TIED);
    }
    // Each contest's schedule by index, packed and shipped once per executor, where PayoutRows
    // pays each board row from its contest's.
    List<String> contestIds = new ArrayList<>(new TreeMap<>(schedules).keySet());
    PrizeSchedule[] byIndex = new PrizeSchedule[contestIds.size()];
    for (int k = 0; k < byIndex.length; k++) {
      byIndex[k] = schedules.get(contestIds.get(k));
    }
    Broadcast<PackedSchedules> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(PackedSchedules.of(byIndex));
    return new Computed(ranked, matchId, settlementId, asOf, byIndex, shared,
        SparkRows.distributed(spark, counts, figures));
  }

  /** The match's latest status as the feed announced it, or null. */
  private static String latestStatus(Function<TableDefinition, Dataset<Row>> read,
      String matchId) {
    List<Row> latest = read.apply(MatchStatusTable.DEFINITION)
        .where(col(MatchStatusTable.MATCH_ID).equalTo(matchId))
        .orderBy(col(MatchStatusTable.OCCURRED_AT).desc()).limit(1)
        .select(MatchStatusTable.STATUS).collectAsList();
    return latest.isEmpty() ? null : latest.get(0).getString(0);
  }

  /** What the driver reads while the entries are counted (boardAsOf 0: the match had no result). */
  private record Inputs(int boardAsOf, Map<String, ContestTerms> terms) {}

  /**
   * The delivery the match's final board is as of: its last. Fails, naming the command to run, when
   * the latest of its {@code boards} is older or there is none.
   */
  private static int finalBoardAsOf(Function<TableDefinition, Dataset<Row>> read,
      Dataset<Row> boards, String matchId) {
    Row last = read.apply(DeliveriesTable.DEFINITION)
        .where(col(DeliveriesTable.MATCH_ID).equalTo(matchId))
        .agg(max(DeliveriesTable.DELIVERY_SEQ)).first();
    Row latest = boards.agg(max(LeaderboardTable.AS_OF_DELIVERY)).first();
    if (latest.isNullAt(0) || last.isNullAt(0) || latest.getInt(0) != last.getInt(0)) {
      throw new IllegalStateException("settle: match " + matchId + " needs its final"
          + " leaderboard, as of its last delivery (" + (last.isNullAt(0) ? "none" : last.get(0))
          + "); the latest board is as of " + (latest.isNullAt(0) ? "none" : latest.get(0))
          + ". Run `dugout leaderboard --match " + matchId + "` first");
    }
    return latest.getInt(0);
  }

  private static Map<String, ContestTerms> terms(Function<TableDefinition, Dataset<Row>> read,
      String matchId) {
    Map<String, List<ContestTerms.PrizeRange>> ranges = new HashMap<>();
    for (Row r : read.apply(PrizeTablesTable.DEFINITION)
        .where(col(PrizeTablesTable.MATCH_ID).equalTo(matchId))
        .select(PrizeTablesTable.PRIZE_TABLE_ID, PrizeTablesTable.RANK_FROM,
            PrizeTablesTable.RANK_TO, PrizeTablesTable.AMOUNT_MINOR).collectAsList()) {
      ranges.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(new ContestTerms.PrizeRange(r.getInt(1), r.getInt(2), r.getLong(3)));
    }
    Map<String, ContestTerms> terms = new HashMap<>();
    for (Row c : read.apply(ContestsTable.DEFINITION)
        .where(col(ContestsTable.MATCH_ID).equalTo(matchId))
        .select(ContestsTable.CONTEST_ID, ContestsTable.CURRENCY, ContestsTable.ENTRY_FEE_MINOR,
            ContestsTable.MIN_ENTRIES, ContestsTable.MAX_ENTRIES, ContestsTable.KIND,
            ContestsTable.PRIZE_TABLE_ID).collectAsList()) {
      terms.put(c.getString(0), new ContestTerms(c.getString(0),
          ContestsTable.Currency.valueOf(c.getString(1)), c.getLong(2), c.getInt(3), c.getInt(4),
          ContestsTable.Kind.valueOf(c.getString(5)),
          ranges.getOrDefault(c.getString(6), List.of())));
    }
    return terms;
  }
}
