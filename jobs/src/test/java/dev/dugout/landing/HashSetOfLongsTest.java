package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The batch's key hashes as a set, against Java's own set of the same values. */
class HashSetOfLongsTest {
  @Test
  void holdsExactlyTheValuesGivenZeroAndRepeatsIncluded() {
    Random random = new Random(31);
    for (int round = 0; round < 50; round++) {
      int n = round == 0 ? 0 : random.nextInt(round < 40 ? 100 : 100_000);
      long[] values = new long[n];
      Set<Long> expected = new HashSet<>();
      for (int i = 0; i < n; i++) {
        // Some repeats, some zeros, some values that differ only in their high bits (which a
        // slot taken from the low bits alone would pile up).
        long v = switch (i % 7) {
          case 0 -> 0L;
          case 1 -> (long) random.nextInt(64) << 40;
          case 2 -> i > 2 ? values[i - 2] : -1L;
          default -> random.nextLong();
        };
        values[i] = v;
        expected.add(v);
      }
      HashSetOfLongs set = HashSetOfLongs.of(values);
      for (long v : expected) {
        assertThat(set.contains(v)).as("round %d holds %d", round, v).isTrue();
      }
      for (int k = 0; k < 2_000; k++) {
        long probe = k % 2 == 0 ? random.nextLong() : (long) random.nextInt(128) << 40;
        assertThat(set.contains(probe)).as("round %d, %d", round, probe)
            .isEqualTo(expected.contains(probe));
      }
    }
  }

  @Test
  void anEmptySetHoldsNothingNotEvenZero() {
    HashSetOfLongs empty = HashSetOfLongs.of(new long[0]);
    assertThat(empty.contains(0)).isFalse();
    assertThat(empty.contains(42)).isFalse();
    assertThat(HashSetOfLongs.of(new long[] {0}).contains(0)).isTrue();
    assertThat(HashSetOfLongs.of(new long[] {0}).contains(1)).isFalse();
  }
}
