package dev.dugout.leaderboard.aerospike;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before retry k the cap is {@code base x 2^(k-1)}, at most
 * {@code max}, and the wait is uniform in [0, cap]. Full jitter spreads the retries of many
 * executors that failed together, so a recovering cluster is not hit by them all at once.
 */
public record Backoff(Duration base, Duration max) {
  public Backoff {
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff: need 0 <= base <= max; got base " + base
          + ", max " + max);
    }
  }

  /** The cap before retry {@code retry} (1 for the first), in milliseconds. */
  public long capMillis(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1; got " + retry);
    }
    int doublings = Math.min(retry - 1, 40);
    long cap = base.toMillis() << doublings;
    return cap < 0 || cap > max.toMillis() ? max.toMillis() : cap;
  }

  /** The wait before retry {@code retry}: uniform in [0, cap]. */
  public long delayMillis(int retry, RandomGenerator random) {
    return random.nextLong(capMillis(retry) + 1);
  }
}
