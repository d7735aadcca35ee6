package dev.dugout.leaderboard.aerospike;

import java.util.Arrays;

/**
 * Latencies in fixed log-scale buckets: four per doubling of microseconds (each bucket ~19% wide),
 * from 1 us to over a day. Histograms of many tasks add up bucket by bucket (a Spark accumulator
 * of a long array), and percentiles are read from the sum: exact to a bucket's width.
 */
public final class LatencyHistogram {
  static final int PER_DOUBLING = 4;
  public static final int BUCKETS = 40 * PER_DOUBLING;

  private LatencyHistogram() {}

  public static long[] empty() {
    return new long[BUCKETS];
  }

  /** The bucket of a latency: floor(4 x log2(micros)), 0 for 1 us or less. */
  public static int bucket(long micros) {
    if (micros <= 1) {
      return 0;
    }
    int b = (int) Math.floor(PER_DOUBLING * Math.log(micros) / Math.log(2));
    return Math.min(BUCKETS - 1, b);
  }

  /** The upper bound of a bucket in microseconds: a percentile is never under-reported. */
  public static double upperMicros(int bucket) {
    return Math.pow(2, (bucket + 1) / (double) PER_DOUBLING);
  }

  public static void record(long[] histogram, long micros) {
    histogram[bucket(micros)]++;
  }

  public static long count(long[] histogram) {
    return Arrays.stream(histogram).sum();
  }

  /** The {@code p}-th percentile (0 < p <= 100) in milliseconds; 0 for an empty histogram. */
  public static double percentileMillis(long[] histogram, double p) {
    long total = count(histogram);
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(p / 100 * total);
    long seen = 0;
    for (int b = 0; b < histogram.length; b++) {
      seen += histogram[b];
      if (seen >= rank) {
        return upperMicros(b) / 1000;
      }
    }
    return upperMicros(histogram.length - 1) / 1000;
  }

  public static long[] minus(long[] a, long[] b) {
    long[] d = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i] - b[i];
    }
    return d;
  }
}
