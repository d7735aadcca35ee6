package dev.dugout.leaderboard.live;

import java.util.List;

/**
 * What one live refresh did.
 *
 * @param changed entries whose points or rank changed
 * @param last the final board
 * @param full every entry was handed to the sink (the final refresh, or the sink asked for it)
 * @param splitContests contests ranked from merged histograms of several shards
 * @param splitTops the merged tops of the split contests, when the sink publishes tops
 */
public record RefreshResult(String matchId, int asOf, long entries, long changed, boolean last,
    boolean full, int splitContests, long millis, List<ContestTop> splitTops) {
  public RefreshResult {
    splitTops = List.copyOf(splitTops);
  }

  /** Entries handed to the sink. */
  public long handed() {
    return full ? entries : changed;
  }
}
