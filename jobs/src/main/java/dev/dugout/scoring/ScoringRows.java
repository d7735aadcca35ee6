package dev.dugout.scoring;

import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.RowBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;

/** Converts between table rows and the scoring engine's types. Runs on executors. */
final class ScoringRows {
  private ScoringRows() {}

  static Delivery delivery(Row r) {
    List<Delivery.Wicket> wickets = new ArrayList<>();
    for (Row w : r.<Row>getList(r.fieldIndex(DeliveriesTable.WICKETS))) {
      List<Delivery.Fielder> fielders = new ArrayList<>();
      for (Row f : w.<Row>getList(w.fieldIndex(DeliveriesTable.FIELDERS))) {
        fielders.add(new Delivery.Fielder(f.getAs(DeliveriesTable.FIELDER_ID),
            f.getAs(DeliveriesTable.FIELDER_NAME), f.<Boolean>getAs(DeliveriesTable.SUBSTITUTE)));
      }
      wickets.add(new Delivery.Wicket(w.getAs(DeliveriesTable.WICKET_KIND),
          w.getAs(DeliveriesTable.PLAYER_OUT_ID), fielders));
    }
    return new Delivery(
        r.<Integer>getAs(DeliveriesTable.DELIVERY_SEQ),
        r.<Integer>getAs(DeliveriesTable.INNINGS),
        r.<Boolean>getAs(DeliveriesTable.IS_SUPER_OVER),
        r.getAs(DeliveriesTable.BATTING_TEAM),
        r.<Integer>getAs(DeliveriesTable.OVER_NUMBER),
        r.<Integer>getAs(DeliveriesTable.BALL_IN_OVER),
        r.getAs(DeliveriesTable.BATTER_ID),
        r.getAs(DeliveriesTable.BOWLER_ID),
        r.getAs(DeliveriesTable.NON_STRIKER_ID),
        r.<Integer>getAs(DeliveriesTable.RUNS_BATTER),
        r.<Boolean>getAs(DeliveriesTable.NON_BOUNDARY),
        r.<Integer>getAs(DeliveriesTable.EXTRAS_WIDES),
        r.<Integer>getAs(DeliveriesTable.EXTRAS_NOBALLS),
        r.<Integer>getAs(DeliveriesTable.EXTRAS_BYES),
        r.<Integer>getAs(DeliveriesTable.EXTRAS_LEGBYES),
        r.<Integer>getAs(DeliveriesTable.EXTRAS_PENALTY),
        wickets);
  }

  static PoolPlayer poolPlayer(Row r) {
    return new PoolPlayer(r.getAs(MatchPlayersTable.PLAYER_ID),
        r.getAs(MatchPlayersTable.PLAYER_NAME), r.getAs(MatchPlayersTable.TEAM),
        MatchPlayersTable.Role.valueOf(r.getAs(MatchPlayersTable.ROLE)));
  }

  static Row points(String matchId, Date matchDate, String ruleSetId, PlayerScore s,
      Timestamp scoredAt, String runId, RowBuilder row) {
    Map<String, BigDecimal> breakdown = new LinkedHashMap<>();
    s.breakdown().forEach((rule, points) -> breakdown.put(rule.key(), decimal(points)));
    List<BigDecimal> timeline = new ArrayList<>(s.pointsAfterDelivery().size());
    for (BigDecimal p : s.pointsAfterDelivery()) {
      timeline.add(decimal(p));
    }
    return row
        .set(PlayerPointsTable.MATCH_ID, matchId)
        .set(PlayerPointsTable.MATCH_DATE, matchDate)
        .set(PlayerPointsTable.PLAYER_ID, s.player().playerId())
        .set(PlayerPointsTable.PLAYER_NAME, s.player().name())
        .set(PlayerPointsTable.TEAM, s.player().team())
        .set(PlayerPointsTable.ROLE, s.player().role().name())
        .set(PlayerPointsTable.RULE_SET_ID, ruleSetId)
        .set(PlayerPointsTable.POINTS, decimal(s.total()))
        // Rows leaving a typed Dataset go through Spark's row encoder, which wants Scala
        // collections for maps and arrays.
        .set(PlayerPointsTable.BREAKDOWN, JavaConverters.mapAsScalaMap(breakdown))
        .set(PlayerPointsTable.STATS, JavaConverters.mapAsScalaMap(s.stats()))
        .set(PlayerPointsTable.POINTS_AFTER_DELIVERY, JavaConverters.asScalaBuffer(timeline).toSeq())
        .set(PlayerPointsTable.SCORED_AT, scoredAt)
        .set(PlayerPointsTable.RUN_ID, runId)
        .build();
  }

  /** Points are stored with exactly two decimals; a rule set giving more is an error. */
  private static BigDecimal decimal(BigDecimal points) {
    return points.setScale(PlayerPointsTable.POINTS_TYPE.scale(), RoundingMode.UNNECESSARY);
  }
}
