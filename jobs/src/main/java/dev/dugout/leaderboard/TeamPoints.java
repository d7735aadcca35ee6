package dev.dugout.leaderboard;

import java.math.BigDecimal;

/**
 * Team points as exact fixed-point longs: one unit is 1/200 of a point, so player points with two
 * decimals times 1 (x2 units per hundredth), 1.5 (x3) or 2 (x4) are always whole units. No binary
 * float ever touches a team total, so no rounding can split or merge a tie.
 */
public final class TeamPoints {
  /** Units per point. */
  public static final long UNITS = 200;

  private TeamPoints() {}

  /** A player's points (at most two decimals) in hundredths. */
  public static long hundredths(BigDecimal points) {
    return points.movePointRight(2).longValueExact();
  }

  /**
   * @param hundredths each of the team's players' points, in hundredths
   * @param captain index of the captain in {@code hundredths} (x2)
   * @param viceCaptain index of the vice-captain (x1.5)
   */
  public static long units(long[] hundredths, int captain, int viceCaptain) {
    long units = 0;
    for (int i = 0; i < hundredths.length; i++) {
      long multiplier = i == captain ? 4 : i == viceCaptain ? 3 : 2;
      units += multiplier * hundredths[i];
    }
    return units;
  }

  /** Units back to a decimal with two places; exact, or an error if it needs more places. */
  public static BigDecimal toDecimal(long units) {
    return BigDecimal.valueOf(units).divide(BigDecimal.valueOf(UNITS))
        .setScale(2, java.math.RoundingMode.UNNECESSARY);
  }
}
