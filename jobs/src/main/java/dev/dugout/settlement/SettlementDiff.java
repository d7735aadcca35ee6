package dev.dugout.settlement;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import dev.dugout.tables.PayoutsTable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * What a recomputed settlement changes against the published one: per entry the amount before and
 * after, per user the net change, and the totals. The corrections a rerun publishes are exactly
 * the entries listed here.
 */
public final class SettlementDiff {
  public static final String BEFORE = "before_minor";
  public static final String AFTER = "after_minor";
  public static final String DELTA = "delta_minor";
  public static final String RANK_BEFORE = "rank_before";
  public static final String RANK_AFTER = "rank_after";
  /** Who the published settlement paid, and in what (the rerun's: user_id, currency). */
  public static final String USER_BEFORE = "user_before";
  public static final String CURRENCY_BEFORE = "currency_before";
  /** True where the entry's payout (amount, user or currency) changes, false: its rank alone. */
  public static final String PAYOUT_CHANGED = "payout_changed";
  /** True where the entry is paid to another user or in another currency than before. */
  public static final String MOVED = "moved";

  /** Up to this many rows of contests that differ (both sides) are joined by hashing. */
  static final long HASHED_JOIN_ROWS = 6_000_000;

  private static long rowsOf(ContestSums.Sums sums) {
    return sums == null ? 0 : sums.rows();
  }

  /** Up to this many contests that differ are named in a filter, more are joined. */
  static final int NAMED_CONTESTS = 1_000;

  private final Dataset<Row> changed;
  private final long entries;
  private final long paymentsChanged;
  private final long users;
  private final long totalBefore;
  private final long totalAfter;
  private final Map<String, ContestSums.Sums> recomputedSums;

  private SettlementDiff(Dataset<Row> changed, long entries, long paymentsChanged, long users,
      long totalBefore, long totalAfter, Map<String, ContestSums.Sums> recomputedSums) {
    this.changed = changed;
    this.entries = entries;
    this.paymentsChanged = paymentsChanged;
    this.users = users;
    this.totalBefore = totalBefore;
    this.totalAfter = totalAfter;
    this.recomputedSums = recomputedSums;
  }

  /**
   * Both sides are rows of gold.payouts of one match (one settlement each). Each side is summed
   * per contest once; only the entries of contests whose sums differ are joined.
   */
  public static SettlementDiff of(Dataset<Row> published, Dataset<Row> recomputed) {
    return of(published, recomputed, ContestSums.of(published), ContestSums.of(recomputed));
  }

  /** As {@link #of(Dataset, Dataset)}, each side already summed per contest. */
  static SettlementDiff of(Dataset<Row> published, Dataset<Row> recomputed,
      Map<String, ContestSums.Sums> before, Map<String, ContestSums.Sums> after) {
    return of(published, recomputed, before, after, Map.of(), Map.of());
  }

  /**
   * As above, with each side's blocks of ranks of its large contests ({@link ContestSums.Tallied},
   * perhaps none): of a large contest that differs, only the ranks of the blocks that differ are
   * joined, when both sides have its blocks (a prize correction of the first ranks of a mega
   * contest joins one block of its two million entries, not all of them).
   */
  static SettlementDiff of(Dataset<Row> published, Dataset<Row> recomputed,
      Map<String, ContestSums.Sums> before, Map<String, ContestSums.Sums> after,
      Map<String, long[]> blocksBefore, Map<String, long[]> blocksAfter) {
    Set<String> contests = new TreeSet<>(before.keySet());
    contests.addAll(after.keySet());
    List<Row> differ = new ArrayList<>();
    List<Object> whole = new ArrayList<>();
    Column inBlocks = lit(false);
    long rowsToJoin = 0;
    for (String c : contests) {
      ContestSums.Sums b = before.get(c);
      ContestSums.Sums a = after.get(c);
      if (java.util.Objects.equals(b, a)) {
        continue;
      }
      differ.add(RowFactory.create(c));
      List<int[]> ranks = differingRanks(b, a, blocksBefore.get(c), blocksAfter.get(c));
      if (ranks == null) {
        whole.add(c);
        rowsToJoin += rowsOf(b) + rowsOf(a);
        continue;
      }
      Column any = lit(false);
      for (int[] r : ranks) {
        any = any.or(col(PayoutsTable.RANK).between(r[0], r[1]));
        rowsToJoin += 2L * (r[1] - r[0] + 1);
      }
      inBlocks = inBlocks.or(col(PayoutsTable.CONTEST_ID).equalTo(c).and(any));
    }
    long totalBefore = before.values().stream().mapToLong(ContestSums.Sums::amount).sum();
    long totalAfter = after.values().stream().mapToLong(ContestSums.Sums::amount).sum();
    Dataset<Row> scope = published.sparkSession().createDataFrame(differ,
        new StructType().add(PayoutsTable.CONTEST_ID, DataTypes.StringType, false));
    scala.collection.immutable.Seq<String> byContest = scala.collection.JavaConverters
        .asScalaBuffer(List.of(PayoutsTable.CONTEST_ID)).toList();
    // A few contests are named to the scans, which then skip the files of every other contest;
    // many are joined.
    Column named = col(PayoutsTable.CONTEST_ID).isin(whole.toArray()).or(inBlocks);
    Function<Dataset<Row>, Dataset<Row>> inScope = differ.size() <= NAMED_CONTESTS
        ? side -> side.where(named)
        : side -> side.join(broadcast(scope), byContest, "left_semi");
    Dataset<Row> old = inScope.apply(published).select(
        col(PayoutsTable.ENTRY_ID),
        col(PayoutsTable.CONTEST_ID).as("contest_before"),
        col(PayoutsTable.USER_ID).as(USER_BEFORE),
        col(PayoutsTable.CURRENCY).as(CURRENCY_BEFORE),
        col(PayoutsTable.RANK).as(RANK_BEFORE), col(PayoutsTable.AMOUNT_MINOR).as(BEFORE));
    Dataset<Row> fresh = inScope.apply(recomputed).select(
        col(PayoutsTable.ENTRY_ID), col(PayoutsTable.CONTEST_ID),
        col(PayoutsTable.USER_ID), col(PayoutsTable.CURRENCY), col(PayoutsTable.RANK).as(RANK_AFTER),
        col(PayoutsTable.AMOUNT_MINOR).as(AFTER));
    // Up to a few million rows (a mega contest whose prizes were corrected), each task hashes its
    // share of one side instead of sorting both: half the join's time.
    Dataset<Row> joined = old.join(rowsToJoin <= HASHED_JOIN_ROWS ? fresh.hint("shuffle_hash")
        : fresh, scala.collection.JavaConverters.asScalaBuffer(
            List.of(PayoutsTable.ENTRY_ID)).toSeq(), "full_outer")
        .select(col(PayoutsTable.ENTRY_ID),
            coalesce(col(PayoutsTable.CONTEST_ID), col("contest_before")).as(PayoutsTable.CONTEST_ID),
            coalesce(col(PayoutsTable.USER_ID), col(USER_BEFORE)).as(PayoutsTable.USER_ID),
            coalesce(col(PayoutsTable.CURRENCY), col(CURRENCY_BEFORE)).as(PayoutsTable.CURRENCY),
            col(USER_BEFORE), col(CURRENCY_BEFORE), col(RANK_BEFORE), col(RANK_AFTER),
            coalesce(col(BEFORE), lit(0L)).as(BEFORE), coalesce(col(AFTER), lit(0L)).as(AFTER),
            // On both sides (the join's own columns here: AFTER is null where the rerun has no
            // row), but paid to someone else or in another currency.
            col(BEFORE).isNotNull().and(col(AFTER).isNotNull())
                .and(not(col(USER_BEFORE).eqNullSafe(col(PayoutsTable.USER_ID)))
                    .or(not(col(CURRENCY_BEFORE).eqNullSafe(col(PayoutsTable.CURRENCY)))))
                .as(MOVED))
        .withColumn(DELTA, col(AFTER).minus(col(BEFORE)))
        .withColumn(PAYOUT_CHANGED, col(DELTA).notEqual(0).or(col(MOVED)));
    if (differ.isEmpty()) {
      return new SettlementDiff(joined.limit(0), 0, 0, 0, totalBefore, totalAfter, after);
    }
    Dataset<Row> changed = joined.where(col(PAYOUT_CHANGED)
        .or(not(col(RANK_BEFORE).eqNullSafe(col(RANK_AFTER))))).cache();
    Row counts = changed.agg(functions.count("*"), functions.countDistinct(
        functions.when(col(PAYOUT_CHANGED), col(PayoutsTable.USER_ID))),
        functions.count(functions.when(col(PAYOUT_CHANGED), lit(1)))).first();
    // Users whose payout changes: those paid differently now, and those no longer paid.
    long users = counts.getLong(1) + changed.where(col(MOVED)).select(USER_BEFORE)
        .except(changed.where(col(PAYOUT_CHANGED)).select(PayoutsTable.USER_ID)).count();
    return new SettlementDiff(changed, counts.getLong(0), counts.getLong(2), users, totalBefore,
        totalAfter, after);
  }

  /**
   * The ranks, as ranges {@code [from, to]}, of the blocks in which a contest's two sides differ;
   * null when they cannot tell (a side without blocks, or with blocks of another size, or whose
   * blocks do not add up to its sums): then the whole contest is compared.
   */
  static List<int[]> differingRanks(ContestSums.Sums before, ContestSums.Sums after,
      long[] blocksBefore, long[] blocksAfter) {
    if (before == null || after == null || blocksBefore == null || blocksAfter == null
        || before.rows() != after.rows() || blocksBefore.length != blocksAfter.length
        || java.util.Arrays.stream(blocksBefore).sum() != before.fingerprint() + before.ranks()
        || java.util.Arrays.stream(blocksAfter).sum() != after.fingerprint() + after.ranks()) {
      return null;
    }
    int size = ContestSums.blockSize(after.rows());
    List<int[]> ranges = new ArrayList<>();
    for (int b = 0; b < blocksAfter.length; b++) {
      if (blocksBefore[b] != blocksAfter[b]) {
        int from = b * size + 1;
        int[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
        if (last != null && last[1] == from - 1) {
          last[1] = from + size - 1;
        } else {
          ranges.add(new int[] {from, from + size - 1});
        }
      }
    }
    return ranges.isEmpty() ? null : ranges;
  }

  /** The recomputed settlement's sums per contest (what its accounts are built from). */
  Map<String, ContestSums.Sums> recomputedSums() {
    return recomputedSums;
  }

  /**
   * Entries whose payout (amount, user or currency) or rank changes: entry_id, contest_id, user_id,
   * currency, user and currency before, ranks, amounts, delta, {@value #MOVED} and
   * {@value #PAYOUT_CHANGED}.
   */
  public Dataset<Row> changed() {
    return changed;
  }

  public long entriesChanged() {
    return entries;
  }

  /** Entries whose payout (amount, user or currency) changes: what moves money. */
  public long paymentsChanged() {
    return paymentsChanged;
  }

  public long usersChanged() {
    return users;
  }

  public long totalBefore() {
    return totalBefore;
  }

  public long totalAfter() {
    return totalAfter;
  }

  public boolean isEmpty() {
    return entries == 0;
  }

  /** The diff for an operator: totals, the largest changes per entry, and per user. */
  public void print(PrintStream out, int limit) {
    out.printf("diff against the published settlement: %d entr%s and %d user(s) change; paid %d ->"
        + " %d (%+d) minor units%n", entries, entries == 1 ? "y" : "ies", users, totalBefore,
        totalAfter, totalAfter - totalBefore);
    if (entries == 0) {
      return;
    }
    out.printf("  %-22s %-16s %-10s %6s %6s %12s %12s %12s%n", "entry", "contest", "user",
        "rank", "->", "before", "after", "change");
    for (Row r : changed.orderBy(functions.abs(col(DELTA)).desc(), col(PayoutsTable.ENTRY_ID))
        .limit(limit).collectAsList()) {
      out.printf("  %-22s %-16s %-10s %6s %6s %12d %12d %+12d%n", r.getAs(PayoutsTable.ENTRY_ID),
          r.getAs(PayoutsTable.CONTEST_ID), r.getAs(PayoutsTable.USER_ID), r.getAs(RANK_BEFORE),
          r.getAs(RANK_AFTER), r.<Long>getAs(BEFORE), r.<Long>getAs(AFTER), r.<Long>getAs(DELTA));
    }
    out.println("  by user:");
    for (Row r : byUser().orderBy(functions.abs(col(DELTA)).desc(), col(PayoutsTable.USER_ID))
        .limit(limit).collectAsList()) {
      out.printf("  %-10s %+12d%n", r.getString(0), r.getLong(1));
    }
  }

  /** True on a move that takes back what the published settlement paid (see {@link #moves}). */
  public static final String REVERSAL = "reversal";

  /**
   * The money the changes move, one row per user and entry (entry_id, contest_id, user_id,
   * currency, delta_minor, {@value #REVERSAL}): an entry paid the same user in the same currency
   * moves its difference to them; one paid to someone else, or in another currency, takes back
   * what it paid from whom it went to (a reversal) and pays what it pays now to whom it goes. A
   * change of rank alone moves nothing. The ledger's corrections are these moves.
   */
  public Dataset<Row> moves() {
    Dataset<Row> paid = changed.where(col(PAYOUT_CHANGED));
    Dataset<Row> moved = paid.where(col(MOVED));
    return paid.where(not(col(MOVED))).select(col(PayoutsTable.ENTRY_ID),
            col(PayoutsTable.CONTEST_ID), col(PayoutsTable.USER_ID), col(PayoutsTable.CURRENCY),
            col(DELTA), lit(false).as(REVERSAL))
        .union(moved.where(col(BEFORE).notEqual(0)).select(col(PayoutsTable.ENTRY_ID),
            col(PayoutsTable.CONTEST_ID), col(USER_BEFORE).as(PayoutsTable.USER_ID),
            col(CURRENCY_BEFORE).as(PayoutsTable.CURRENCY), col(BEFORE).multiply(-1).as(DELTA),
            lit(true).as(REVERSAL)))
        .union(moved.where(col(AFTER).notEqual(0)).select(col(PayoutsTable.ENTRY_ID),
            col(PayoutsTable.CONTEST_ID), col(PayoutsTable.USER_ID), col(PayoutsTable.CURRENCY),
            col(AFTER).as(DELTA), lit(false).as(REVERSAL)));
  }

  /** Per user whose payouts change, the net change (user_id, delta_minor) of {@link #moves}. */
  Dataset<Row> byUser() {
    return moves().groupBy(PayoutsTable.USER_ID).agg(functions.sum(DELTA).as(DELTA));
  }

  public void release() {
    changed.unpersist();
  }
}
