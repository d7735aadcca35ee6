package dev.dugout.scoring;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A player's points for a match.
 *
 * @param pointsAfterDelivery element i: total points after the match's delivery i + 1
 */
public record PlayerScore(
    PoolPlayer player,
    Map<String, Integer> stats,
    Map<Rule, BigDecimal> breakdown,
    BigDecimal total,
    List<BigDecimal> pointsAfterDelivery) {}
