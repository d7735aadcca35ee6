package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.util.Iterator;

/**
 * Where each live refresh is published (the app's leaderboard store). {@link #write} runs on the
 * executors, once per partition of the entries, with that partition's entries whose points or
 * rank changed; on the final refresh ({@link Refresh#last()}) with every entry, so the final board
 * can be published whole. A retried task calls it again with the same entries, so a sink must
 * write idempotently.
 */
public interface LiveSink extends Serializable {
  /**
   * @param refresh what this refresh is: the match, the delivery it is as of, and whether it is
   *     the final board
   */
  void write(Refresh refresh, Iterator<RankChange> changes) throws Exception;

  /** On the driver, after a refresh was written everywhere. */
  default void refreshed(RefreshResult result) {}

  /** Identifies a refresh to the sink. */
  record Refresh(String matchId, int asOf, boolean last) implements Serializable {}

  /** A sink that publishes nothing: the batch job and benchmarks. */
  LiveSink NONE = (refresh, changes) -> {};
}
