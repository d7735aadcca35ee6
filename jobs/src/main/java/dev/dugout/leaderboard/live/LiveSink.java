package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * Where each live refresh is published (the app's leaderboard store). {@link #write} runs on the
 * executors, once per partition of the entries, with that partition's entries whose points or
 * rank changed; on the final refresh ({@link Refresh#last()}), and when the sink asks for it with
 * {@link #needsFullState()}, with every entry, so the board can be published whole. A retried task
 * calls it again with the same entries, so a sink must write idempotently.
 */
public interface LiveSink extends Serializable {
  /**
   * @param refresh what this refresh is: the match, the delivery it is as of, and whether it is
   *     the final board
   */
  void write(Refresh refresh, Iterator<RankChange> changes) throws Exception;

  /**
   * On the driver, before a refresh: true to be handed every entry instead of the changed ones
   * (a sink that fell behind catches up from the newest state, not by replaying what it missed).
   */
  default boolean needsFullState() {
    return false;
  }

  /** How many of each contest's best entries the sink publishes; 0 (the default) for none. */
  default int topPerContest() {
    return 0;
  }

  /**
   * On the executors, after {@link #write} in the same task: the top {@link #topPerContest()} of
   * each contest held whole by the partition whose top changed (all of them on a full refresh).
   * The tops of split contests are merged on the driver and arrive in {@link #refreshed}.
   */
  default void writeTops(Refresh refresh, List<ContestTop> tops) throws Exception {}

  /** On the driver, after a refresh was written everywhere. */
  default void refreshed(RefreshResult result) {}

  /** On the driver, after {@link #refreshed}: one line on what the sink did, or null. */
  default String report(RefreshResult result) {
    return null;
  }

  /** The sink's counters so far, stored with the job run. */
  default java.util.Map<String, String> metrics() {
    return java.util.Map.of();
  }

  /**
   * On the driver, once the final board is also in the lakehouse: throws when the sink could not
   * publish the whole final board, so the job does not report success.
   */
  default void completed(RefreshResult last) {}

  /** Identifies a refresh to the sink. */
  record Refresh(String matchId, int asOf, boolean last) implements Serializable {}

  /** A sink that publishes nothing: the batch job and benchmarks. */
  LiveSink NONE = (refresh, changes) -> {};
}
