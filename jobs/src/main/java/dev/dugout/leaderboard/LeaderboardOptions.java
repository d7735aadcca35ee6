package dev.dugout.leaderboard;

import dev.dugout.leaderboard.live.LiveLeaderboard;
import java.util.Map;

/**
 * Options of {@code dugout leaderboard}.
 *
 * @param asOfDelivery the delivery_seq to rank as of; null means the last delivery (the final board)
 * @param layout how the entries are spread over tasks
 */
public record LeaderboardOptions(String matchId, Integer asOfDelivery,
    LiveLeaderboard.Layout layout) {
  public LeaderboardOptions {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("leaderboard: --match is required");
    }
    if (asOfDelivery != null && asOfDelivery < 1) {
      throw new IllegalArgumentException("leaderboard: --as-of is a delivery_seq, 1 or more; was "
          + asOfDelivery);
    }
  }

  public LeaderboardOptions(String matchId, Integer asOfDelivery) {
    this(matchId, asOfDelivery, new LiveLeaderboard.Layout(0, 0));
  }

  public Map<String, String> asMap() {
    return Map.of("match", matchId, "as_of", asOfDelivery == null ? "last" : asOfDelivery.toString());
  }
}
