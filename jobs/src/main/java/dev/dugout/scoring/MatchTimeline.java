package dev.dugout.scoring;

import static org.apache.spark.sql.functions.col;

import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A match's player points after every delivery landed so far, scored on the driver straight from
 * core.deliveries (a match is a few hundred rows): what the live leaderboard follows while
 * deliveries are still arriving and gold.player_points is not yet written.
 *
 * @param pool the match's player ids, sorted; the order of every points array
 * @param hundredths element d: each pool player's points after delivery d + 1, in hundredths
 * @param overEnds element d: whether delivery d + 1 is the last of its over
 * @param complete whether the match is over (its row is in core.matches)
 */
public record MatchTimeline(String matchId, List<String> pool, long[][] hundredths,
    boolean[] overEnds, boolean complete) {

  public int deliveries() {
    return hundredths.length;
  }

  /** Points after delivery {@code seq} (1-based); before the first, everyone has 0. */
  public long[] after(int seq) {
    return seq == 0 ? new long[pool.size()] : hundredths[seq - 1];
  }

  /** Reads the match's deliveries and players as they are now and scores them. */
  public static MatchTimeline read(SparkSession spark, String matchId, RuleSet rules) {
    List<PoolPlayer> pool = new ArrayList<>();
    for (Row r : spark.table(MatchPlayersTable.DEFINITION.name())
        .where(col(MatchPlayersTable.MATCH_ID).equalTo(matchId)).collectAsList()) {
      pool.add(ScoringRows.poolPlayer(r));
    }
    if (pool.isEmpty()) {
      throw new IllegalArgumentException("match " + matchId + " has no players in "
          + MatchPlayersTable.DEFINITION.name() + "; import or land its lineups first");
    }
    pool.sort(Comparator.comparing(PoolPlayer::playerId));
    List<Delivery> balls = new ArrayList<>();
    for (Row r : spark.table(DeliveriesTable.DEFINITION.name())
        .where(col(DeliveriesTable.MATCH_ID).equalTo(matchId)).collectAsList()) {
      balls.add(ScoringRows.delivery(r));
    }
    balls.sort(Comparator.comparingInt(Delivery::seq));
    boolean complete = !spark.table(MatchesTable.DEFINITION.name())
        .where(col(MatchesTable.MATCH_ID).equalTo(matchId)).isEmpty();
    return of(matchId, pool, balls, new PointsCalculator(rules), complete);
  }

  /** Scores the given deliveries (sorted by seq, numbered 1..n without gaps). */
  public static MatchTimeline of(String matchId, List<PoolPlayer> pool, List<Delivery> balls,
      PointsCalculator calculator, boolean complete) {
    for (int d = 0; d < balls.size(); d++) {
      if (balls.get(d).seq() != d + 1) {
        throw new IllegalArgumentException("match " + matchId + ": delivery_seq " + (d + 1)
            + " is missing (found " + balls.get(d).seq() + " next); the timeline needs every"
            + " delivery in order");
      }
    }
    List<String> ids = pool.stream().map(PoolPlayer::playerId).sorted().toList();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
    }
    long[][] hundredths = new long[balls.size()][ids.size()];
    if (!balls.isEmpty()) {
      for (PlayerScore s : MatchScorer.score(pool, balls, calculator)) {
        int p = index.get(s.player().playerId());
        List<BigDecimal> after = s.pointsAfterDelivery();
        for (int d = 0; d < after.size(); d++) {
          hundredths[d][p] = after.get(d).movePointRight(2).longValueExact();
        }
      }
    }
    boolean[] overEnds = new boolean[balls.size()];
    for (int d = 0; d < balls.size(); d++) {
      Delivery b = balls.get(d);
      Delivery next = d + 1 < balls.size() ? balls.get(d + 1) : null;
      overEnds[d] = next == null || next.innings() != b.innings() || next.over() != b.over();
    }
    return new MatchTimeline(matchId, ids, hundredths, overEnds, complete);
  }
}
