package dev.dugout.contests;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Makes realistic fantasy teams for one match, deterministically from (seed, team number): a
 * popularity skew (a Zipf-like weight per player, so a few players are in most teams), 11 distinct
 * players with both sides represented, and a captain and vice-captain picked by popularity too.
 */
public final class TeamMaker implements Serializable {
  /** A made team: player ids, captain, vice-captain. */
  public record Team(List<String> players, String captain, String viceCaptain) {}

  private final String[] players;
  private final String[] sides;
  private final double[] cumulative;
  private final long seed;

  public TeamMaker(List<String> playerIds, List<String> playerSides, long seed) {
    if (playerIds.size() < TeamRules.PLAYERS + 1) {
      throw new IllegalArgumentException("a match pool needs more than " + TeamRules.PLAYERS
          + " players to make teams from; it has " + playerIds.size());
    }
    this.players = playerIds.toArray(String[]::new);
    this.sides = playerSides.toArray(String[]::new);
    this.seed = seed;
    // Popularity: the seed shuffles who is popular; weight 1 / (rank + 1)^1.2.
    SplittableRandom random = new SplittableRandom(seed);
    int[] rank = new int[players.length];
    for (int i = 0; i < rank.length; i++) {
      rank[i] = i;
    }
    for (int i = rank.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = rank[i];
      rank[i] = rank[j];
      rank[j] = t;
    }
    cumulative = new double[players.length];
    double total = 0;
    for (int i = 0; i < players.length; i++) {
      total += 1.0 / Math.pow(rank[i] + 1, 1.2);
      cumulative[i] = total;
    }
  }

  public Team team(long number) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + number);
    boolean[] taken = new boolean[players.length];
    int[] chosen = new int[TeamRules.PLAYERS];
    for (int n = 0; n < chosen.length; n++) {
      int pick;
      do {
        pick = weighted(random);
      } while (taken[pick]);
      taken[pick] = true;
      chosen[n] = pick;
    }
    if (oneSided(chosen)) {
      // Swap the last pick for the most popular player of the other side.
      String side = sides[chosen[0]];
      int best = -1;
      for (int i = 0; i < players.length; i++) {
        if (!sides[i].equals(side) && (best < 0 || weight(i) > weight(best))) {
          best = i;
        }
      }
      chosen[chosen.length - 1] = best;
    }
    int captain = chosen[pickAmong(chosen, -1, random)];
    int vice = chosen[pickAmong(chosen, captain, random)];
    List<String> ids = new ArrayList<>(chosen.length);
    for (int c : chosen) {
      ids.add(players[c]);
    }
    return new Team(ids, players[captain], players[vice]);
  }

  private boolean oneSided(int[] chosen) {
    for (int c : chosen) {
      if (!sides[c].equals(sides[chosen[0]])) {
        return false;
      }
    }
    return true;
  }

  private int weighted(SplittableRandom random) {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int i = java.util.Arrays.binarySearch(cumulative, x);
    return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
  }

  private double weight(int i) {
    return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
  }

  /** An index into {@code chosen} by popularity, skipping the player {@code except}. */
  private int pickAmong(int[] chosen, int except, SplittableRandom random) {
    double total = 0;
    for (int c : chosen) {
      total += c == except ? 0 : weight(c);
    }
    double x = random.nextDouble() * total;
    for (int n = 0; n < chosen.length; n++) {
      if (chosen[n] == except) {
        continue;
      }
      x -= weight(chosen[n]);
      if (x <= 0) {
        return n;
      }
    }
    for (int n = chosen.length - 1; n >= 0; n--) {
      if (chosen[n] != except) {
        return n;
      }
    }
    throw new IllegalStateException("no player to pick");
  }
}
