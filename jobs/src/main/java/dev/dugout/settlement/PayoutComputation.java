package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A match's payouts from its inputs: the match (its result), contests, prize tables, entries and
 * final leaderboard. The entries are partitioned by contest and sorted by rank; each contest is
 * settled by {@link ContestPayouts} on the executors. No I/O beyond reading {@code read}, so a
 * settlement can be recomputed from recorded snapshots.
 */
final class PayoutComputation {
  static final String ROW_KIND = "_row_kind";

  private PayoutComputation() {}

  /** The payouts (rows of gold.payouts) and the contests' accounts (gold.contest_settlements). */
  record Computed(Dataset<Row> payouts, Dataset<Row> contests, int boardAsOf, boolean noResult,
      Dataset<Row> cached, Broadcast<Map<String, ContestTerms>> terms) {
    void release() {
      cached.unpersist();
      terms.destroy();
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
    Map<String, ContestTerms> terms = terms(read, matchId);
    Dataset<Row> entries = read.apply(ContestEntriesTable.DEFINITION)
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(matchId))
        .select(ContestEntriesTable.CONTEST_ID, ContestEntriesTable.ENTRY_ID,
            ContestEntriesTable.USER_ID);
    int asOf = 0;
    Dataset<Row> ranked;
    if (noResult) {
      ranked = entries.withColumn(LeaderboardTable.RANK, lit(null).cast(DataTypes.IntegerType));
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
      // The final board holds every entry with its contest, user and rank (the gate checks that
      // every entry of the match is paid exactly once), so no join with the entries is needed.
      ranked = boards.where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(asOf))
          .select(LeaderboardTable.CONTEST_ID, LeaderboardTable.ENTRY_ID, LeaderboardTable.USER_ID,
              LeaderboardTable.RANK);
    }
    StructType payoutSchema = new RowBuilder(PayoutsTable.DEFINITION).sparkSchema();
    StructType contestSchema = new RowBuilder(ContestSettlementsTable.DEFINITION).sparkSchema();
    StructType combined = combinedSchema(payoutSchema, contestSchema);
    int payoutWidth = payoutSchema.size();
    int contestWidth = contestSchema.size();
    boolean refundAll = noResult;
    // Every contest's terms, shipped once per executor (a match day has ~190k contests).
    Broadcast<Map<String, ContestTerms>> shared = JavaSparkContext.fromSparkContext(
        entries.sparkSession().sparkContext()).broadcast(terms);
    MapPartitionsFunction<Row, Row> settle = rows -> new ContestIterator(rows, shared.value(),
        matchId, settlementId, refundAll, payoutWidth, contestWidth);
    Dataset<Row> out = ranked
        .repartition(col(ContestEntriesTable.CONTEST_ID))
        .sortWithinPartitions(col(ContestEntriesTable.CONTEST_ID), col(LeaderboardTable.RANK),
            col(ContestEntriesTable.ENTRY_ID))
        .select(ContestEntriesTable.CONTEST_ID, ContestEntriesTable.ENTRY_ID,
            ContestEntriesTable.USER_ID, LeaderboardTable.RANK)
        .mapPartitions(settle, Encoders.row(combined))
        .cache();
    List<org.apache.spark.sql.Column> payoutCols = new ArrayList<>();
    for (StructField f : payoutSchema.fields()) {
      payoutCols.add(col(f.name()));
    }
    List<org.apache.spark.sql.Column> contestCols = new ArrayList<>();
    for (StructField f : contestSchema.fields()) {
      contestCols.add(col("c_" + f.name()).as(f.name()));
    }
    Dataset<Row> payouts = out.where(col(ROW_KIND).equalTo("P"))
        .select(payoutCols.toArray(new org.apache.spark.sql.Column[0]));
    Dataset<Row> contests = out.where(col(ROW_KIND).equalTo("C"))
        .select(contestCols.toArray(new org.apache.spark.sql.Column[0]));
    return new Computed(payouts, contests, asOf, noResult, out, shared);
  }

  /** Payout columns, then the contest account's columns prefixed {@code c_}, all nullable. */
  private static StructType combinedSchema(StructType payouts, StructType contests) {
    StructType s = new StructType().add(ROW_KIND, DataTypes.StringType, false);
    for (StructField f : payouts.fields()) {
      s = s.add(f.name(), f.dataType(), true);
    }
    for (StructField f : contests.fields()) {
      s = s.add("c_" + f.name(), f.dataType(), true);
    }
    return s;
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

  /**
   * Walks a partition's entries, sorted by contest and rank, one contest at a time: buffers the
   * contest, settles it, and emits its payout rows and then its account row.
   */
  private static final class ContestIterator implements Iterator<Row> {
    private final Iterator<Row> rows;
    private final Map<String, ContestTerms> terms;
    private final String matchId;
    private final String settlementId;
    private final boolean noResult;
    private final int payoutWidth;
    private final int contestWidth;
    private final List<Row> ready = new ArrayList<>();
    private int next;
    private Row pending;

    ContestIterator(Iterator<Row> rows, Map<String, ContestTerms> terms, String matchId,
        String settlementId, boolean noResult, int payoutWidth, int contestWidth) {
      this.rows = rows;
      this.terms = terms;
      this.matchId = matchId;
      this.settlementId = settlementId;
      this.noResult = noResult;
      this.payoutWidth = payoutWidth;
      this.contestWidth = contestWidth;
    }

    @Override
    public boolean hasNext() {
      if (next < ready.size()) {
        return true;
      }
      ready.clear();
      next = 0;
      if (pending == null && !rows.hasNext()) {
        return false;
      }
      settleNextContest();
      return !ready.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      return ready.get(next++);
    }

    private void settleNextContest() {
      Row first = pending != null ? pending : rows.next();
      pending = null;
      String contestId = first.getString(0);
      List<String> entryIds = new ArrayList<>();
      List<String> userIds = new ArrayList<>();
      IntStream.Builder ranks = IntStream.builder();
      Row r = first;
      while (true) {
        if (!noResult && r.isNullAt(3)) {
          throw new IllegalStateException("settle: entry " + r.getString(1) + " of contest "
              + contestId + " has no rank on the final leaderboard");
        }
        entryIds.add(r.getString(1));
        userIds.add(r.getString(2));
        ranks.add(r.isNullAt(3) ? 0 : r.getInt(3));
        if (!rows.hasNext()) {
          break;
        }
        r = rows.next();
        if (!r.getString(0).equals(contestId)) {
          pending = r;
          break;
        }
      }
      ContestTerms t = terms.get(contestId);
      if (t == null) {
        throw new IllegalStateException("settle: contest " + contestId + " of match " + matchId
            + " has entries but is not in " + ContestsTable.DEFINITION.name());
      }
      int[] rk = ranks.build().toArray();
      ContestPayouts.Result res = ContestPayouts.settle(t, rk, noResult);
      for (int i = 0; i < rk.length; i++) {
        Object[] v = new Object[1 + payoutWidth + contestWidth];
        v[0] = "P";
        v[1] = settlementId;
        v[2] = matchId;
        v[3] = contestId;
        v[4] = entryIds.get(i);
        v[5] = userIds.get(i);
        v[6] = noResult ? null : rk[i];
        v[7] = res.amounts()[i];
        v[8] = t.currency().name();
        v[9] = res.reasons()[i].name();
        ready.add(RowFactory.create(v));
      }
      Object[] c = new Object[1 + payoutWidth + contestWidth];
      c[0] = "C";
      Object[] account = {settlementId, matchId, contestId, res.status().name(), t.kind().name(),
          t.currency().name(), rk.length, t.maxEntries(), res.feesCollected(), res.prizePool(),
          res.paid(), res.refunded(), res.tieRemainder(), res.scalingRemainder(), res.shortfall()};
      System.arraycopy(account, 0, c, 1 + payoutWidth, account.length);
      ready.add(RowFactory.create(c));
    }
  }
}
