package dev.dugout.cricsheet;

import dev.dugout.scoring.Delivery;
import java.time.LocalDate;
import java.util.List;

/** One match as read from a Cricsheet file: facts only, keyed by registry ids. */
public record CricsheetMatch(
    String matchId,
    int revision,
    String dataVersion,
    LocalDate matchDate,
    String season,
    String eventName,
    Integer matchNumber,
    String stage,
    String matchType,
    String team1,
    String team2,
    String venue,
    String city,
    String tossWinner,
    String tossDecision,
    String result,
    String winner,
    Integer winByRuns,
    Integer winByWickets,
    String resultMethod,
    String playerOfMatchId,
    int ballsPerOver,
    Integer scheduledOvers,
    String sourceFile,
    List<PoolEntry> pool,
    List<Delivery> deliveries) {

  /** A player listed for a team; substitutes say why and whom they replaced. */
  public record PoolEntry(String playerId, String name, String team, String substituteReason,
      String replacedPlayerId) {}
}
