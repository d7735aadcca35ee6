package dev.dugout.lakehouse;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting on work a job started on a thread of its own (a side query, a table's write). */
public final class Futures {
  private Futures() {}

  /**
   * The work's result. Its failure is rethrown as it was thrown when unchecked, else wrapped in
   * one naming {@code what} (e.g. "land: gathering the batch's keys").
   */
  public static <T> T result(Future<T> work, String what) {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new IllegalStateException(what + ": failed", e.getCause());
    }
  }
}
