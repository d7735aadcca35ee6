package dev.dugout.lakehouse;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.iceberg.exceptions.CommitFailedException;

/** Iceberg commits that may lose a race with another writer of the same table. */
public final class Commits {
  private Commits() {}

  /**
   * Runs {@code attempt} again each time the catalog refuses its commit because another commit to
   * the table got in first, up to {@code attempts} times, pausing a little longer each time (with
   * jitter, so that racing writers part). Each attempt must read the table's metadata afresh.
   */
  public static void retryingConflicts(int attempts, Runnable attempt) {
    for (int n = 1; ; n++) {
      try {
        attempt.run();
        return;
      } catch (CommitFailedException e) {
        if (n >= attempts) {
          throw e;
        }
        try {
          Thread.sleep(20L * n + ThreadLocalRandom.current().nextInt(50));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
