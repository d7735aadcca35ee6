package dev.dugout.leaderboard.aerospike;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Stops hammering a dead cluster: closed until {@code threshold} consecutive batches fail, then
 * open (every batch fails fast) for {@code coolDown}, then half-open: one probe batch goes
 * through; its success closes the breaker, its failure opens it again for another cool-down.
 * Shared by every task of an executor JVM (see {@link AerospikeClients}), so its tasks learn
 * together that the cluster is down.
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int threshold;
  private final long coolDownNanos;
  private final LongSupplier nanoClock;
  private State state = State.CLOSED;
  private int consecutiveFailures;
  private long openedAt;
  private boolean probeOut;
  private long opens;

  public CircuitBreaker(int threshold, Duration coolDown, LongSupplier nanoClock) {
    if (threshold < 1) {
      throw new IllegalArgumentException("breaker threshold must be positive; got " + threshold);
    }
    this.threshold = threshold;
    this.coolDownNanos = coolDown.toNanos();
    this.nanoClock = nanoClock;
  }

  public CircuitBreaker(int threshold, Duration coolDown) {
    this(threshold, coolDown, System::nanoTime);
  }

  /** May a batch be sent now? In the half-open state only the one probe may. */
  public synchronized boolean allow() {
    switch (state) {
      case CLOSED:
        return true;
      case OPEN:
        if (nanoClock.getAsLong() - openedAt < coolDownNanos) {
          return false;
        }
        state = State.HALF_OPEN;
        probeOut = true;
        return true;
      default:
        if (probeOut) {
          return false;
        }
        probeOut = true;
        return true;
    }
  }

  public synchronized void success() {
    state = State.CLOSED;
    consecutiveFailures = 0;
    probeOut = false;
  }

  /** Records a failed batch; true when this failure opened the breaker. */
  public synchronized boolean failure() {
    if (state == State.HALF_OPEN) {
      return open();
    }
    if (state == State.CLOSED && ++consecutiveFailures >= threshold) {
      return open();
    }
    return false;
  }

  private boolean open() {
    state = State.OPEN;
    openedAt = nanoClock.getAsLong();
    probeOut = false;
    consecutiveFailures = 0;
    opens++;
    return true;
  }

  public synchronized State state() {
    return state;
  }

  /** How often it opened since it was made. */
  public synchronized long opens() {
    return opens;
  }
}
