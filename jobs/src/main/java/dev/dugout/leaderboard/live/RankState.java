package dev.dugout.leaderboard.live;

import java.io.Serializable;

/**
 * One shard's points and ranks after a refresh, with those of the refresh before (so the change
 * can be published). Arrays are parallel to the shard's entries.
 */
final class RankState implements Serializable {
  final int asOf;
  final long[] units;
  final int[] ranks;
  /** Null before the first refresh. */
  final long[] previousUnits;
  /** 0 where the entry had no rank before. */
  final int[] previousRanks;

  RankState(int asOf, long[] units, int[] ranks, long[] previousUnits, int[] previousRanks) {
    this.asOf = asOf;
    this.units = units;
    this.ranks = ranks;
    this.previousUnits = previousUnits;
    this.previousRanks = previousRanks;
  }

  /** The state before any refresh: the ranks of the board the entries were loaded after. */
  static RankState loaded(ContestShard shard) {
    int[] ranks = new int[shard.size()];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = shard.loadedRank(i);
    }
    return new RankState(0, null, ranks, null, null);
  }

  boolean changed(int i) {
    return previousUnits == null || previousUnits[i] != units[i] || previousRanks[i] != ranks[i];
  }
}
