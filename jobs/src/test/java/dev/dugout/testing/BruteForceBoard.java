package dev.dugout.testing;

import static org.apache.spark.sql.functions.col;

import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.UserTeamsTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A match's leaderboard worked out the slow, obvious way from the raw tables, for tests to check
 * the engine against: team points in BigDecimal (captain x2, vice-captain x1.5) from
 * gold.player_points' timeline, and each rank as 1 + the entries of the contest with more points,
 * counted pair by pair. The tables are read once, when it is made.
 */
public final class BruteForceBoard {
  private final Map<String, List<BigDecimal>> timelines = new HashMap<>();
  private final List<Row> teams;
  private final Map<String, List<Row>> byContest = new HashMap<>();

  private BruteForceBoard(SparkSession spark, String matchId) {
    for (Row r : spark.table(PlayerPointsTable.DEFINITION.name())
        .where(col(PlayerPointsTable.MATCH_ID).equalTo(matchId)).collectAsList()) {
      timelines.put(r.getAs(PlayerPointsTable.PLAYER_ID),
          r.getList(r.fieldIndex(PlayerPointsTable.POINTS_AFTER_DELIVERY)));
    }
    teams = spark.table(UserTeamsTable.DEFINITION.name())
        .where(col(UserTeamsTable.MATCH_ID).equalTo(matchId)).collectAsList();
    for (Row e : spark.table(ContestEntriesTable.DEFINITION.name())
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(matchId)).collectAsList()) {
      byContest.computeIfAbsent(e.getAs(ContestEntriesTable.CONTEST_ID), k -> new ArrayList<>())
          .add(e);
    }
  }

  public static BruteForceBoard read(SparkSession spark, String matchId) {
    return new BruteForceBoard(spark, matchId);
  }

  /** entry id -> {points (BigDecimal), rank (Integer)} as of a delivery (1-based). */
  public Map<String, Object[]> asOf(int delivery) {
    Map<String, BigDecimal> teamPoints = new HashMap<>();
    for (Row t : teams) {
      BigDecimal total = BigDecimal.ZERO;
      for (String p : t.<String>getList(t.fieldIndex(UserTeamsTable.PLAYER_IDS))) {
        BigDecimal factor = p.equals(t.getAs(UserTeamsTable.CAPTAIN_ID)) ? new BigDecimal("2")
            : p.equals(t.getAs(UserTeamsTable.VICE_CAPTAIN_ID)) ? new BigDecimal("1.5")
            : BigDecimal.ONE;
        total = total.add(timelines.get(p).get(delivery - 1).multiply(factor));
      }
      teamPoints.put(t.getAs(UserTeamsTable.TEAM_ID), total);
    }
    Map<String, Object[]> expected = new HashMap<>();
    for (List<Row> contest : byContest.values()) {
      for (Row e : contest) {
        BigDecimal mine = teamPoints.get(e.<String>getAs(ContestEntriesTable.TEAM_ID));
        int better = 0;
        for (Row other : contest) {
          if (teamPoints.get(other.<String>getAs(ContestEntriesTable.TEAM_ID)).compareTo(mine) > 0) {
            better++;
          }
        }
        expected.put(e.getAs(ContestEntriesTable.ENTRY_ID), new Object[] {mine, better + 1});
      }
    }
    return expected;
  }
}
