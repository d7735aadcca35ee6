package dev.dugout.leaderboard.live;

import dev.dugout.leaderboard.PointsHistogram;
import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The entries of one partition of a match, held in memory across live refreshes: grouped by
 * contest, each entry's team as 11 indices into the match's player pool (captain first,
 * vice-captain second). A refresh is array arithmetic; nothing is re-read or joined.
 *
 * <p>A contest too big for one task (the mega contest) is split across shards; those segments are
 * flagged {@code split} and ranked from the merged histogram of all their pieces.
 */
public final class ContestShard implements Serializable {
  public static final int TEAM_SIZE = 11;

  /**
   * One input entry, in contest order.
   *
   * @param slots the team as {@link #slots} encodes it
   */
  public record Entry(String contestId, String entryId, String teamId, String userId,
      byte[] slots, Integer previousRank) {}

  /**
   * A team as {@value #TEAM_SIZE} pool indices, captain first and vice-captain second: how the
   * state holds it (11 bytes), computed once per team before the entries are joined to it.
   *
   * @param pool player id to its index in the match's pool (at most 127 players)
   */
  public static byte[] slots(String teamId, List<String> playerIds, String captainId,
      String viceCaptainId, Map<String, Integer> pool) {
    if (playerIds.size() != TEAM_SIZE || Set.copyOf(playerIds).size() != TEAM_SIZE
        || !playerIds.contains(captainId) || !playerIds.contains(viceCaptainId)
        || captainId.equals(viceCaptainId)) {
      throw new IllegalArgumentException("team " + teamId + " must be " + TEAM_SIZE + " distinct"
          + " players with a captain and a different vice-captain among them; it has " + playerIds
          + ", captain " + captainId + ", vice-captain " + viceCaptainId);
    }
    byte[] slots = new byte[TEAM_SIZE];
    slots[0] = index(pool, captainId, teamId);
    slots[1] = index(pool, viceCaptainId, teamId);
    int k = 2;
    for (String p : playerIds) {
      if (!p.equals(captainId) && !p.equals(viceCaptainId)) {
        slots[k++] = index(pool, p, teamId);
      }
    }
    return slots;
  }

  private final String[] contests;
  /** Segment s holds entries {@code starts[s]} (inclusive) to {@code starts[s + 1]}. */
  private final int[] starts;
  private final boolean[] split;
  private final IdColumn entryIds;
  private final IdColumn teamIds;
  private final IdColumn userIds;
  /** {@code TEAM_SIZE} pool indices per entry; slot 0 is the captain, slot 1 the vice-captain. */
  private final byte[] slots;
  /** The rank of the board this state was loaded after; 0 when there was none. */
  private final int[] loadedRanks;

  private ContestShard(String[] contests, int[] starts, boolean[] split, IdColumn entryIds,
      IdColumn teamIds, IdColumn userIds, byte[] slots, int[] loadedRanks) {
    this.contests = contests;
    this.starts = starts;
    this.split = split;
    this.entryIds = entryIds;
    this.teamIds = teamIds;
    this.userIds = userIds;
    this.slots = slots;
    this.loadedRanks = loadedRanks;
  }

  /**
   * @param entries sorted by contest id
   * @param splitContests contests that also have entries in other shards
   */
  public static ContestShard build(Iterator<Entry> entries, Set<String> splitContests) {
    List<String> contests = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    IntStream.Builder starts = IntStream.builder();
    IdColumn.Builder entryIds = new IdColumn.Builder();
    IdColumn.Builder teamIds = new IdColumn.Builder();
    IdColumn.Builder userIds = new IdColumn.Builder();
    ByteArrayOutputStream slots = new ByteArrayOutputStream();
    IntStream.Builder loaded = IntStream.builder();
    int n = 0;
    while (entries.hasNext()) {
      Entry e = entries.next();
      if (contests.isEmpty() || !contests.get(contests.size() - 1).equals(e.contestId())) {
        if (!seen.add(e.contestId())) {
          throw new IllegalArgumentException("entries must come sorted by contest; contest "
              + e.contestId() + " reappears at entry " + e.entryId());
        }
        contests.add(e.contestId());
        starts.add(n);
      }
      entryIds.add(e.entryId());
      teamIds.add(e.teamId());
      userIds.add(e.userId());
      if (e.slots().length != TEAM_SIZE) {
        throw new IllegalArgumentException("team " + e.teamId() + " of entry " + e.entryId()
            + " has " + e.slots().length + " players, not " + TEAM_SIZE);
      }
      slots.writeBytes(e.slots());
      loaded.add(e.previousRank() == null ? 0 : e.previousRank());
      n++;
    }
    starts.add(n);
    boolean[] split = new boolean[contests.size()];
    for (int s = 0; s < split.length; s++) {
      split[s] = splitContests.contains(contests.get(s));
    }
    return new ContestShard(contests.toArray(new String[0]), starts.build().toArray(), split,
        entryIds.build(), teamIds.build(), userIds.build(), slots.toByteArray(), loaded.build().toArray());
  }

  private static byte index(Map<String, Integer> pool, String playerId, String teamId) {
    Integer i = pool.get(playerId);
    if (i == null) {
      throw new IllegalArgumentException("team " + teamId + " has player " + playerId
          + ", who is not in the match's pool");
    }
    return (byte) (int) i;
  }

  public int size() {
    return entryIds.size();
  }

  /**
   * Every entry's team points in units of 1/200 point: 4 x captain's hundredths + 3 x
   * vice-captain's + 2 x each other player's (x2, x1.5, x1 of the points, exactly).
   */
  public long[] units(long[] hundredths) {
    long[] units = new long[size()];
    byte[] s = slots;
    for (int i = 0, o = 0; i < units.length; i++, o += TEAM_SIZE) {
      long sum = 2 * hundredths[s[o]] + hundredths[s[o + 1]];
      for (int k = 0; k < TEAM_SIZE; k++) {
        sum += 2 * hundredths[s[o + k]];
      }
      units[i] = sum;
    }
    return units;
  }

  /** This shard's piece of each split contest's histogram. */
  public Map<String, PointsHistogram> splitHistograms(long[] units) {
    Map<String, PointsHistogram> pieces = new HashMap<>();
    for (int s = 0; s < contests.length; s++) {
      if (split[s]) {
        pieces.put(contests[s], PointsHistogram.of(units, starts[s], starts[s + 1]));
      }
    }
    return pieces;
  }

  /** Each entry's competition rank and how many entries of its contest share that rank. */
  public record Ranked(int[] ranks, int[] tied) {}

  /**
   * Competition ranks: a contest held whole here is ranked from its own histogram; a split one
   * from {@code merged}, the histogram of all its pieces.
   */
  public Ranked ranks(long[] units, Map<String, PointsHistogram> merged) {
    int[] ranks = new int[size()];
    int[] tied = new int[size()];
    for (int s = 0; s < contests.length; s++) {
      PointsHistogram h = split[s] ? merged.get(contests[s])
          : PointsHistogram.of(units, starts[s], starts[s + 1]);
      if (h == null) {
        throw new IllegalStateException("no merged histogram for split contest " + contests[s]);
      }
      for (int i = starts[s]; i < starts[s + 1]; i++) {
        int at = h.indexOf(units[i]);
        ranks[i] = Math.toIntExact(h.rankAt(at));
        tied[i] = Math.toIntExact(h.countAt(at));
      }
    }
    return new Ranked(ranks, tied);
  }

  public int segments() {
    return contests.length;
  }

  public String contest(int segment) {
    return contests[segment];
  }

  /** True when the segment is a piece of a contest split across shards. */
  public boolean split(int segment) {
    return split[segment];
  }

  public int start(int segment) {
    return starts[segment];
  }

  public int end(int segment) {
    return starts[segment + 1];
  }

  /** The entry id as a Spark string value (a view of the packed bytes); likewise team and user. */
  UTF8String entryIdUtf8(int i) {
    return entryIds.utf8(i);
  }

  UTF8String teamIdUtf8(int i) {
    return teamIds.utf8(i);
  }

  UTF8String userIdUtf8(int i) {
    return userIds.utf8(i);
  }

  public String entryId(int i) {
    return entryIds.get(i);
  }

  public String teamId(int i) {
    return teamIds.get(i);
  }

  public String userId(int i) {
    return userIds.get(i);
  }

  /** Rank on the board this state was loaded after, or 0 when there was none. */
  public int loadedRank(int i) {
    return loadedRanks[i];
  }
}
