package dev.dugout.scoring;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dugout.tables.MatchPlayersTable.Role;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A fantasy-points rule set, loaded from a data file (see {@link RuleSets}): the engine knows the
 * kinds of rule, the file gives every value and threshold.
 */
public record RuleSet(
    String id,
    String sport,
    String format,
    @JsonProperty("effective_from") String effectiveFrom,
    String description,
    Points points,
    @JsonProperty("three_catch_threshold") int threeCatchThreshold,
    @JsonProperty("runs_milestones") List<Milestone> runsMilestones,
    @JsonProperty("wicket_hauls") List<Milestone> wicketHauls,
    @JsonProperty("duck_exempt_roles") Set<Role> duckExemptRoles,
    Banded economy,
    @JsonProperty("strike_rate") Banded strikeRate,
    @JsonProperty("bowler_wicket_kinds") Set<String> bowlerWicketKinds,
    @JsonProperty("lbw_bowled_kinds") Set<String> lbwBowledKinds,
    @JsonProperty("not_dismissed_kinds") Set<String> notDismissedKinds,
    @JsonProperty("balls_per_over") int ballsPerOver) implements java.io.Serializable {

  public RuleSet {
    require(id != null && !id.isBlank(), "id", "is missing");
    require(points != null, "points", "is missing");
    require(economy != null, "economy", "is missing");
    require(strikeRate != null, "strike_rate", "is missing");
    try {
      LocalDate.parse(String.valueOf(effectiveFrom));
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "rule set: 'effective_from' must be a YYYY-MM-DD date, was '" + effectiveFrom + "'", e);
    }
    require(ballsPerOver > 0, "balls_per_over", "must be positive, was " + ballsPerOver);
    // Highest threshold first: only the highest milestone or haul reached scores.
    runsMilestones = sortedDescending(runsMilestones);
    wicketHauls = sortedDescending(wicketHauls);
    duckExemptRoles = duckExemptRoles == null ? Set.of() : Set.copyOf(duckExemptRoles);
    bowlerWicketKinds = Set.copyOf(bowlerWicketKinds);
    lbwBowledKinds = Set.copyOf(lbwBowledKinds);
    notDismissedKinds = Set.copyOf(notDismissedKinds);
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("rule set: '" + key + "' " + problem);
    }
  }

  private static List<Milestone> sortedDescending(List<Milestone> milestones) {
    return milestones == null ? List.of()
        : milestones.stream().sorted(Comparator.comparingInt(Milestone::at).reversed()).toList();
  }

  /** Points per event. */
  public record Points(
      BigDecimal pool,
      BigDecimal run,
      @JsonProperty("four_bonus") BigDecimal fourBonus,
      @JsonProperty("six_bonus") BigDecimal sixBonus,
      BigDecimal duck,
      @JsonProperty("dot_ball") BigDecimal dotBall,
      BigDecimal wicket,
      @JsonProperty("lbw_bowled_bonus") BigDecimal lbwBowledBonus,
      BigDecimal maiden,
      @JsonProperty("catch") BigDecimal catchPoints,
      @JsonProperty("three_catch_bonus") BigDecimal threeCatchBonus,
      BigDecimal stumping,
      @JsonProperty("run_out_direct") BigDecimal runOutDirect,
      @JsonProperty("run_out_shared") BigDecimal runOutShared) implements java.io.Serializable {}

  /** Reaching {@code at} (runs, wickets) scores {@code points}. */
  public record Milestone(int at, BigDecimal points) implements java.io.Serializable {}

  /**
   * A rate scored by bands once a minimum sample is reached (balls bowled, balls faced).
   *
   * @param exemptRoles roles this rule does not apply to
   */
  public record Banded(
      @JsonProperty("min_balls") int minBalls,
      @JsonProperty("exempt_roles") Set<Role> exemptRoles,
      List<Band> bands) implements java.io.Serializable {
    public Banded {
      exemptRoles = exemptRoles == null ? Set.of() : Set.copyOf(exemptRoles);
      bands = List.copyOf(bands);
    }

    /** Points for the rate {@code numerator / denominator}, compared exactly (no floats). */
    public BigDecimal pointsFor(long numerator, long denominator) {
      for (Band band : bands) {
        if (band.contains(numerator, denominator)) {
          return band.points();
        }
      }
      return BigDecimal.ZERO;
    }
  }

  /** A half-open or closed interval of a rate; a null bound is unbounded. */
  public record Band(
      BigDecimal min,
      @JsonProperty("min_inclusive") boolean minInclusive,
      BigDecimal max,
      @JsonProperty("max_inclusive") boolean maxInclusive,
      BigDecimal points) implements java.io.Serializable {

    boolean contains(long numerator, long denominator) {
      BigDecimal num = BigDecimal.valueOf(numerator);
      BigDecimal den = BigDecimal.valueOf(denominator);
      if (min != null) {
        int cmp = num.compareTo(min.multiply(den));
        if (cmp < 0 || (cmp == 0 && !minInclusive)) {
          return false;
        }
      }
      if (max != null) {
        int cmp = num.compareTo(max.multiply(den));
        if (cmp > 0 || (cmp == 0 && !maxInclusive)) {
          return false;
        }
      }
      return true;
    }
  }
}
