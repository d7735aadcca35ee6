package dev.dugout.leaderboard;

import java.util.Map;

/**
 * Options of {@code dugout leaderboard}.
 *
 * @param asOfDelivery the delivery_seq to rank as of; null means the last delivery (the final board)
 */
public record LeaderboardOptions(String matchId, Integer asOfDelivery) {
  public LeaderboardOptions {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("leaderboard: --match is required");
    }
    if (asOfDelivery != null && asOfDelivery < 1) {
      throw new IllegalArgumentException("leaderboard: --as-of is a delivery_seq, 1 or more; was "
          + asOfDelivery);
    }
  }

  public Map<String, String> asMap() {
    return Map.of("match", matchId, "as_of", asOfDelivery == null ? "last" : asOfDelivery.toString());
  }
}
