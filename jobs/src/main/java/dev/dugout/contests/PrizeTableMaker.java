package dev.dugout.contests;

import java.util.ArrayList;
import java.util.List;

/**
 * Realistic prize tables: the pool is the entry fees of a full contest less a 15% platform fee;
 * head-to-head pays the winner; small leagues pay the top 40%; larger ones a steep top (1st 10%,
 * 2nd 5%, 3rd 3%, 4th-10th 1% each, 11th-100th a quarter of the pool) and an even tail down to the
 * top 25%. Amounts are whole minor units; what integer division leaves stays unpaid in the table
 * (settlement records it), never more than the pool is promised.
 */
public final class PrizeTableMaker {
  private PrizeTableMaker() {}

  /** A rank range and the amount each rank in it wins. */
  public record Range(int from, int to, long amountMinor) {}

  public static long pool(int capacity, long feeMinor) {
    return capacity * feeMinor * 85 / 100;
  }

  public static List<Range> forContest(int capacity, long feeMinor) {
    long pool = pool(capacity, feeMinor);
    List<Range> ranges = new ArrayList<>();
    if (capacity <= 2) {
      ranges.add(new Range(1, 1, pool));
      return ranges;
    }
    if (capacity <= 50) {
      int paid = Math.max(1, capacity * 2 / 5);
      long first = pool * 2 / 5;
      ranges.add(new Range(1, 1, paid == 1 ? pool : first));
      if (paid > 1) {
        ranges.add(new Range(2, paid, (pool - first) / (paid - 1)));
      }
      return ranges;
    }
    int paid = capacity / 4;
    add(ranges, 1, 1, pool * 10 / 100, paid);
    add(ranges, 2, 2, pool * 5 / 100, paid);
    add(ranges, 3, 3, pool * 3 / 100, paid);
    add(ranges, 4, 10, pool * 7 / 100, paid);
    add(ranges, 11, 100, pool * 25 / 100, paid);
    long promised = ranges.stream().mapToLong(r -> r.amountMinor() * (r.to() - r.from() + 1)).sum();
    add(ranges, 101, paid, pool - promised, paid);
    return ranges;
  }

  private static void add(List<Range> ranges, int from, int to, long share, int paid) {
    int last = Math.min(to, paid);
    if (from > last) {
      return;
    }
    long each = share / (last - from + 1);
    if (each > 0) {
      ranges.add(new Range(from, last, each));
    }
  }
}
