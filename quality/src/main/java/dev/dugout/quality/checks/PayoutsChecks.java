package dev.dugout.quality.checks;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.TableDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Checks of one settlement's {@code gold.payouts}, per contest of the match: every entry of the
 * contest (as in core.contest_entries) has exactly one row, at its rank on the final leaderboard,
 * no amount is negative or reason unknown, one currency, and the contest's account
 * (gold.contest_settlements) adds up its rows and records their fingerprints (who is paid what,
 * at which ranks: what a later rerun compares with).
 *
 * <p>Entry sets and ranks are compared by count and by an order-free fingerprint (the sum of a
 * 40-bit hash of each entry id, or of each entry id with its rank): a missing, duplicated or
 * re-ranked entry changes the sum unless its hash collides, with probability 2^-40. So the gate
 * costs one aggregation per table over the match's ten million rows and no per-entry join. A
 * settlement that has already aggregated the payouts as written (it reads them back while it writes
 * its accounts) or the entries (it counts them for its prize schedules) hands those {@link Figures}
 * over instead.
 */
public final class PayoutsChecks implements TableChecks {
  public static final String PAYOUT_ROWS = "payout_rows";
  public static final String ENTRY_ROWS = "entry_rows";
  static final String PAYOUT_ENTRIES = "payout_entries_fingerprint";
  static final String ENTRIES = "entries_fingerprint";
  public static final String PAYOUT_RANKS = "payout_ranks_fingerprint";
  public static final String BOARD_RANKS = "board_ranks_fingerprint";
  /** The columns of {@link #boardFigures}. */
  public static final StructType BOARD_FIGURES = new StructType()
      .add(LeaderboardTable.CONTEST_ID, DataTypes.StringType, false)
      .add(BOARD_RANKS, DataTypes.LongType, false);
  static final String NO_RESULT_ROWS = "no_result_rows";
  static final String MISSING_VALUES = "missing_values";
  static final String NEGATIVE_AMOUNTS = "negative_amounts";
  static final String UNKNOWN_REASONS = "unknown_reasons";
  static final String CURRENCIES_AGREE = "currencies_agree";
  public static final String PAID_OUT = "paid_out";
  /**
   * Who is paid what: the sum of {@link #fingerprint} of (entry, user, amount, currency) over a
   * contest's payouts. The contest's account records it (a rerun diffs against it).
   */
  public static final String PAYOUT_PRINT = "payout_fingerprint";
  static final String ACCOUNTED = "accounted";
  static final String ACCOUNTED_PRINT = "accounted_payout_fingerprint";
  static final String ACCOUNTED_RANKS = "accounted_rank_fingerprint";

  private final String matchId;
  private final String settlementId;
  private final Figures figures;

  /**
   * Per contest, figures a settlement has already aggregated, so the gate does not scan the same
   * rows again: {@code paid} from {@link #paidFigures} of the payouts as written to the audit
   * branch, {@code entries} from {@link #entryFigures} of the entries the settlement read, and
   * {@code boardRanks} the {@link #boardFigures} of the final board as the settlement read it to
   * compute the payouts (null: the gate reads the board).
   */
  public record Figures(Dataset<Row> paid, Dataset<Row> entries, Dataset<Row> boardRanks) {}

  /** The checks of settlement {@code settlementId} of match {@code matchId}. */
  public PayoutsChecks(String matchId, String settlementId) {
    this(matchId, settlementId, null);
  }

  /** The same checks, on figures already aggregated (null: aggregated here from the tables). */
  public PayoutsChecks(String matchId, String settlementId, Figures figures) {
    this.matchId = matchId;
    this.settlementId = settlementId;
    this.figures = figures;
  }

  @Override
  public TableDefinition table() {
    return PayoutsTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .holds("no row misses a key, amount, currency or reason", MISSING_VALUES + " = 0")
            .holds("every reason is known", UNKNOWN_REASONS + " = 0"),
        TableCheck.error("money")
            .holds("no negative amount", NEGATIVE_AMOUNTS + " = 0")
            .holds("every entry of the contest has exactly one row",
                PAYOUT_ROWS + " = " + ENTRY_ROWS + " AND " + PAYOUT_ENTRIES + " = " + ENTRIES)
            .holds("ranks are those of the final leaderboard",
                NO_RESULT_ROWS + " = " + PAYOUT_ROWS + " OR " + PAYOUT_RANKS + " = " + BOARD_RANKS)
            .holds("one currency per contest", CURRENCIES_AGREE)
            .holds("the contest's account adds up its rows", PAID_OUT + " = " + ACCOUNTED)
            .holds("the contest's account records who its rows pay, at which ranks",
                ACCOUNTED_PRINT + " = " + PAYOUT_PRINT + " AND " + ACCOUNTED_RANKS + " = "
                    + PAYOUT_RANKS));
  }

  /** One row per contest of the match, with the payouts' figures beside the other tables'. */
  @Override
  public Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
    Dataset<Row> paid = figures != null ? figures.paid() : paidFigures(read.apply(table())
        .where(col(PayoutsTable.MATCH_ID).equalTo(matchId)
            .and(col(PayoutsTable.SETTLEMENT_ID).equalTo(settlementId))));
    Dataset<Row> entries = figures != null ? figures.entries()
        : entryFigures(read.apply(ContestEntriesTable.DEFINITION)
            .where(col(ContestEntriesTable.MATCH_ID).equalTo(matchId)));
    Dataset<Row> board = figures != null && figures.boardRanks() != null ? figures.boardRanks()
        : boardFigures(finalBoard(read.apply(LeaderboardTable.DEFINITION)
            .where(col(LeaderboardTable.MATCH_ID).equalTo(matchId))));
    Dataset<Row> accounts = read.apply(ContestSettlementsTable.DEFINITION)
        .where(col(ContestSettlementsTable.SETTLEMENT_ID).equalTo(settlementId))
        .select(col(ContestSettlementsTable.CONTEST_ID), col(ContestSettlementsTable.PAID_MINOR)
            .plus(col(ContestSettlementsTable.REFUNDED_MINOR)).as(ACCOUNTED),
            col(ContestSettlementsTable.PAYOUT_FINGERPRINT).as(ACCOUNTED_PRINT),
            col(ContestSettlementsTable.RANK_FINGERPRINT).as(ACCOUNTED_RANKS));
    // A contest with entries but no payouts, or payouts but no entries, must show up: full join.
    Dataset<Row> joined = paid.join(entries, seq(PayoutsTable.CONTEST_ID), "full_outer")
        .join(board, seq(PayoutsTable.CONTEST_ID), "left")
        .join(accounts, seq(PayoutsTable.CONTEST_ID), "left");
    return joined.select(
        lit(settlementId).as(PayoutsTable.SETTLEMENT_ID),
        lit(matchId).as(PayoutsTable.MATCH_ID),
        col(PayoutsTable.CONTEST_ID),
        zeroIfNull(PAYOUT_ROWS), zeroIfNull(ENTRY_ROWS), zeroIfNull(PAYOUT_ENTRIES),
        zeroIfNull(ENTRIES), zeroIfNull(PAYOUT_RANKS), zeroIfNull(BOARD_RANKS),
        zeroIfNull(NO_RESULT_ROWS), zeroIfNull(MISSING_VALUES), zeroIfNull(NEGATIVE_AMOUNTS),
        zeroIfNull(UNKNOWN_REASONS), coalesce(col(CURRENCIES_AGREE), lit(true)).as(CURRENCIES_AGREE),
        zeroIfNull(PAID_OUT), zeroIfNull(ACCOUNTED), zeroIfNull(PAYOUT_PRINT),
        zeroIfNull(ACCOUNTED_PRINT), zeroIfNull(ACCOUNTED_RANKS));
  }

  /**
   * Per contest of one settlement's payouts: what the checks compare with the other tables
   * ({@link #PAYOUT_ROWS}, {@link #PAID_OUT}, the fingerprints, the counts of bad rows), in one
   * aggregation.
   */
  public static Dataset<Row> paidFigures(Dataset<Row> payouts) {
    Column missing = col(PayoutsTable.CONTEST_ID).isNull();
    for (String c : List.of(PayoutsTable.ENTRY_ID, PayoutsTable.USER_ID, PayoutsTable.AMOUNT_MINOR,
        PayoutsTable.CURRENCY, PayoutsTable.REASON)) {
      missing = missing.or(col(c).isNull());
    }
    Object[] reasons = Arrays.stream(PayoutsTable.Reason.values()).map(Enum::name).toArray();
    List<Column> figures = new java.util.ArrayList<>(List.of(
        countWhere(missing).as(MISSING_VALUES),
        countWhere(col(PayoutsTable.AMOUNT_MINOR).lt(0)).as(NEGATIVE_AMOUNTS),
        countWhere(functions.not(col(PayoutsTable.REASON).isin(reasons))).as(UNKNOWN_REASONS),
        countWhere(col(PayoutsTable.REASON).equalTo(PayoutsTable.Reason.REFUND_NO_RESULT.name()))
            .as(NO_RESULT_ROWS),
        functions.sum(fingerprint(col(PayoutsTable.ENTRY_ID))).as(PAYOUT_ENTRIES),
        functions.sum(fingerprint(col(PayoutsTable.ENTRY_ID), col(PayoutsTable.RANK)))
            .as(PAYOUT_RANKS),
        functions.sum(PayoutsTable.AMOUNT_MINOR).as(PAID_OUT),
        // Compared by a hash: min and max of a string would make Spark sort the ten million rows
        // (its hash aggregation only keeps fixed-width values), and two currencies never collide.
        functions.min(functions.xxhash64(col(PayoutsTable.CURRENCY)))
            .equalTo(functions.max(functions.xxhash64(col(PayoutsTable.CURRENCY))))
            .as(CURRENCIES_AGREE),
        functions.sum(fingerprint(col(PayoutsTable.ENTRY_ID), col(PayoutsTable.USER_ID),
            col(PayoutsTable.AMOUNT_MINOR), col(PayoutsTable.CURRENCY))).as(PAYOUT_PRINT)));
    return payouts.groupBy(PayoutsTable.CONTEST_ID).agg(functions.count("*").as(PAYOUT_ROWS),
        figures.toArray(Column[]::new));
  }

  /** The rows of a match's boards (gold.leaderboard) as of its latest delivery. */
  static Dataset<Row> finalBoard(Dataset<Row> boards) {
    Row last = boards.agg(functions.max(LeaderboardTable.AS_OF_DELIVERY)).first();
    return boards.where(last.isNullAt(0) ? lit(false)
        : col(LeaderboardTable.AS_OF_DELIVERY).equalTo(last.getInt(0)));
  }

  /** Per contest of a final board: the fingerprint of its entries with their ranks. */
  public static Dataset<Row> boardFigures(Dataset<Row> board) {
    return board.groupBy(LeaderboardTable.CONTEST_ID).agg(
        functions.sum(fingerprint(col(LeaderboardTable.ENTRY_ID), col(LeaderboardTable.RANK)))
            .as(BOARD_RANKS));
  }

  /** Per contest of the match's entries (core.contest_entries): how many, and their fingerprint. */
  public static Dataset<Row> entryFigures(Dataset<Row> entries) {
    return entries.groupBy(ContestEntriesTable.CONTEST_ID).agg(
        functions.count("*").as(ENTRY_ROWS),
        functions.sum(fingerprint(col(ContestEntriesTable.ENTRY_ID))).as(ENTRIES));
  }

  /**
   * A 40-bit hash of the columns, summed per contest: 2^23 rows still sum without overflow.
   * Settlement's diff sums the same way.
   */
  public static Column fingerprint(Column... columns) {
    return functions.shiftrightunsigned(functions.xxhash64(columns), 24);
  }

  private static Column countWhere(Column condition) {
    return functions.sum(when(condition, 1L).otherwise(0L));
  }

  private static Column zeroIfNull(String column) {
    return coalesce(col(column), lit(0L)).as(column);
  }

  static scala.collection.immutable.Seq<String> seq(String... columns) {
    return scala.collection.JavaConverters.asScalaBuffer(List.of(columns)).toList();
  }
}
