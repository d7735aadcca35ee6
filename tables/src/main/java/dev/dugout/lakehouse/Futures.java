package dev.dugout.lakehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

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

  /** What {@link #alongside} returns: the side work's result and this thread's. */
  public record Both<S, M>(S side, M main) {}

  /**
   * Runs {@code side} on a thread of its own (named {@code threadName}) while {@code main} runs on
   * this one, e.g. two Spark jobs that need not wait for each other, so that one's last tasks and
   * its work on the driver leave the cores to the other. The side work is waited for even when
   * {@code main} fails (its failure is then added as suppressed), so that nothing it does
   * outlives the caller's step (a write to a branch about to be dropped).
   */
  public static <S, M> Both<S, M> alongside(String threadName, Callable<S> side,
      Supplier<M> main) {
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    try {
      Future<S> running = thread.submit(side);
      M done;
      try {
        done = main.get();
      } catch (RuntimeException e) {
        try {
          running.get();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
        } catch (ExecutionException sideFailed) {
          e.addSuppressed(sideFailed.getCause());
        }
        throw e;
      }
      return new Both<>(result(running, threadName), done);
    } finally {
      thread.shutdown();
    }
  }

  /**
   * Runs each piece of {@code work} on a thread of its own (named {@code threadName} and its
   * index), all at once, e.g. checks of several tables that each are a few small Spark jobs, so
   * that one's planning on the driver overlaps another's tasks. Every piece is waited for; the
   * first failure (in the order given) is then rethrown as {@link #result} would, the others added
   * to it as suppressed.
   *
   * @return the results, in the order of {@code work}
   */
  public static <T> List<T> all(String threadName, List<Callable<T>> work) {
    int[] started = {0};
    ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, work.size()), r -> {
      Thread t = new Thread(r, threadName + "-" + started[0]++);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> running = new ArrayList<>();
      work.forEach(w -> running.add(threads.submit(w)));
      List<T> results = new ArrayList<>();
      RuntimeException failed = null;
      for (Future<T> r : running) {
        try {
          results.add(result(r, threadName));
        } catch (RuntimeException e) {
          if (failed == null) {
            failed = e;
          } else {
            failed.addSuppressed(e);
          }
        }
      }
      if (failed != null) {
        throw failed;
      }
      return results;
    } finally {
      threads.shutdown();
    }
  }
}
