package dev.dugout.contests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamRulesTest {
  static final Instant LOCK = Instant.parse("2023-05-29T14:00:00Z");
  static final Instant BEFORE = LOCK.minusSeconds(60);
  final TeamRules rules = new TeamRules(pool(), LOCK);

  static Map<String, String> pool() {
    Map<String, String> sides = new HashMap<>();
    for (int i = 1; i <= 12; i++) {
      sides.put("H" + i, "Home");
      sides.put("A" + i, "Away");
    }
    return sides;
  }

  /** Six home players and five away players. */
  static List<String> eleven() {
    List<String> team = new ArrayList<>(List.of("H1", "H2", "H3", "H4", "H5", "H6"));
    team.addAll(List.of("A1", "A2", "A3", "A4", "A5"));
    return team;
  }

  @Test
  void aWellFormedTeamPasses() {
    assertThat(rules.violation(eleven(), "H1", "A1", BEFORE)).isEmpty();
  }

  @Test
  void eachRuleHasItsReason() {
    List<String> ten = eleven().subList(0, 10);
    assertThat(rules.violation(ten, "H1", "A1", BEFORE)).contains("a team has 11 players, this one 10");
    List<String> repeat = new ArrayList<>(eleven());
    repeat.set(10, "H1");
    assertThat(rules.violation(repeat, "H1", "A1", BEFORE).orElseThrow()).startsWith("players repeat");
    List<String> stranger = new ArrayList<>(eleven());
    stranger.set(10, "Z9");
    assertThat(rules.violation(stranger, "H1", "A1", BEFORE))
        .contains("player Z9 is not in the match's player pool");
    List<String> oneSide = List.of("H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9", "H10", "H11");
    assertThat(rules.violation(oneSide, "H1", "H2", BEFORE).orElseThrow()).contains("at least one from each side");
    assertThat(rules.violation(eleven(), "A9", "A1", BEFORE))
        .contains("captain A9 is not one of the team's players");
    assertThat(rules.violation(eleven(), "H1", "A9", BEFORE))
        .contains("vice-captain A9 is not one of the team's players");
    assertThat(rules.violation(eleven(), "H1", "H1", BEFORE))
        .contains("captain and vice-captain are the same player H1");
    assertThat(rules.violation(eleven(), "H1", "A1", LOCK).orElseThrow()).contains("not before the match locked");
    assertThat(rules.entryViolation(LOCK.plusSeconds(1))).isPresent();
    assertThat(rules.entryViolation(BEFORE)).isEmpty();
  }
}
