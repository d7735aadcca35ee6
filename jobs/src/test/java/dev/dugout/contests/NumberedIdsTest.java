package dev.dugout.contests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumberedIdsTest {
  @Test
  void idsAreThePrefixAndTheDecimalNumberAsJavaWouldPrintThem() {
    NumberedIds entries = new NumberedIds("1370353-e");
    for (long n : new long[] {0, 1, 9, 10, 99, 100, 9_999_999, 10_000_000, Long.MAX_VALUE}) {
      assertThat(entries.id(n).toString()).isEqualTo("1370353-e" + n);
    }
    SplittableRandom random = new SplittableRandom(7);
    NumberedIds users = new NumberedIds("u");
    for (int i = 0; i < 10_000; i++) {
      long n = random.nextLong(Long.MAX_VALUE);
      assertThat(users.id(n).toString()).isEqualTo("u" + n);
    }
  }

  @Test
  void aNonAsciiPrefixIsEncodedOnce() {
    assertThat(new NumberedIds("é-").id(42).toString()).isEqualTo("é-42");
  }

  @Test
  void negativeNumbersAreRefused() {
    assertThatThrownBy(() -> new NumberedIds("t").id(-1)).hasMessageContaining("-1");
  }
}
