package dev.dugout.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which ranks of a large contest a rerun's diff compares, from both sides' blocks of ranks. */
class DifferingRanksTest {
  // A contest of 300 entries: blocks of 3 ranks (1-3, 4-6, ...), 100 of them.
  static final long ROWS = 300;

  static long[] blocks(long... changes) {
    long[] b = new long[100];
    for (int i = 0; i < b.length; i++) {
      b[i] = 1000 + i;
    }
    for (int i = 0; i < changes.length; i += 2) {
      b[(int) changes[i]] += changes[i + 1];
    }
    return b;
  }

  /** Sums whose fingerprints add up to the blocks' total, as a settlement's do. */
  static ContestSums.Sums sums(long[] blocks) {
    long total = java.util.Arrays.stream(blocks).sum();
    return new ContestSums.Sums(ROWS, 0, total - 7, 7);
  }

  static List<String> ranges(List<int[]> ranges) {
    return ranges == null ? null : ranges.stream().map(r -> r[0] + "-" + r[1]).toList();
  }

  @Test
  void onlyTheBlocksThatDifferAreCompared() {
    long[] before = blocks();
    // Blocks 0, 1 (adjacent: one range) and 50 differ.
    long[] after = blocks(0, 5, 1, 9, 50, -3);
    assertThat(ranges(SettlementDiff.differingRanks(sums(before), sums(after), before, after)))
        .containsExactly("1-6", "151-153");
  }

  @Test
  void theWholeContestIsComparedWhenTheBlocksCannotTell() {
    long[] before = blocks();
    long[] after = blocks(3, 1);
    // A side without blocks (a settlement made before they were recorded).
    assertThat(SettlementDiff.differingRanks(sums(before), sums(after), null, after)).isNull();
    // Blocks that do not add up to their contest's sums.
    assertThat(SettlementDiff.differingRanks(sums(before), sums(blocks()), before, after))
        .isNull();
    // Another number of entries: blocks of another size.
    ContestSums.Sums more = new ContestSums.Sums(ROWS + 1, 0, sums(after).fingerprint(), 7);
    assertThat(SettlementDiff.differingRanks(sums(before), more, before, after)).isNull();
    // Sums that differ where no block does.
    assertThat(SettlementDiff.differingRanks(sums(before), sums(before), before, before)).isNull();
  }

  @Test
  void blocksHoldAtMost128EqualRunsOfRanks() {
    assertThat(ContestSums.blockSize(255)).isZero();
    assertThat(ContestSums.blockSize(256)).isEqualTo(2);
    assertThat(ContestSums.blockSize(300)).isEqualTo(3);
    assertThat(ContestSums.blockSize(2_000_000)).isEqualTo(15_625);
  }
}
