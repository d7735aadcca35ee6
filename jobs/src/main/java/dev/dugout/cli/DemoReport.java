package dev.dugout.cli;

import static org.apache.spark.sql.functions.col;

import dev.dugout.scoring.Rule;
import dev.dugout.tables.CheckResultsTable;
import dev.dugout.settlement.SettleMatchJob;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.SettlementsTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PlayerPointsTable;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/** The demo's closing report: per match the result and the top fantasy players, with breakdown. */
final class DemoReport {
  static final int TOP = 5;

  private DemoReport() {}

  static void print(SparkSession spark, List<String> runIds, PrintStream out) {
    List<Row> matches = spark.table(MatchesTable.DEFINITION.name())
        .orderBy(MatchesTable.MATCH_DATE, MatchesTable.MATCH_ID).collectAsList();
    List<Row> top = spark.table(PlayerPointsTable.DEFINITION.name())
        .withColumn("pos", functions.row_number().over(Window.partitionBy(PlayerPointsTable.MATCH_ID)
            .orderBy(col(PlayerPointsTable.POINTS).desc(), col(PlayerPointsTable.PLAYER_ID))))
        .where(col("pos").leq(TOP))
        .orderBy(PlayerPointsTable.MATCH_ID, "pos").collectAsList();
    for (Row m : matches) {
      String matchId = m.getAs(MatchesTable.MATCH_ID);
      out.printf("%n%s  %s  %s v %s  (%s)%n", matchId, m.getAs(MatchesTable.MATCH_DATE),
          m.getAs(MatchesTable.TEAM_1), m.getAs(MatchesTable.TEAM_2), occasion(m));
      out.println("  result: " + result(m));
      for (Row p : top) {
        if (!matchId.equals(p.getAs(PlayerPointsTable.MATCH_ID))) {
          continue;
        }
        Map<String, BigDecimal> breakdown = p.getJavaMap(p.fieldIndex(PlayerPointsTable.BREAKDOWN));
        out.printf("  %d. %-22s %-28s %7s  %s%n", p.<Integer>getAs("pos"),
            p.getAs(PlayerPointsTable.PLAYER_NAME), p.getAs(PlayerPointsTable.TEAM),
            p.<BigDecimal>getAs(PlayerPointsTable.POINTS).toPlainString(),
            java.util.Arrays.stream(Rule.values())
                .filter(rule -> breakdown.containsKey(rule.key()))
                .map(rule -> rule.key() + " " + breakdown.get(rule.key()).stripTrailingZeros()
                    .toPlainString())
                .collect(Collectors.joining(", ")));
      }
    }
    Row gate = spark.table(CheckResultsTable.DEFINITION.name())
        .where(col(CheckResultsTable.RUN_ID).isin(runIds.toArray()))
        .agg(functions.count("*"),
            functions.sum(functions.when(col(CheckResultsTable.STATUS).equalTo("Success"), 1)
                .otherwise(0)))
        .first();
    out.printf("%nquality gate: %d of %d constraints passed for this demo's runs"
        + " (dq.check_results)%n", gate.isNullAt(1) ? 0 : gate.getLong(1), gate.getLong(0));
  }

  /** The mega contest's top 5 and where one user's teams stand, on the final board. */
  /** What the demo's live view follows: the mega contest, a small contest and one user. */
  record Watch(String mega, String small, String user) {}

  /**
   * The mega contest; the user with the most entries in it (lowest id on a tie); and the smallest
   * contest of at least 5 entries that user is in.
   */
  static Watch watch(SparkSession spark, String matchId) {
    var entries = spark.table(ContestEntriesTable.DEFINITION.name())
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(matchId));
    var sizes = entries.groupBy(ContestEntriesTable.CONTEST_ID).count();
    String mega = sizes.orderBy(col("count").desc(), col(ContestEntriesTable.CONTEST_ID)).first()
        .getString(0);
    String user = entries.where(col(ContestEntriesTable.CONTEST_ID).equalTo(mega))
        .groupBy(ContestEntriesTable.USER_ID).count()
        .orderBy(col("count").desc(), col(ContestEntriesTable.USER_ID)).first().getString(0);
    var theirs = entries.where(col(ContestEntriesTable.USER_ID).equalTo(user))
        .select(ContestEntriesTable.CONTEST_ID).distinct().join(sizes, ContestEntriesTable.CONTEST_ID)
        .where(col("count").geq(5)).orderBy(col("count"), col(ContestEntriesTable.CONTEST_ID));
    String small = theirs.isEmpty() ? mega : theirs.first().getString(0);
    return new Watch(mega, small, user);
  }

  static void printLeaderboard(SparkSession spark, String matchId, String userId, PrintStream out) {
    var board = spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.MATCH_ID).equalTo(matchId));
    int last = board.agg(functions.max(LeaderboardTable.AS_OF_DELIVERY)).first().getInt(0);
    var contests = spark.table(ContestsTable.DEFINITION.name())
        .where(col(ContestsTable.MATCH_ID).equalTo(matchId));
    Row mega = contests.orderBy(col(ContestsTable.MAX_ENTRIES).desc()).first();
    String megaId = mega.getAs(ContestsTable.CONTEST_ID);
    var finalBoard = board.where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(last));
    out.printf("%nLeaderboard of %s (%s, %d entries) after the last ball, delivery %d:%n",
        mega.getAs(ContestsTable.NAME), megaId, finalBoard.where(
            col(LeaderboardTable.CONTEST_ID).equalTo(megaId)).count(), last);
    for (Row r : finalBoard.where(col(LeaderboardTable.CONTEST_ID).equalTo(megaId))
        .orderBy(col(LeaderboardTable.RANK), col(LeaderboardTable.ENTRY_ID)).limit(TOP).collectAsList()) {
      out.printf("  %4d. %-8s %-20s %8s%n", r.<Integer>getAs(LeaderboardTable.RANK),
          r.getAs(LeaderboardTable.USER_ID), r.getAs(LeaderboardTable.TEAM_ID),
          r.<BigDecimal>getAs(LeaderboardTable.POINTS).toPlainString());
    }
    out.printf("User %s has %d entries; best ranks:%n", userId,
        finalBoard.where(col(LeaderboardTable.USER_ID).equalTo(userId)).count());
    for (Row r : finalBoard.where(col(LeaderboardTable.USER_ID).equalTo(userId))
        .join(contests.select(ContestsTable.CONTEST_ID, ContestsTable.NAME), LeaderboardTable.CONTEST_ID)
        .orderBy(col(LeaderboardTable.RANK), col(LeaderboardTable.CONTEST_ID)).limit(TOP).collectAsList()) {
      out.printf("  rank %5d in %-26s %8s points%n", r.<Integer>getAs(LeaderboardTable.RANK),
          r.getAs(ContestsTable.NAME), r.<BigDecimal>getAs(LeaderboardTable.POINTS).toPlainString());
    }
  }

  /** The settlement of record: totals, the mega contest's best paid, the watched user's winnings. */
  static void printSettlement(SparkSession spark, String matchId, String userId, PrintStream out) {
    Row settlement = SettleMatchJob.publishedSettlement(spark, matchId);
    if (settlement == null) {
      return;
    }
    String id = settlement.getAs(SettlementsTable.SETTLEMENT_ID);
    java.util.Map<String, Long> totals = settlement.getJavaMap(
        settlement.fieldIndex(SettlementsTable.TOTALS));
    out.printf("%nSettlement %s (operator %s): %d entries in %d contests; paid %s, refunded %s;"
            + " tie remainders %d, scaling remainders %d, guaranteed shortfall %s (minor units)%n",
        id, settlement.getAs(SettlementsTable.OPERATOR), totals.get("entries"),
        totals.get("contests"), totals.get("paid"), totals.get("refunded"),
        totals.get("tie_remainder"), totals.get("scaling_remainder"), totals.get("shortfall"));
    var payouts = SettleMatchJob.payoutsOf(spark, id);
    out.printf("User %s's winnings:%n", userId);
    for (Row r : payouts.where(col(PayoutsTable.USER_ID).equalTo(userId)
        .and(col(PayoutsTable.AMOUNT_MINOR).gt(0))).orderBy(col(PayoutsTable.AMOUNT_MINOR).desc())
        .limit(TOP).collectAsList()) {
      out.printf("  %-16s rank %5d  %,12d %s minor units (%s)%n", r.getAs(PayoutsTable.CONTEST_ID),
          r.<Integer>getAs(PayoutsTable.RANK), r.<Long>getAs(PayoutsTable.AMOUNT_MINOR),
          r.getAs(PayoutsTable.CURRENCY), r.getAs(PayoutsTable.REASON));
    }
  }

  private static String occasion(Row m) {
    String event = m.getAs(MatchesTable.EVENT_NAME);
    String stage = m.getAs(MatchesTable.STAGE);
    Integer number = m.getAs(MatchesTable.MATCH_NUMBER);
    return (event == null ? "" : event) + (stage != null ? ", " + stage
        : number != null ? ", match " + number : "");
  }

  static String result(Row m) {
    String result = m.getAs(MatchesTable.RESULT);
    String winner = m.getAs(MatchesTable.WINNER);
    String method = m.getAs(MatchesTable.RESULT_METHOD);
    Integer runs = m.getAs(MatchesTable.WIN_BY_RUNS);
    Integer wickets = m.getAs(MatchesTable.WIN_BY_WICKETS);
    String text;
    if ("win".equals(result)) {
      text = winner + " won" + (runs != null ? " by " + runs + " runs"
          : wickets != null ? " by " + wickets + " wickets" : "");
    } else if ("tie".equals(result)) {
      text = "tie" + (winner != null ? ", " + winner + " won the super over" : "");
    } else {
      text = result;
    }
    return text + (method != null ? " (" + method + ")" : "");
  }
}
