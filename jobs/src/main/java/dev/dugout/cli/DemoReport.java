package dev.dugout.cli;

import static org.apache.spark.sql.functions.col;

import dev.dugout.scoring.Rule;
import dev.dugout.tables.CheckResultsTable;
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
