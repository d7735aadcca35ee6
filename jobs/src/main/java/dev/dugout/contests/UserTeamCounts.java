package dev.dugout.contests;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How many teams each generated user has (1 to 20: most users one to three, a committed few the
 * maximum), and which user owns team number t: users own consecutive team numbers.
 */
public final class UserTeamCounts implements Serializable {
  /** {@code firstTeam[u]}: the first team number of user u; the last element is the total. */
  private final long[] firstTeam;
  /** owners[t]: the owner of team t, laid out on first use in each JVM (not shipped). */
  private transient volatile int[] owners;

  private UserTeamCounts(long[] firstTeam) {
    this.firstTeam = firstTeam;
  }

  public static UserTeamCounts of(int users, long seed) {
    if (users < 1) {
      throw new IllegalArgumentException("--users must be at least 1, was " + users);
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    long[] first = new long[users + 1];
    for (int u = 0; u < users; u++) {
      int roll = random.nextInt(100);
      int teams = roll < 40 ? 1 : roll < 70 ? 2 + random.nextInt(2) : roll < 90
          ? 4 + random.nextInt(7) : 11 + random.nextInt(TeamRules.MAX_TEAMS_PER_USER - 10);
      first[u + 1] = first[u] + teams;
    }
    return new UserTeamCounts(first);
  }

  public long teams() {
    return firstTeam[firstTeam.length - 1];
  }

  public int users() {
    return firstTeam.length - 1;
  }

  /**
   * The user owning team number {@code team}. Entries pick their teams in a scattered order, so
   * the first call on each JVM lays out every team's owner (4 bytes a team) and later calls are
   * one array read, not a binary search of the users: 14 million of those were a fifth of a
   * 10M-entry generation.
   */
  public int ownerOf(long team) {
    int[] owners = this.owners;
    if (owners == null) {
      owners = owners();
    }
    return owners[Math.toIntExact(team)];
  }

  private synchronized int[] owners() {
    if (owners == null) {
      int[] laid = new int[Math.toIntExact(teams())];
      for (int u = 0; u < users(); u++) {
        Arrays.fill(laid, (int) firstTeam[u], (int) firstTeam[u + 1], u);
      }
      owners = laid;
    }
    return owners;
  }

  public int teamsOf(int user) {
    return (int) (firstTeam[user + 1] - firstTeam[user]);
  }
}
