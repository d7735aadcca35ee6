package dev.dugout.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FuturesTest {
  @Test
  void bothResultsComeBackAndTheSideRanOnItsOwnThreadAtTheSameTime() throws Exception {
    CountDownLatch sideStarted = new CountDownLatch(1);
    Futures.Both<String, String> both = Futures.alongside("side-thread", () -> {
      sideStarted.countDown();
      return Thread.currentThread().getName();
    }, () -> {
      try {
        // Only returns if the side work runs while this one waits.
        assertThat(sideStarted.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return Thread.currentThread().getName();
    });
    assertThat(both.side()).isEqualTo("side-thread");
    assertThat(both.main()).isEqualTo(Thread.currentThread().getName());
  }

  @Test
  void whenTheMainWorkFailsTheSideIsWaitedForAndItsFailureKept() {
    AtomicBoolean sideFinished = new AtomicBoolean();
    assertThatThrownBy(() -> Futures.alongside("side-thread", () -> {
      Thread.sleep(300);
      sideFinished.set(true);
      throw new IllegalArgumentException("the side failed too");
    }, () -> {
      throw new IllegalStateException("the main work failed");
    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the main work failed")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
            .containsExactly("the side failed too"));
    assertThat(sideFinished).isTrue();
  }

  @Test
  void aFailureOfTheSideWorkIsRethrownAsItWas() {
    assertThatThrownBy(() -> Futures.alongside("side-thread", () -> {
      throw new IllegalArgumentException("no such contest");
    }, () -> "done"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no such contest");
  }
}
