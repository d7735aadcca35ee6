package dev.dugout.leaderboard.live;

import dev.dugout.leaderboard.TeamPoints;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * An entry whose points or rank changed at a refresh: what the live sink publishes.
 *
 * @param units team points in units of 1/200 point (see {@link TeamPoints})
 * @param previousRank the rank at the previous refresh; 0 when it had none
 */
public record RankChange(String matchId, int asOf, String contestId, String entryId,
    String teamId, String userId, long units, int rank, int previousRank) implements Serializable {

  public BigDecimal points() {
    return TeamPoints.toDecimal(units);
  }
}
