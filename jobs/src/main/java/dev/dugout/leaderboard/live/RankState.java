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
  /** Entries sharing each rank; null before the first refresh. */
  final int[] tied;
  /** Null before the first refresh. */
  final long[] previousUnits;
  /** 0 where the entry had no rank before. */
  final int[] previousRanks;

  RankState(int asOf, long[] units, ContestShard.Ranked ranked, long[] previousUnits,
      int[] previousRanks) {
    this(asOf, units, ranked.ranks(), ranked.tied(), previousUnits, previousRanks);
  }

  private RankState(int asOf, long[] units, int[] ranks, int[] tied, long[] previousUnits,
      int[] previousRanks) {
    this.asOf = asOf;
    this.units = units;
    this.ranks = ranks;
    this.tied = tied;
    this.previousUnits = previousUnits;
    this.previousRanks = previousRanks;
  }

  /** The state before any refresh: the ranks of the board the entries were loaded after. */
  static RankState loaded(ContestShard shard) {
    int[] ranks = new int[shard.size()];
    for (int i = 0; i < ranks.length; i++) {
      ranks[i] = shard.loadedRank(i);
    }
    return new RankState(0, null, ranks, null, null, null);
  }

  boolean changed(int i) {
    return previousUnits == null || previousUnits[i] != units[i] || previousRanks[i] != ranks[i];
  }
}
