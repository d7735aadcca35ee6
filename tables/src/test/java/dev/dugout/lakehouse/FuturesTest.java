package dev.dugout.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
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

  @Test
  void allRunsEveryPieceAtOnceAndGivesTheResultsInTheOrderGiven() {
    // Each piece waits until all three have started: only returns if they run at the same time.
    CountDownLatch started = new CountDownLatch(3);
    List<Callable<String>> work = new ArrayList<>();
    for (String name : List.of("payouts", "accounts", "ledger")) {
      work.add(() -> {
        started.countDown();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        return name;
      });
    }
    assertThat(Futures.all("audit", work)).containsExactly("payouts", "accounts", "ledger");
  }

  @Test
  void allWaitsForEveryPieceThenRethrowsTheFirstFailureWithTheOthersSuppressed() {
    AtomicBoolean slowFinished = new AtomicBoolean();
    List<Callable<String>> work = List.of(
        () -> {
          Thread.sleep(300);
          slowFinished.set(true);
          return "ok";
        },
        () -> {
          Thread.sleep(100);
          throw new IllegalStateException("the payouts' check failed");
        },
        () -> {
          throw new IllegalArgumentException("the ledger's check failed");
        });
    assertThatThrownBy(() -> Futures.all("audit", work))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the payouts' check failed")
        .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
            .containsExactly("the ledger's check failed"));
    assertThat(slowFinished).isTrue();
  }
}
