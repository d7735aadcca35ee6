package dev.dugout.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.tables.MatchPlayersTable.Role;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One test per row of the t20-2026 points table (specs/fantasy-points-t20.md), each on a minimal
 * constructed delivery sequence. Expected values are read off the spec, not off the engine.
 */
class ScoringRulesTest {
  static final RuleSet T20 = RuleSets.load("t20-2026");

  static Map<String, PlayerScore> score(Scorecard card) {
    return card.score(T20);
  }

  static int points(Map<String, PlayerScore> scores, String player, Rule rule) {
    return scores.get(player).breakdown().getOrDefault(rule, BigDecimal.ZERO).intValueExact();
  }

  static int total(Map<String, PlayerScore> scores, String player) {
    return scores.get(player).total().intValueExact();
  }

  /** H1 takes 1, 2, 3, a four, a six and a run four (not a boundary) off A1: 20 off 6. */
  static Scorecard twentyOffSix() {
    Scorecard card = new Scorecard();
    card.ball("A1", "H1").runs(1);
    card.ball("A1", "H1").runs(2);
    card.ball("A1", "H1").runs(3);
    card.ball("A1", "H1").runs(4);
    card.ball("A1", "H1").runs(6);
    card.ball("A1", "H1").runs(4).nonBoundary();
    return card;
  }

  @Test
  void everyoneInThePoolGetsFourEvenWithoutPlaying() {
    Map<String, PlayerScore> s = score(new Scorecard().dots("A1", "H1", 1));
    assertThat(total(s, "H12")).isEqualTo(4);
    assertThat(s.get("H12").breakdown()).containsOnlyKeys(Rule.POOL);
    assertThat(s).hasSize(24);
  }

  @Test
  void runsFoursAndSixesButNotRunFours() {
    Map<String, PlayerScore> s = score(twentyOffSix());
    assertThat(points(s, "H1", Rule.RUNS)).isEqualTo(20);
    assertThat(points(s, "H1", Rule.FOUR_BONUS)).isEqualTo(4);
    assertThat(points(s, "H1", Rule.SIX_BONUS)).isEqualTo(6);
    assertThat(total(s, "H1")).isEqualTo(4 + 20 + 4 + 6);
  }

  @ParameterizedTest(name = "{0} runs -> milestone {1}")
  @CsvSource({"24,0", "25,4", "49,4", "50,8", "74,8", "75,12", "99,12", "100,16", "150,16"})
  void onlyTheHighestRunsMilestoneCounts(int runs, int milestone) {
    Scorecard card = new Scorecard();
    for (int left = runs; left > 0; left -= Math.min(3, left)) {
      card.ball("A1", "H1").runs(Math.min(3, left));
    }
    assertThat(points(score(card), "H1", Rule.RUNS_MILESTONE)).isEqualTo(milestone);
  }

  @Test
  void duckIsDismissalForNothingUnlessBowlerOrRetiredHurt() {
    Scorecard card = new Scorecard().role("H3", Role.BOWL);
    card.ball("A1", "H1").out("bowled");
    card.ball("A1", "H2").runs(1);
    card.ball("A1", "H2").out("caught", "H2", "A2");
    card.ball("A1", "H3").out("lbw");
    card.ball("A1", "H4").out("retired hurt");
    card.ball("A1", "H5").nonStriker("H6").out("run out", "H6", "A3");
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "H1", Rule.DUCK)).isEqualTo(-2);
    assertThat(points(s, "H2", Rule.DUCK)).as("scored a run first").isZero();
    assertThat(points(s, "H3", Rule.DUCK)).as("role BOWL is exempt").isZero();
    assertThat(points(s, "H4", Rule.DUCK)).as("retired hurt is not dismissed").isZero();
    assertThat(points(s, "H6", Rule.DUCK)).as("run out without facing a ball").isEqualTo(-2);
    assertThat(points(s, "H7", Rule.DUCK)).as("did not bat").isZero();
  }

  @Test
  void dotBallIsLegalWithNothingChargedToTheBowler() {
    Scorecard card = new Scorecard();
    card.ball("A1", "H1");
    card.ball("A1", "H1").legbyes(1);
    card.ball("A1", "H1").byes(4);
    card.ball("A1", "H1").wide(1);
    card.ball("A1", "H1").noball();
    card.ball("A1", "H1").runs(1);
    assertThat(points(score(card), "A1", Rule.DOT_BALLS)).isEqualTo(3);
  }

  @Test
  void bowlersWicketsBonusesAndCaughtAndBowled() {
    Scorecard card = new Scorecard();
    card.ball("A1", "H1").out("bowled");
    card.ball("A1", "H2").out("lbw");
    card.ball("A1", "H3").out("caught", "H3", "A2");
    card.ball("A1", "H4").out("stumped", "H4", "A3");
    card.ball("A1", "H5").out("hit wicket");
    card.ball("A1", "H6").out("caught and bowled");
    card.nextOver();
    card.ball("A1", "H7").out("run out", "H7", "A2");
    card.ball("A1", "H8").out("retired out");
    card.ball("A1", "H9").out("obstructing the field");
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "A1", Rule.WICKETS)).isEqualTo(6 * 30);
    assertThat(points(s, "A1", Rule.LBW_BOWLED_BONUS)).isEqualTo(2 * 8);
    assertThat(points(s, "A1", Rule.WICKET_HAUL)).isEqualTo(12);
    assertThat(points(s, "A1", Rule.CATCHES)).as("caught and bowled").isEqualTo(8);
    assertThat(points(s, "A2", Rule.CATCHES)).isEqualTo(8);
    assertThat(points(s, "A2", Rule.RUN_OUT_DIRECT)).isEqualTo(12);
    assertThat(points(s, "A3", Rule.STUMPINGS)).isEqualTo(12);
  }

  @ParameterizedTest(name = "{0} wickets -> haul {1}")
  @CsvSource({"2,0", "3,4", "4,8", "5,12", "6,12"})
  void onlyTheHighestWicketHaulCounts(int wickets, int haul) {
    Scorecard card = new Scorecard();
    for (int i = 1; i <= wickets; i++) {
      card.ball("A1", "H" + i).out("caught", "H" + i, "A5");
    }
    assertThat(points(score(card), "A1", Rule.WICKET_HAUL)).isEqualTo(haul);
  }

  @Test
  void maidenIsAWholeOverOfOneBowlerWithNothingConceded() {
    Scorecard card = new Scorecard();
    card.dots("A1", "H1", 6).nextOver();                       // maiden for A1
    card.dots("A2", "H1", 5);
    card.ball("A2", "H1").legbyes(2);                          // leg-byes: still A2's maiden
    card.nextOver();
    card.dots("A3", "H1", 3);
    card.ball("A3", "H1").wide(1);                             // wide: A3 conceded a run
    card.dots("A3", "H1", 3).nextOver();
    card.dots("A4", "H1", 3).dots("A5", "H1", 3).nextOver();   // shared over: no maiden
    card.dots("A6", "H1", 5);                                  // 5 legal balls: no maiden
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "A1", Rule.MAIDENS)).isEqualTo(12);
    assertThat(points(s, "A2", Rule.MAIDENS)).isEqualTo(12);
    assertThat(points(s, "A3", Rule.MAIDENS)).isZero();
    assertThat(points(s, "A4", Rule.MAIDENS)).isZero();
    assertThat(points(s, "A5", Rule.MAIDENS)).isZero();
    assertThat(points(s, "A6", Rule.MAIDENS)).isZero();
  }

  @Test
  void catchesGoToTheFirstFielderOfTheFieldingSideOnly() {
    Scorecard card = new Scorecard();
    card.ball("A1", "H1").out("caught", "H1", "A2", "A3");
    card.ball("A1", "H2").out("caught", "H2", "A2");
    card.ball("A1", "H3").out("caught", "H3", "sub:Zed");      // substitute outside the pool
    card.ball("A1", "H4").out("caught", "H4", "H9");           // names a batting-side player
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "A2", Rule.CATCHES)).isEqualTo(16);
    assertThat(points(s, "A3", Rule.CATCHES)).isZero();
    assertThat(points(s, "H9", Rule.CATCHES)).isZero();
    assertThat(s).doesNotContainKey("X-Zed");
  }

  @ParameterizedTest(name = "{0} catches -> bonus {1}")
  @CsvSource({"2,0", "3,4", "4,4"})
  void threeCatchBonusIsPaidOnce(int catches, int bonus) {
    Scorecard card = new Scorecard();
    for (int i = 1; i <= catches; i++) {
      card.ball("A1", "H" + i).out("caught", "H" + i, "A2");
    }
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "A2", Rule.CATCHES)).isEqualTo(8 * catches);
    assertThat(points(s, "A2", Rule.THREE_CATCH_BONUS)).isEqualTo(bonus);
  }

  @Test
  void stumpingGoesToTheFirstListedFielder() {
    Scorecard card = new Scorecard();
    card.ball("A1", "H1").wide(1).out("stumped", "H1", "A3");
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "A3", Rule.STUMPINGS)).isEqualTo(12);
    assertThat(points(s, "A1", Rule.WICKETS)).as("a stumping off a wide is the bowler's").isEqualTo(30);
  }

  @Test
  void runOutsDirectHitSharedAndUnnamed() {
    Scorecard card = new Scorecard();
    card.ball("A1", "H1").out("run out", "H1", "A2");              // direct: A2 +12
    card.ball("A1", "H2").out("run out", "H2", "A3", "A4");        // shared: +6 each
    card.ball("A1", "H3").out("run out", "H3", "A5", "A6", "A7");  // last two named: A6, A7
    card.ball("A1", "H4").out("run out", "H4");                    // nobody named
    card.ball("A1", "H5").out("run out", "H5", "sub:Zed", "A8");   // sub's share is paid to nobody
    Map<String, PlayerScore> s = score(card);
    assertThat(points(s, "A2", Rule.RUN_OUT_DIRECT)).isEqualTo(12);
    assertThat(points(s, "A3", Rule.RUN_OUT_SHARED)).isEqualTo(6);
    assertThat(points(s, "A4", Rule.RUN_OUT_SHARED)).isEqualTo(6);
    assertThat(total(s, "A5")).as("first of three names gets nothing").isEqualTo(4);
    assertThat(points(s, "A6", Rule.RUN_OUT_SHARED)).isEqualTo(6);
    assertThat(points(s, "A7", Rule.RUN_OUT_SHARED)).isEqualTo(6);
    assertThat(points(s, "A8", Rule.RUN_OUT_SHARED)).isEqualTo(6);
    assertThat(points(s, "A8", Rule.RUN_OUT_DIRECT)).isZero();
    assertThat(points(s, "A1", Rule.WICKETS)).as("run outs are not the bowler's").isZero();
  }

  @ParameterizedTest(name = "{0} conceded in 12 balls -> {1}")
  @CsvSource({"9,6", "10,4", "11,4", "12,2", "14,2", "15,0", "19,0", "20,-2", "22,-2", "23,-4",
      "24,-4", "25,-6"})
  void economyBandsAtTwelveLegalBalls(int conceded, int expected) {
    Scorecard card = new Scorecard();
    for (int ball = 0; ball < 12; ball++) {
      int runs = conceded / 12 + (ball < conceded % 12 ? 1 : 0);
      card.ball("A1", "H1").runs(runs);
      if (ball == 5) {
        card.nextOver();
      }
    }
    assertThat(points(score(card), "A1", Rule.ECONOMY)).isEqualTo(expected);
  }

  @Test
  void economyNeedsTwelveLegalBallsAndIgnoresByesButNotWides() {
    Scorecard under = new Scorecard();
    for (int ball = 0; ball < 11; ball++) {
      under.ball("A1", "H1").runs(3);
    }
    assertThat(score(under).get("A1").breakdown()).doesNotContainKey(Rule.ECONOMY);

    Scorecard byes = new Scorecard();
    for (int ball = 0; ball < 12; ball++) {
      byes.ball("A1", "H1").byes(3);
    }
    assertThat(points(score(byes), "A1", Rule.ECONOMY)).as("36 byes are not the bowler's").isEqualTo(6);

    Scorecard wides = new Scorecard();
    for (int ball = 0; ball < 12; ball++) {
      wides.ball("A1", "H1").runs(1);
    }
    wides.ball("A1", "H1").wide(5);   // 12 + 5 = 17 conceded in 12 legal balls: 8.5 an over
    assertThat(points(score(wides), "A1", Rule.ECONOMY)).isEqualTo(0);
  }

  @ParameterizedTest(name = "{0} runs off 10 balls -> {1}")
  @CsvSource({"18,6", "17,4", "16,4", "15,2", "13,2", "12,0", "8,0", "7,-2", "6,-2", "5,-4",
      "4,-6", "0,-6"})
  void strikeRateBandsAtTenBallsFaced(int runs, int expected) {
    Scorecard card = new Scorecard();
    for (int ball = 0; ball < 10; ball++) {
      card.ball("A1", "H1").runs(runs / 10 + (ball < runs % 10 ? 1 : 0));
    }
    assertThat(points(score(card), "H1", Rule.STRIKE_RATE)).isEqualTo(expected);
  }

  @Test
  void strikeRateCountsNoBallsButNotWidesAndSparesBowlers() {
    Scorecard wide = new Scorecard().dots("A1", "H1", 9);
    wide.ball("A1", "H1").wide(1);
    assertThat(score(wide).get("H1").breakdown()).as("9 balls faced").doesNotContainKey(Rule.STRIKE_RATE);

    Scorecard noball = new Scorecard().dots("A1", "H1", 9);
    noball.ball("A1", "H1").noball();
    assertThat(points(score(noball), "H1", Rule.STRIKE_RATE)).as("10 balls faced, 0 runs").isEqualTo(-6);

    Scorecard bowler = new Scorecard().role("H1", Role.BOWL).dots("A1", "H1", 10);
    assertThat(score(bowler).get("H1").breakdown()).doesNotContainKey(Rule.STRIKE_RATE);
  }

  @Test
  void superOversScoreNothing() {
    Scorecard card = new Scorecard().dots("A1", "H1", 1).superOverInnings();
    card.ball("A2", "H2").runs(6);
    card.ball("A2", "H3").out("caught", "H3", "A3");
    Map<String, PlayerScore> s = score(card);
    assertThat(total(s, "H2")).isEqualTo(4);
    assertThat(total(s, "A2")).isEqualTo(4);
    assertThat(total(s, "A3")).isEqualTo(4);
    assertThat(total(s, "H3")).isEqualTo(4);
  }

  @Test
  void livePointsApplyThresholdsOnceMet() {
    Scorecard card = new Scorecard().dots("A1", "H1", 6).nextOver().dots("A1", "H1", 6);
    PlayerScore a1 = score(card).get("A1");
    // After 11 deliveries: pool 4 + 11 dots + the first over's maiden 12; no economy yet.
    assertThat(a1.pointsAfterDelivery().get(10)).isEqualByComparingTo("27");
    // After the 12th: 12 dots, 2 maidens, economy 0.00 -> +6.
    assertThat(a1.pointsAfterDelivery().get(11)).isEqualByComparingTo("46");
    assertThat(a1.pointsAfterDelivery()).hasSize(12);
    assertThat(a1.pointsAfterDelivery().get(0)).as("pool + first dot").isEqualByComparingTo("5");
  }

  @Nested
  class AnotherRuleSet {
    final RuleSet half = RuleSets.load("src/test/resources/rulesets/test-half-points.json");

    @Test
    void theSameBallsScoreByTheOtherTable() {
      Scorecard card = twentyOffSix().nextOver();
      card.ball("A2", "H2").runs(3);
      Map<String, PlayerScore> s = card.score(half);
      // pool 2 + 20 runs x 0.5 + one four 1 + one six 2 + strike rate (6 balls, 333) +2
      assertThat(s.get("H1").total()).isEqualByComparingTo("17");
      // pool 2 + 3 runs x 0.5; one ball faced is under the 5-ball strike-rate minimum
      assertThat(s.get("H2").total()).isEqualByComparingTo("3.5");
      // pool 2, no dot balls, economy over 6 balls = 20 an over -> -3
      assertThat(s.get("A1").total()).isEqualByComparingTo("-1");
      assertThat(half.format()).isEqualTo("T10");
    }
  }
}
