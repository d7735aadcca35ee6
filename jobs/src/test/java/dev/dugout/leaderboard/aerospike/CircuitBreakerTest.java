package dev.dugout.leaderboard.aerospike;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.leaderboard.aerospike.CircuitBreaker.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  final AtomicLong clock = new AtomicLong();
  final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(2), clock::get);

  void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void opensAfterThresholdConsecutiveFailuresOnly() {
    assertThat(breaker.failure()).isFalse();
    assertThat(breaker.failure()).isFalse();
    breaker.success();                     // the run of failures is broken
    assertThat(breaker.failure()).isFalse();
    assertThat(breaker.failure()).isFalse();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.allow()).isTrue();
    assertThat(breaker.failure()).isTrue();
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.opens()).isEqualTo(1);
  }

  @Test
  void openFailsFastUntilTheCoolDownThenLetsOneProbeThrough() {
    open();
    assertThat(breaker.allow()).isFalse();
    advance(Duration.ofMillis(1999));
    assertThat(breaker.allow()).isFalse();
    advance(Duration.ofMillis(1));
    assertThat(breaker.allow()).as("the probe").isTrue();
    assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    assertThat(breaker.allow()).as("a second batch while the probe is out").isFalse();
  }

  @Test
  void aSuccessfulProbeClosesAFailedOneReopensForAnotherCoolDown() {
    open();
    advance(Duration.ofSeconds(2));
    assertThat(breaker.allow()).isTrue();
    assertThat(breaker.failure()).isTrue();
    assertThat(breaker.state()).isEqualTo(State.OPEN);
    assertThat(breaker.opens()).isEqualTo(2);
    advance(Duration.ofSeconds(1));
    assertThat(breaker.allow()).isFalse();
    advance(Duration.ofSeconds(1));
    assertThat(breaker.allow()).isTrue();
    breaker.success();
    assertThat(breaker.state()).isEqualTo(State.CLOSED);
    assertThat(breaker.allow()).isTrue();
    assertThat(breaker.allow()).isTrue();
  }

  private void open() {
    for (int i = 0; i < 3; i++) {
      breaker.failure();
    }
    assertThat(breaker.state()).isEqualTo(State.OPEN);
  }
}
