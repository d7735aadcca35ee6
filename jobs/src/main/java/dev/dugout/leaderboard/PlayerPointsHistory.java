package dev.dugout.leaderboard;

import static org.apache.spark.sql.functions.col;

import dev.dugout.tables.PlayerPointsTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A scored match's player points after every delivery, as gold.player_points stores them, in the
 * form the leaderboard ranks from: the pool of players sorted by id, and per delivery an array of
 * their points in hundredths, in the pool's order.
 *
 * @param pool the match's player ids, sorted
 * @param hundredths element d: each pool player's points after delivery d + 1
 */
public record PlayerPointsHistory(List<String> pool, List<long[]> hundredths) {

  /** The match's rows of {@code playerPoints} (gold.player_points, or a snapshot of it). */
  public static PlayerPointsHistory read(Dataset<Row> playerPoints, String matchId) {
    List<Row> rows = playerPoints.where(col(PlayerPointsTable.MATCH_ID).equalTo(matchId))
        .select(PlayerPointsTable.PLAYER_ID, PlayerPointsTable.POINTS_AFTER_DELIVERY)
        .collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("match " + matchId + " has no player points in "
          + PlayerPointsTable.DEFINITION.name() + "; run `dugout score --match " + matchId
          + "` first");
    }
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> a.getString(0).compareTo(b.getString(0)));
    int deliveries = sorted.get(0).getList(1).size();
    List<long[]> hundredths = new ArrayList<>();
    for (int d = 0; d < deliveries; d++) {
      hundredths.add(new long[sorted.size()]);
    }
    List<String> pool = new ArrayList<>();
    for (int p = 0; p < sorted.size(); p++) {
      pool.add(sorted.get(p).getString(0));
      List<BigDecimal> after = sorted.get(p).getList(1);
      if (after.size() != deliveries) {
        throw new IllegalStateException(PlayerPointsTable.DEFINITION.name() + " of match " + matchId
            + ": player " + pool.get(p) + " has points after " + after.size() + " deliveries, "
            + pool.get(0) + " after " + deliveries + "; rescore the match");
      }
      for (int d = 0; d < deliveries; d++) {
        hundredths.get(d)[p] = TeamPoints.hundredths(after.get(d));
      }
    }
    return new PlayerPointsHistory(List.copyOf(pool), hundredths);
  }

  /** The match's last delivery. */
  public int deliveries() {
    return hundredths.size();
  }

  /** Each pool player's points after delivery {@code seq} (1-based), in hundredths. */
  public long[] after(int seq) {
    return hundredths.get(seq - 1);
  }

  /** The same, by player id. */
  public Map<String, Long> byPlayer(int seq) {
    Map<String, Long> m = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      m.put(pool.get(i), after(seq)[i]);
    }
    return m;
  }
}
