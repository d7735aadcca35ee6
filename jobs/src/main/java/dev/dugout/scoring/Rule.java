package dev.dugout.scoring;

import java.util.Locale;

/** The kinds of rule a breakdown is made of; {@link #key()} is the key in {@code breakdown}. */
public enum Rule {
  POOL, RUNS, FOUR_BONUS, SIX_BONUS, RUNS_MILESTONE, DUCK, STRIKE_RATE,
  DOT_BALLS, WICKETS, LBW_BOWLED_BONUS, WICKET_HAUL, MAIDENS, ECONOMY,
  CATCHES, THREE_CATCH_BONUS, STUMPINGS, RUN_OUT_DIRECT, RUN_OUT_SHARED;

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
