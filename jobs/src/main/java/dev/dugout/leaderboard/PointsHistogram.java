package dev.dugout.leaderboard;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How many entries of a contest have each points value: enough to rank any entry by competition
 * ranking ("1224"): rank = 1 + the number of entries with strictly more points. Histograms of
 * splits of a contest merge exactly, so a mega contest is ranked in parallel pieces without ever
 * sorting its millions of entries in one task.
 *
 * <p>Points are exact fixed-point longs (see {@link TeamPoints}); ties compare equal by
 * construction.
 */
public final class PointsHistogram implements Serializable {
  /** Distinct points values, ascending. */
  private final long[] values;
  /** {@code greater[i]}: entries with points strictly greater than {@code values[i]}. */
  private final long[] greater;
  private final long[] counts;

  private PointsHistogram(long[] values, long[] counts) {
    this.values = values;
    this.counts = counts;
    this.greater = new long[values.length];
    long above = 0;
    for (int i = values.length - 1; i >= 0; i--) {
      greater[i] = above;
      above += counts[i];
    }
  }

  public static PointsHistogram of(long[] points, int from, int to) {
    long[] sorted = Arrays.copyOfRange(points, from, to);
    Arrays.sort(sorted);
    int distinct = 0;
    long[] values = new long[sorted.length];
    long[] counts = new long[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      if (distinct == 0 || values[distinct - 1] != sorted[i]) {
        values[distinct++] = sorted[i];
      }
      counts[distinct - 1]++;
    }
    return new PointsHistogram(Arrays.copyOf(values, distinct), Arrays.copyOf(counts, distinct));
  }

  public static PointsHistogram of(long[] points) {
    return of(points, 0, points.length);
  }

  /** The histogram of the union of both splits. */
  public PointsHistogram merge(PointsHistogram other) {
    long[] v = new long[values.length + other.values.length];
    long[] c = new long[v.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < values.length || j < other.values.length) {
      long next;
      long count = 0;
      if (j >= other.values.length || (i < values.length && values[i] <= other.values[j])) {
        next = values[i];
      } else {
        next = other.values[j];
      }
      if (i < values.length && values[i] == next) {
        count += counts[i++];
      }
      if (j < other.values.length && other.values[j] == next) {
        count += other.counts[j++];
      }
      v[n] = next;
      c[n++] = count;
    }
    return new PointsHistogram(Arrays.copyOf(v, n), Arrays.copyOf(c, n));
  }

  /** Competition rank of an entry with {@code points} (which must be one of the counted values). */
  public long rank(long points) {
    return 1 + greater[indexOf(points)];
  }

  /** How many entries have exactly {@code points} (which must be one of the counted values). */
  public long count(long points) {
    return counts[indexOf(points)];
  }

  /**
   * Where {@code points} is among the distinct values: {@link #rankAt} and {@link #countAt} of it
   * then cost no second search.
   */
  public int indexOf(long points) {
    int i = Arrays.binarySearch(values, points);
    if (i < 0) {
      throw new IllegalArgumentException("points " + points + " are not in this contest's histogram");
    }
    return i;
  }

  public long rankAt(int index) {
    return 1 + greater[index];
  }

  public long countAt(int index) {
    return counts[index];
  }

  public long entries() {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return total;
  }

  public int distinctValues() {
    return values.length;
  }
}
