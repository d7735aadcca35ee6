package dev.dugout.leaderboard.aerospike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  final Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(2000));

  @Test
  void theCapDoublesFromTheBaseUpToTheMax() {
    assertThat(backoff.capMillis(1)).isEqualTo(50);
    assertThat(backoff.capMillis(2)).isEqualTo(100);
    assertThat(backoff.capMillis(3)).isEqualTo(200);
    assertThat(backoff.capMillis(6)).isEqualTo(1600);
    assertThat(backoff.capMillis(7)).isEqualTo(2000);
    assertThat(backoff.capMillis(1000)).isEqualTo(2000);
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCapAndSpreadsOverIt() {
    SplittableRandom random = new SplittableRandom(7);
    for (int retry = 1; retry <= 10; retry++) {
      long cap = backoff.capMillis(retry);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < 2000; i++) {
        long d = backoff.delayMillis(retry, random);
        assertThat(d).isBetween(0L, cap);
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      // Full jitter, not "cap plus a little": waits reach both ends of [0, cap].
      assertThat(min).isLessThanOrEqualTo(cap / 10);
      assertThat(max).isGreaterThanOrEqualTo(cap * 9 / 10);
    }
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> new Backoff(Duration.ofMillis(100), Duration.ofMillis(10)))
        .hasMessageContaining("base PT0.1S, max PT0.01S");
    assertThatThrownBy(() -> backoff.capMillis(0)).hasMessageContaining("from 1; got 0");
  }
}
