package dev.dugout.leaderboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The board's rows in rank order (ties by index) against a sort of (rank, index) pairs. */
class InRankOrderTest {
  private static int[] bySort(int[] ranks, int from, int to) {
    return IntStream.range(from, to).boxed()
        .sorted(Comparator.<Integer>comparingInt(i -> ranks[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }

  @Test
  void aContestsEntriesComeInRankOrderTiesInIndexOrder() {
    // Competition ranks of 9 entries by points 5 9 9 1 5 9 0 5 1: 9s share 1, 5s share 4, ...
    int[] ranks = {4, 1, 1, 7, 4, 1, 9, 4, 7};
    assertThat(LiveLeaderboard.inRankOrder(ranks, 0, 9))
        .containsExactly(1, 2, 5, 0, 4, 7, 3, 8, 6);
    // A segment in the middle of the shard's arrays.
    int[] shard = {99, 99, 2, 1, 2, 99};
    assertThat(LiveLeaderboard.inRankOrder(shard, 2, 5)).containsExactly(3, 2, 4);
    assertThat(LiveLeaderboard.inRankOrder(shard, 3, 3)).isEmpty();
  }

  @Test
  void randomSegmentsFullOfTiesAndSparsePiecesAgreeWithASort() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(round < 200 ? 50 : 5_000);
      // Dense ranks (a whole contest), and ranks spread far wider than the piece (a piece of a
      // split contest: sorted instead of counted).
      int spread = List.of(1, 2, 16, 17, 1_000).get(round % 5);
      int base = 1 + random.nextInt(3);
      int pad = random.nextInt(4);
      int[] ranks = new int[n + 2 * pad];
      for (int i = 0; i < ranks.length; i++) {
        ranks[i] = base + random.nextInt(Math.max(1, n * spread / (1 + random.nextInt(4))));
      }
      assertThat(LiveLeaderboard.inRankOrder(ranks, pad, pad + n))
          .as("round %d, %d entries", round, n).containsExactly(bySort(ranks, pad, pad + n));
    }
  }
}
