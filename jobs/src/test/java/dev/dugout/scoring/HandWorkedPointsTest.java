package dev.dugout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.cricsheet.CricsheetMatch;
import dev.dugout.cricsheet.CricsheetParser;
import dev.dugout.tables.MatchPlayersTable.Role;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.HandWorkedPoints;
import dev.dugout.testing.HandWorkedPoints.Expected;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 10 real matches, scored end to end from the Cricsheet files, against points worked out by
 * hand from the scorecards (src/test/resources/expected/hand-worked-points.md has the working;
 * the .csv has one column per rule). Independent of the engine: the worksheet was made from the
 * spec and the raw files only.
 */
class HandWorkedPointsTest {
  private static final PointsCalculator T20 = new PointsCalculator(RuleSets.load("t20-2026"));
  private static final Map<String, List<PlayerScore>> SCORED = new HashMap<>();

  static Stream<Expected> handWorked() {
    return HandWorkedPoints.load().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handWorked")
  void matchesTheHandWorkedScorecard(Expected expected) {
    PlayerScore score = scored(expected.matchId()).stream()
        .filter(s -> s.player().playerId().equals(expected.playerId()))
        .findFirst().orElse(null);
    if (!expected.inPool()) {
      // Not in the player pool (a substitute fielder): no points and no row at all.
      assertThat(score).as("players outside the pool are not scored").isNull();
      return;
    }
    assertThat(score).as("scored player " + expected.playerId()).isNotNull();
    for (Rule rule : Rule.values()) {
      assertThat(score.breakdown().getOrDefault(rule, BigDecimal.ZERO))
          .as(expected + " rule " + rule.key())
          .isEqualByComparingTo(expected.columns().get(rule.key()));
    }
    assertThat(score.total()).as(expected + " total").isEqualByComparingTo(expected.points());
    List<BigDecimal> timeline = score.pointsAfterDelivery();
    assertThat(timeline.get(timeline.size() - 1)).as("last live value is the final total")
        .isEqualByComparingTo(score.total());
  }

  private static synchronized List<PlayerScore> scored(String matchId) {
    return SCORED.computeIfAbsent(matchId, id -> {
      CricsheetMatch match = CricsheetParser.parse(id + ".json",
          DemoData.read(DemoData.match(id)));
      List<PoolPlayer> pool = match.pool().stream()
          .map(p -> new PoolPlayer(p.playerId(), p.name(), p.team(), Role.UNKNOWN)).toList();
      return MatchScorer.score(pool, match.deliveries(), T20);
    });
  }
}
