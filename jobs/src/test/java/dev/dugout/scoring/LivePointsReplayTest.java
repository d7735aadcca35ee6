package dev.dugout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.cricsheet.CricsheetMatch;
import dev.dugout.cricsheet.CricsheetParser;
import dev.dugout.tables.MatchPlayersTable.Role;
import dev.dugout.testing.DemoData;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live timeline against a brute-force reference: for every prefix of a real match, scoring
 * just that prefix from scratch must give each player's timeline value at that delivery.
 */
class LivePointsReplayTest {
  private static final PointsCalculator T20 = new PointsCalculator(RuleSets.load("t20-2026"));

  @ParameterizedTest
  @ValueSource(strings = {"1370352", "1473469"})
  void timelineEqualsScoringEveryPrefixFromScratch(String matchId) {
    Path file = DemoData.match(matchId);
    CricsheetMatch match = CricsheetParser.parse(file.getFileName().toString(), DemoData.read(file));
    List<PoolPlayer> pool = match.pool().stream()
        .map(p -> new PoolPlayer(p.playerId(), p.name(), p.team(), Role.UNKNOWN)).toList();
    List<Delivery> all = match.deliveries();
    Map<String, List<BigDecimal>> timelines = new HashMap<>();
    for (PlayerScore s : MatchScorer.score(pool, all, T20)) {
      timelines.put(s.player().playerId(), s.pointsAfterDelivery());
    }
    for (int k = 1; k <= all.size(); k++) {
      for (PlayerScore prefix : MatchScorer.score(pool, all.subList(0, k), T20)) {
        assertThat(timelines.get(prefix.player().playerId()).get(k - 1))
            .as("%s %s after delivery %d", matchId, prefix.player().name(), k)
            .isEqualByComparingTo(prefix.total());
      }
    }
  }
}
