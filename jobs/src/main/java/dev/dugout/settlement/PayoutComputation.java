package dev.dugout.settlement;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import dev.dugout.lakehouse.Futures;
import dev.dugout.lakehouse.SparkRows;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A match's payouts from its inputs: the match (its result), contests, prize tables, entries and
 * final leaderboard. Each contest's {@link PrizeSchedule} is built on the driver from its terms and
 * its entries counted; every entry is then paid from its own board row (rank and tied) by a
 * lookup in its contest's schedule: a scan of the board and a broadcast join of ~190k contests,
 * with no shuffle or sort of the entries. No I/O beyond reading {@code read}, so a settlement
 * can be recomputed from recorded snapshots.
 */
final class PayoutComputation {
  private static final String SCHEDULE = "_schedule";
  private static final String REFUND_REASON = "_refund_reason";

  private PayoutComputation() {}

  /**
   * The payouts (rows of gold.payouts, computed lazily: each action rescans the board), what is
   * needed to account for them per contest, and the entries' {@link PayoutsChecks#entryFigures}
   * as counted, for the gate.
   */
  record Computed(Dataset<Row> payouts, int boardAsOf, Map<String, PrizeSchedule> schedules,
      Broadcast<PackedSchedules> shared, Dataset<Row> entryFigures) {
    void release() {
      shared.destroy();
    }

    /**
     * The contests' accounts (rows of gold.contest_settlements, in contest order), given what was
     * paid per contest (the sums of {@code payouts} as computed or as written).
     */
    List<Row> accounts(String settlementId, String matchId, Map<String, ContestSums.Sums> sums) {
      List<Row> rows = new ArrayList<>();
      RowBuilder row = new RowBuilder(ContestSettlementsTable.DEFINITION);
      for (Map.Entry<String, PrizeSchedule> e : new TreeMap<>(schedules).entrySet()) {
        PrizeSchedule s = e.getValue();
        ContestSums.Sums paid = sums.get(e.getKey());
        PrizeSchedule.Account a = s.account(paid == null || s.refundReason() != null ? 0
            : paid.amount());
        rows.add(row
            .set(ContestSettlementsTable.SETTLEMENT_ID, settlementId)
            .set(ContestSettlementsTable.MATCH_ID, matchId)
            .set(ContestSettlementsTable.CONTEST_ID, e.getKey())
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
            .build());
      }
      return rows;
    }
  }

  static Computed compute(Function<TableDefinition, Dataset<Row>> read, String matchId,
      String settlementId) {
    List<Row> match = read.apply(MatchesTable.DEFINITION)
        .where(col(MatchesTable.MATCH_ID).equalTo(matchId)).select(MatchesTable.RESULT)
        .collectAsList();
    if (match.isEmpty()) {
      throw new IllegalArgumentException("settle: match " + matchId + " is not in "
          + MatchesTable.DEFINITION.name() + "; a match is settled once it is complete");
    }
    boolean noResult = "no result".equalsIgnoreCase(match.get(0).getString(0));
    Dataset<Row> entries = read.apply(ContestEntriesTable.DEFINITION)
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(matchId));
    SparkSession spark = entries.sparkSession();
    // Every contest with entries is settled on its entries counted here, the record of who joined.
    // They are counted with their fingerprint, which the gate compares with the payouts', on a
    // thread of their own while the driver loads the contests' terms.
    Dataset<Row> figures = PayoutsChecks.entryFigures(entries);
    Futures.Both<List<Row>, Map<String, ContestTerms>> counted = Futures.alongside(
        "settle-count-" + matchId, figures::collectAsList, () -> terms(read, matchId));
    Map<String, ContestTerms> terms = counted.main();
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
    int asOf = 0;
    Dataset<Row> ranked;
    if (noResult) {
      ranked = entries.select(col(ContestEntriesTable.CONTEST_ID), col(ContestEntriesTable.ENTRY_ID),
          col(ContestEntriesTable.USER_ID), lit(null).cast(DataTypes.IntegerType).as(LeaderboardTable.RANK),
          lit(null).cast(DataTypes.IntegerType).as(LeaderboardTable.TIED));
    } else {
      Row last = read.apply(DeliveriesTable.DEFINITION)
          .where(col(DeliveriesTable.MATCH_ID).equalTo(matchId))
          .agg(max(DeliveriesTable.DELIVERY_SEQ)).first();
      Dataset<Row> boards = read.apply(LeaderboardTable.DEFINITION)
          .where(col(LeaderboardTable.MATCH_ID).equalTo(matchId));
      Row latest = boards.agg(max(LeaderboardTable.AS_OF_DELIVERY)).first();
      if (latest.isNullAt(0) || last.isNullAt(0) || latest.getInt(0) != last.getInt(0)) {
        throw new IllegalStateException("settle: match " + matchId + " needs its final"
            + " leaderboard, as of its last delivery (" + (last.isNullAt(0) ? "none" : last.get(0))
            + "); the latest board is as of " + (latest.isNullAt(0) ? "none" : latest.get(0))
            + ". Run `dugout leaderboard --match " + matchId + "` first");
      }
      asOf = latest.getInt(0);
      // The final board holds every entry with its contest, user, rank and ties (the gate checks
      // that every entry of the match is paid exactly once), so no join with the entries is needed.
      ranked = boards.where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(asOf))
          .select(LeaderboardTable.CONTEST_ID, LeaderboardTable.ENTRY_ID, LeaderboardTable.USER_ID,
              LeaderboardTable.RANK, LeaderboardTable.TIED);
    }
    // Each contest's schedule by index, packed and shipped once per executor; the index joins the
    // entries.
    List<String> contestIds = new ArrayList<>(new TreeMap<>(schedules).keySet());
    PrizeSchedule[] byIndex = new PrizeSchedule[contestIds.size()];
    List<Row> index = new ArrayList<>();
    for (int k = 0; k < byIndex.length; k++) {
      byIndex[k] = schedules.get(contestIds.get(k));
      PayoutsTable.Reason refund = byIndex[k].refundReason();
      index.add(RowFactory.create(contestIds.get(k), k, byIndex[k].terms().currency().name(),
          refund == null ? null : refund.name()));
    }
    Dataset<Row> contests = SparkRows.distributed(spark, index, new StructType()
        .add(ContestEntriesTable.CONTEST_ID, DataTypes.StringType, false)
        .add(SCHEDULE, DataTypes.IntegerType, false)
        .add(PayoutsTable.CURRENCY, DataTypes.StringType, false)
        .add(REFUND_REASON, DataTypes.StringType, true));
    Broadcast<PackedSchedules> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(PackedSchedules.of(byIndex));
    String board = LeaderboardTable.DEFINITION.name();
    UserDefinedFunction pay = functions.udf((UDF3<Integer, Integer, Integer, Long>) (k, rank, tied) -> {
      if (k == null) {
        throw new IllegalStateException("settle: the final board of match " + matchId + " has an"
            + " entry of a contest with no entries in " + ContestEntriesTable.DEFINITION.name());
      }
      PackedSchedules s = shared.value();
      if (s.refunds(k)) {
        return s.refundOf(k);
      }
      if (rank == null || tied == null) {
        throw new IllegalStateException("settle: the final board of match " + matchId + " in "
            + board + " has an entry without rank or tie count (a board written before tie counts"
            + " were recorded); rebuild it with `dugout leaderboard --match " + matchId + "`");
      }
      return s.amount(k, rank, tied);
    }, DataTypes.LongType);
    Column amount = col(PayoutsTable.AMOUNT_MINOR);
    Dataset<Row> payouts = ranked
        .join(broadcast(contests), ranked.col(ContestEntriesTable.CONTEST_ID)
            .equalTo(contests.col(ContestEntriesTable.CONTEST_ID)), "left")
        .select(ranked.col(ContestEntriesTable.CONTEST_ID), col(ContestEntriesTable.ENTRY_ID),
            col(ContestEntriesTable.USER_ID), col(LeaderboardTable.RANK), col(PayoutsTable.CURRENCY),
            col(REFUND_REASON), pay.apply(col(SCHEDULE), col(LeaderboardTable.RANK),
                col(LeaderboardTable.TIED)).as(PayoutsTable.AMOUNT_MINOR))
        .select(lit(settlementId).as(PayoutsTable.SETTLEMENT_ID), lit(matchId).as(PayoutsTable.MATCH_ID),
            col(PayoutsTable.CONTEST_ID), col(PayoutsTable.ENTRY_ID), col(PayoutsTable.USER_ID),
            col(PayoutsTable.RANK), amount, col(PayoutsTable.CURRENCY),
            // PrizeSchedule.reason, in SQL so it runs without a second call per row.
            when(col(REFUND_REASON).isNotNull(), col(REFUND_REASON))
                .when(amount.gt(0), lit(PayoutsTable.Reason.WINNING.name()))
                .otherwise(lit(PayoutsTable.Reason.NO_PRIZE.name())).as(PayoutsTable.REASON));
    return new Computed(payouts, asOf, schedules, shared,
        SparkRows.distributed(spark, counts, figures.schema()));
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
