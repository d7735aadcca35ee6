package dev.dugout.contests;

import dev.dugout.tables.ContestsTable.Currency;
import dev.dugout.tables.ContestsTable.Kind;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The contests of a generated match day, with exact sizes that add up to the requested entries:
 * one mega contest, a band of large ones, hundreds of medium ones and many small ones down to
 * head-to-head. Small (a few hundred bytes a contest) and computed on the driver.
 */
public final class ContestPlan implements Serializable {
  /** A contest: {@code firstEntry} is the global index of its first entry. */
  public record Contest(int index, String name, long firstEntry, int entries, int capacity,
      int minEntries, Kind kind, Currency currency, long feeMinor) implements Serializable {}

  private static final int[] SMALL = {2, 2, 2, 3, 4, 5, 10, 20, 50};
  private static final int[] MEDIUM = {100, 200, 500, 1000};
  private static final int[] LARGE = {10_000, 25_000, 50_000, 100_000, 200_000};

  private final List<Contest> contests;
  private final long[] firsts;

  private ContestPlan(List<Contest> contests) {
    this.contests = List.copyOf(contests);
    this.firsts = contests.stream().mapToLong(Contest::firstEntry).toArray();
  }

  /**
   * @param entries all entries of the match day
   * @param mega entries of the mega contest
   */
  public static ContestPlan of(long entries, int mega, long seed) {
    if (mega < 2 || mega > entries) {
      throw new IllegalArgumentException("--mega must be between 2 and --entries (" + entries
          + "), was " + mega);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Contest> contests = new ArrayList<>();
    long next = 0;
    contests.add(new Contest(0, "Mega Contest", 0, mega, mega, 2, Kind.GUARANTEED, Currency.INR,
        4_900));
    next += mega;
    long rest = entries - mega;
    // Of what is left: 45% in large contests, 30% medium, 25% small; small ones absorb rounding.
    long[] budgets = {rest * 45 / 100, rest * 30 / 100, 0};
    budgets[2] = rest - budgets[0] - budgets[1];
    int[][] menus = {LARGE, MEDIUM, SMALL};
    for (int band = 0; band < 3; band++) {
      long left = budgets[band];
      while (left > 0) {
        // The mega contest stays the largest, whatever the scale.
        int size = Math.min(menus[band][random.nextInt(menus[band].length)], Math.max(2, mega / 2));
        if (size > left || left - size == 1) {
          size = (int) Math.min(left, Integer.MAX_VALUE);   // the last one takes what is left
        }
        contests.add(contest(contests.size(), band, next, size, random));
        next += size;
        left -= size;
      }
    }
    return new ContestPlan(contests);
  }

  private static Contest contest(int index, int band, long first, int size,
      SplittableRandom random) {
    boolean coins = random.nextInt(10) == 0;                 // free-to-play contests
    Kind kind = band == 0 || random.nextBoolean() ? Kind.GUARANTEED : Kind.FLEXIBLE;
    int capacity = size;
    int min = 2;
    if (band > 0 && size >= 4 && random.nextInt(20) == 0) {
      capacity = size * 2;                                  // under-filled: below its minimum
      min = size + 1;
    } else if (kind == Kind.FLEXIBLE) {
      min = Math.max(2, size / 2);
    }
    long fee = coins ? 100 : new long[] {2_500, 4_900, 9_900, 19_900}[random.nextInt(4)];
    String name = (size == 2 ? "Head-to-Head" : band == 0 ? "Grand League" : band == 1
        ? "Winners League" : "Small League") + " #" + index;
    return new Contest(index, name, first, size, capacity, min, kind,
        coins ? Currency.COINS : Currency.INR, fee);
  }

  public List<Contest> contests() {
    return contests;
  }

  public long entries() {
    Contest last = contests.get(contests.size() - 1);
    return last.firstEntry() + last.entries();
  }

  /** The contest holding global entry {@code entry}. */
  public Contest contestOf(long entry) {
    int i = java.util.Arrays.binarySearch(firsts, entry);
    return contests.get(i >= 0 ? i : -i - 2);
  }

  public int largest() {
    return contests.stream().mapToInt(Contest::entries).max().orElse(0);
  }
}
