package dev.dugout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.cricsheet.CricsheetMatch;
import dev.dugout.cricsheet.CricsheetParser;
import dev.dugout.tables.MatchPlayersTable.Role;
import dev.dugout.testing.DemoData;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  record Expected(String matchId, String playerId, String name, Map<String, BigDecimal> columns) {
    @Override
    public String toString() {
      return matchId + " " + name;
    }
  }

  static Stream<Expected> handWorked() throws IOException {
    try (InputStream in = HandWorkedPointsTest.class.getResourceAsStream(
        "/expected/hand-worked-points.csv")) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank()).toList();
      String[] header = lines.get(0).split(",");
      List<Expected> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        Map<String, BigDecimal> columns = new HashMap<>();
        for (int i = 3; i < header.length; i++) {
          columns.put(header[i], new BigDecimal(cells[i]));
        }
        rows.add(new Expected(cells[0], cells[1], cells[2], columns));
      }
      return rows.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handWorked")
  void matchesTheHandWorkedScorecard(Expected expected) {
    PlayerScore score = scored(expected.matchId()).stream()
        .filter(s -> s.player().playerId().equals(expected.playerId()))
        .findFirst().orElse(null);
    if (expected.columns().get("pool").signum() == 0) {
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
    assertThat(score.total()).as(expected + " total").isEqualByComparingTo(expected.columns().get("points"));
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
