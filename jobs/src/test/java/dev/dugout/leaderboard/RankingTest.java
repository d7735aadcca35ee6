package dev.dugout.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Competition ranking against a brute-force reference, on random data full of ties. */
class RankingTest {
  /** The definition itself: 1 + how many entries have strictly more points. O(n^2). */
  static long bruteForceRank(long[] points, int entry) {
    long better = 0;
    for (long p : points) {
      if (p > points[entry]) {
        better++;
      }
    }
    return 1 + better;
  }

  @Test
  void competitionRankingSharesTheBestRankAndSkips() {
    long[] points = {50, 80, 80, 30, 80, 50};
    PointsHistogram h = PointsHistogram.of(points);
    // 80, 80, 80 share rank 1; the two 50s come 4th ("1114 46"); 30 is 6th.
    assertThat(h.rank(80)).isEqualTo(1);
    assertThat(h.rank(50)).isEqualTo(4);
    assertThat(h.rank(30)).isEqualTo(6);
    assertThat(h.entries()).isEqualTo(6);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void histogramsOfAnySplitAgreeWithBruteForce(long seed) {
    Random random = new Random(seed);
    int n = 500 + random.nextInt(1500);
    long[] points = new long[n];
    int distinct = 1 + random.nextInt(40);   // few distinct values: ties everywhere
    for (int i = 0; i < n; i++) {
      points[i] = (random.nextInt(distinct) - 5) * 100L;
    }
    // Split the contest at random cut points, histogram each split, merge in random order.
    int splits = 1 + random.nextInt(7);
    int[] cuts = random.ints(splits - 1, 0, n + 1).sorted().toArray();
    PointsHistogram merged = null;
    int from = 0;
    for (int s = 0; s < splits; s++) {
      int to = s < cuts.length ? cuts[s] : n;
      PointsHistogram part = PointsHistogram.of(points, from, to);
      merged = merged == null ? part : random.nextBoolean() ? merged.merge(part) : part.merge(merged);
      from = to;
    }
    assertThat(merged.entries()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      assertThat(merged.rank(points[i])).as("entry %d with %d", i, points[i])
          .isEqualTo(bruteForceRank(points, i));
    }
  }

  @Test
  void teamPointsAreExact() {
    // Captain 2x 57 = 114, vice-captain 1.5x 33 = 49.5, nine others at 10.25 = 92.25: 255.75.
    long[] players = new long[11];
    players[0] = TeamPoints.hundredths(new BigDecimal("57"));
    players[1] = TeamPoints.hundredths(new BigDecimal("33"));
    for (int i = 2; i < 11; i++) {
      players[i] = TeamPoints.hundredths(new BigDecimal("10.25"));
    }
    long units = TeamPoints.units(players, 0, 1);
    assertThat(TeamPoints.toDecimal(units)).isEqualByComparingTo("255.75");
    // Two teams whose float sums would differ in the last bit still tie exactly.
    long[] a = {TeamPoints.hundredths(new BigDecimal("0.10")), TeamPoints.hundredths(new BigDecimal("0.20"))};
    long[] b = {TeamPoints.hundredths(new BigDecimal("0.30")), 0};
    assertThat(0.1 + 0.2).isNotEqualTo(0.3);
    assertThat(TeamPoints.units(a, -1, -1)).isEqualTo(TeamPoints.units(b, -1, -1));
  }

  @Test
  void aTotalThatNeedsAThirdDecimalIsAnErrorNotARounding() {
    long units = TeamPoints.units(new long[] {1}, -1, 0);   // 1.5 x 0.01 = 0.015
    assertThatThrownBy(() -> TeamPoints.toDecimal(units)).isInstanceOf(ArithmeticException.class);
  }
}
