package dev.dugout.scoring;

import dev.dugout.tables.MatchPlayersTable.Role;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Points from a stat line: a pure function of (stat line, role, rule set). Applying it to the stat
 * line as of any delivery gives the live points at that moment; thresholds (12 balls for economy,
 * 10 for strike rate) apply once met.
 */
public final class PointsCalculator implements java.io.Serializable {
  private final RuleSet rules;

  public PointsCalculator(RuleSet rules) {
    this.rules = rules;
  }

  public RuleSet rules() {
    return rules;
  }

  /** Each rule's contribution, non-zero rules only, in {@link Rule} order. */
  public Map<Rule, BigDecimal> breakdown(StatLine s, Role role) {
    RuleSet.Points p = rules.points();
    Map<Rule, BigDecimal> out = new EnumMap<>(Rule.class);
    add(out, Rule.POOL, p.pool());
    add(out, Rule.RUNS, times(p.run(), s.runs));
    add(out, Rule.FOUR_BONUS, times(p.fourBonus(), s.fours));
    add(out, Rule.SIX_BONUS, times(p.sixBonus(), s.sixes));
    add(out, Rule.RUNS_MILESTONE, highestReached(rules.runsMilestones(), s.runs));
    if (s.dismissed && s.runs == 0 && !rules.duckExemptRoles().contains(role)) {
      add(out, Rule.DUCK, p.duck());
    }
    RuleSet.Banded sr = rules.strikeRate();
    if (s.ballsFaced >= sr.minBalls() && !sr.exemptRoles().contains(role)) {
      add(out, Rule.STRIKE_RATE, sr.pointsFor(100L * s.runs, s.ballsFaced));
    }
    add(out, Rule.DOT_BALLS, times(p.dotBall(), s.dotBalls));
    add(out, Rule.WICKETS, times(p.wicket(), s.wickets));
    add(out, Rule.LBW_BOWLED_BONUS, times(p.lbwBowledBonus(), s.lbwBowled));
    add(out, Rule.WICKET_HAUL, highestReached(rules.wicketHauls(), s.wickets));
    add(out, Rule.MAIDENS, times(p.maiden(), s.maidens));
    RuleSet.Banded economy = rules.economy();
    if (s.legalBallsBowled >= economy.minBalls() && !economy.exemptRoles().contains(role)) {
      add(out, Rule.ECONOMY,
          economy.pointsFor((long) s.runsConceded * rules.ballsPerOver(), s.legalBallsBowled));
    }
    add(out, Rule.CATCHES, times(p.catchPoints(), s.catches));
    if (s.catches >= rules.threeCatchThreshold()) {
      add(out, Rule.THREE_CATCH_BONUS, p.threeCatchBonus());
    }
    add(out, Rule.STUMPINGS, times(p.stumping(), s.stumpings));
    add(out, Rule.RUN_OUT_DIRECT, times(p.runOutDirect(), s.runOutsDirect));
    add(out, Rule.RUN_OUT_SHARED, times(p.runOutShared(), s.runOutsShared));
    return out;
  }

  public BigDecimal total(StatLine s, Role role) {
    return breakdown(s, role).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  private static BigDecimal times(BigDecimal points, int count) {
    return points.multiply(BigDecimal.valueOf(count));
  }

  private static BigDecimal highestReached(List<RuleSet.Milestone> descending, int value) {
    for (RuleSet.Milestone m : descending) {
      if (value >= m.at()) {
        return m.points();
      }
    }
    return BigDecimal.ZERO;
  }

  private static void add(Map<Rule, BigDecimal> out, Rule rule, BigDecimal points) {
    if (points.signum() != 0) {
      out.put(rule, points);
    }
  }
}
