package dev.dugout.leaderboard.aerospike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  /** One bucket is a factor 2^(1/4) wide: a percentile is right to within that. */
  static final double WIDTH = Math.pow(2, 0.25);

  @Test
  void percentilesOfAUniformSpreadAreRightToABucket() {
    long[] h = LatencyHistogram.empty();
    for (long ms = 1; ms <= 1000; ms++) {
      LatencyHistogram.record(h, ms * 1000);
    }
    // By hand: the p-th percentile of 1..1000 ms is p x 10 ms.
    for (double p : new double[] {50, 95, 99}) {
      double exact = p * 10;
      assertThat(LatencyHistogram.percentileMillis(h, p)).isBetween(exact, exact * WIDTH);
    }
  }

  @Test
  void aFewSlowBatchesShowInTheTailNotTheMedian() {
    long[] h = LatencyHistogram.empty();
    for (int i = 0; i < 980; i++) {
      LatencyHistogram.record(h, 2_000);          // 2 ms
    }
    for (int i = 0; i < 20; i++) {
      LatencyHistogram.record(h, 1_500_000);      // 1.5 s: timeouts
    }
    assertThat(LatencyHistogram.percentileMillis(h, 50)).isBetween(2.0, 2.0 * WIDTH);
    assertThat(LatencyHistogram.percentileMillis(h, 95)).isBetween(2.0, 2.0 * WIDTH);
    assertThat(LatencyHistogram.percentileMillis(h, 99)).isBetween(1500.0, 1500.0 * WIDTH);
  }

  @Test
  void histogramsAddAndSubtractBucketByBucket() {
    LatencyAccumulator a = new LatencyAccumulator();
    LatencyAccumulator b = new LatencyAccumulator();
    a.add(100L);
    b.add(100L);
    b.add(10_000L);
    a.merge(b);
    assertThat(LatencyHistogram.count(a.value())).isEqualTo(3);
    long[] refresh = LatencyHistogram.minus(a.value(), b.value());
    assertThat(LatencyHistogram.count(refresh)).isEqualTo(1);
    assertThat(LatencyHistogram.percentileMillis(refresh, 50)).isCloseTo(0.1, within(0.02));
    assertThat(LatencyHistogram.percentileMillis(LatencyHistogram.empty(), 99)).isZero();
  }
}
