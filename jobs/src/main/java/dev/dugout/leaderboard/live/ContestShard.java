package dev.dugout.leaderboard.live;

import dev.dugout.leaderboard.PointsHistogram;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;

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

  /**
   * {@link #slots} of a team as Spark reads it, (team_id, player_ids, captain_id,
   * vice_captain_id), without a String per id: the millions of teams of a match day are encoded
   * at the speed of the scan. A team that breaks a rule gets the message {@link #slots} gives.
   *
   * @param at where the row holds team_id, player_ids, captain_id and vice_captain_id
   */
  static byte[] slots(InternalRow team, int[] at, PlayerPool pool) {
    ArrayData players = team.getArray(at[1]);
    int captain = pool.indexOf(team.getUTF8String(at[2]));
    int vice = pool.indexOf(team.getUTF8String(at[3]));
    if (players.numElements() == TEAM_SIZE && captain >= 0 && vice >= 0 && captain != vice) {
      byte[] slots = new byte[TEAM_SIZE];
      slots[0] = (byte) captain;
      slots[1] = (byte) vice;
      long[] seen = new long[2];
      int others = 2;
      for (int i = 0; i < TEAM_SIZE && others <= TEAM_SIZE; i++) {
        int p = pool.indexOf(players.getUTF8String(i));
        if (p < 0 || (seen[p >> 6] & (1L << p)) != 0) {
          others = TEAM_SIZE + 1;
        } else {
          seen[p >> 6] |= 1L << p;
          if (p != captain && p != vice && others++ < TEAM_SIZE) {
            slots[others - 1] = (byte) p;
          }
        }
      }
      // 11 distinct players of whom exactly 9 are neither captain nor vice: both are among them.
      if (others == TEAM_SIZE) {
        return slots;
      }
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < players.numElements(); i++) {
      ids.add(players.getUTF8String(i).toString());
    }
    slots(team.getUTF8String(at[0]).toString(), ids, team.getUTF8String(at[2]).toString(),
        team.getUTF8String(at[3]).toString(), pool.asMap());
    throw new IllegalStateException("team " + team.getUTF8String(at[0]) + " was refused by the fast"
        + " check but not by the full one: " + ids);
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
   * @param entries in any order: they are grouped by contest here
   * @param splitContests contests that also have entries in other shards
   */
  public static ContestShard build(Iterator<Entry> entries, Set<String> splitContests) {
    Builder b = new Builder();
    while (entries.hasNext()) {
      Entry e = entries.next();
      b.add(UTF8String.fromString(e.contestId()), UTF8String.fromString(e.entryId()),
          UTF8String.fromString(e.teamId()), UTF8String.fromString(e.userId()), e.slots(),
          e.previousRank() == null ? 0 : e.previousRank());
    }
    return b.build(splitContests);
  }

  /**
   * This shard with each entry's team taken from {@code teams} (a shard built without them).
   *
   * @param source what the teams were read from, for the message when one is missing
   */
  ContestShard withTeams(TeamIndex teams, String source) {
    byte[] joined = new byte[size() * TEAM_SIZE];
    int[] found = new int[TeamIndex.GROUP];
    int seg = 0;
    for (int from = 0; from < size(); from += TeamIndex.GROUP) {
      int n = Math.min(TeamIndex.GROUP, size() - from);
      teams.findAll(teamIds, from, n, found);
      for (int k = 0; k < n; k++) {
        int i = from + k;
        if (found[k] < 0) {
          while (i >= starts[seg + 1]) {
            seg++;
          }
          throw new IllegalArgumentException("entry " + entryId(i) + " of contest " + contests[seg]
              + " has team " + teamId(i) + ", which is not in " + source + ": it cannot be ranked");
        }
        teams.copySlots(found[k], joined, i * TEAM_SIZE);
      }
    }
    return new ContestShard(contests, starts, split, entryIds, teamIds, userIds, joined,
        loadedRanks);
  }

  /**
   * This shard with the segments of {@code splitContests} flagged split: for a shard built before
   * it was known which of its contests other shards also hold.
   */
  ContestShard withSplit(Set<String> splitContests) {
    boolean[] flagged = new boolean[contests.length];
    for (int seg = 0; seg < contests.length; seg++) {
      flagged[seg] = splitContests.contains(contests[seg]);
    }
    return new ContestShard(contests, starts, flagged, entryIds, teamIds, userIds, slots,
        loadedRanks);
  }

  /**
   * Collects a partition's entries as they come (straight from Spark's rows: ids are copied as
   * bytes, no String each) and groups them by contest in {@link #build}: a counting sort by
   * contest, so the partition needs no sort before.
   */
  public static final class Builder {
    private final Map<UTF8String, Integer> contestIndex = new HashMap<>();
    private final List<UTF8String> contests = new ArrayList<>();
    private final IdColumn.Builder entryIds = new IdColumn.Builder();
    private final IdColumn.Builder teamIds = new IdColumn.Builder();
    private final IdColumn.Builder userIds = new IdColumn.Builder();
    private int[] contestOf = new int[1 << 10];
    private byte[] slots = new byte[TEAM_SIZE << 10];
    private int[] loaded = new int[1 << 10];
    private boolean withSlots;
    private int size;

    /**
     * @param teamSlots the entry's team as {@link ContestShard#slots} encodes it; null for every
     *     entry of a shard whose teams are joined afterwards ({@link ContestShard#withTeams})
     * @param previousRank the entry's rank on the board before, 0 for none
     */
    public void add(UTF8String contestId, UTF8String entryId, UTF8String teamId,
        UTF8String userId, byte[] teamSlots, int previousRank) {
      if (size == 0) {
        withSlots = teamSlots != null;
      } else if (withSlots != (teamSlots != null)) {
        throw new IllegalArgumentException("entry " + entryId + " comes " + (withSlots
            ? "without" : "with") + " its team's players, unlike the entries before it");
      }
      if (teamSlots != null && teamSlots.length != TEAM_SIZE) {
        throw new IllegalArgumentException("team " + teamId + " of entry " + entryId + " has "
            + teamSlots.length + " players, not " + TEAM_SIZE);
      }
      Integer contest = contestIndex.get(contestId);
      if (contest == null) {
        UTF8String key = contestId.clone();
        contest = contests.size();
        contestIndex.put(key, contest);
        contests.add(key);
      }
      if (size == contestOf.length) {
        contestOf = Arrays.copyOf(contestOf, size * 2);
        loaded = Arrays.copyOf(loaded, size * 2);
        slots = withSlots ? Arrays.copyOf(slots, size * 2 * TEAM_SIZE) : slots;
      }
      contestOf[size] = contest;
      loaded[size] = previousRank;
      if (withSlots) {
        System.arraycopy(teamSlots, 0, slots, size * TEAM_SIZE, TEAM_SIZE);
      }
      entryIds.add(entryId);
      teamIds.add(teamId);
      userIds.add(userId);
      size++;
    }

    /**
     * The shard: contests in id order, each contest's entries in the order they came. Without
     * slots, its teams must be joined ({@link ContestShard#withTeams}) before it is ranked.
     */
    public ContestShard build(Set<String> splitContests) {
      int segments = contests.size();
      Integer[] byId = new Integer[segments];
      for (int c = 0; c < segments; c++) {
        byId[c] = c;
      }
      Arrays.sort(byId, (a, b) -> contests.get(a).compareTo(contests.get(b)));
      int[] segmentOf = new int[segments];
      String[] names = new String[segments];
      boolean[] split = new boolean[segments];
      for (int seg = 0; seg < segments; seg++) {
        segmentOf[byId[seg]] = seg;
        names[seg] = contests.get(byId[seg]).toString();
        split[seg] = splitContests.contains(names[seg]);
      }
      int[] starts = new int[segments + 1];
      for (int i = 0; i < size; i++) {
        starts[segmentOf[contestOf[i]] + 1]++;
      }
      for (int seg = 0; seg < segments; seg++) {
        starts[seg + 1] += starts[seg];
      }
      int[] next = Arrays.copyOf(starts, segments);
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[next[segmentOf[contestOf[i]]]++] = i;
      }
      byte[] orderedSlots = withSlots ? new byte[size * TEAM_SIZE] : null;
      int[] orderedLoaded = new int[size];
      for (int k = 0; k < size; k++) {
        if (withSlots) {
          System.arraycopy(slots, order[k] * TEAM_SIZE, orderedSlots, k * TEAM_SIZE, TEAM_SIZE);
        }
        orderedLoaded[k] = loaded[order[k]];
      }
      return new ContestShard(names, starts, split, entryIds.build().reordered(order),
          teamIds.build().reordered(order), userIds.build().reordered(order), orderedSlots,
          orderedLoaded);
    }
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
    unitsOf(hundredths, 0, size(), units);
    return units;
  }

  /** {@link #units} of entries {@code from} to {@code to}, into {@code out} from its start. */
  private void unitsOf(long[] hundredths, int from, int to, long[] out) {
    if (slots == null) {
      throw new IllegalStateException("the shard's entries are not joined to their teams yet");
    }
    byte[] s = slots;
    for (int i = from, o = from * TEAM_SIZE; i < to; i++, o += TEAM_SIZE) {
      long sum = 2 * hundredths[s[o]] + hundredths[s[o + 1]];
      for (int j = 0; j < TEAM_SIZE; j++) {
        sum += 2 * hundredths[s[o + j]];
      }
      out[i - from] = sum;
    }
  }

  /**
   * This shard's piece of each split contest's histogram, for the players' points in hundredths:
   * only the split contests' entries are added up.
   */
  public Map<String, PointsHistogram> splitPieces(long[] hundredths) {
    Map<String, PointsHistogram> pieces = new HashMap<>();
    for (int s = 0; s < contests.length; s++) {
      if (split[s]) {
        long[] units = new long[starts[s + 1] - starts[s]];
        unitsOf(hundredths, starts[s], starts[s + 1], units);
        pieces.put(contests[s], PointsHistogram.of(units));
      }
    }
    return pieces;
  }

  /** Each entry's competition rank and how many entries of its contest share that rank. */
  public record Ranked(int[] ranks, int[] tied) {}

  /**
   * Competition ranks: a contest held whole here is ranked by sorting its entries' points
   * ({@link #rankWhole}); a split one from {@code merged}, the histogram of all its pieces.
   */
  public Ranked ranks(long[] units, Map<String, PointsHistogram> merged) {
    int[] ranks = new int[size()];
    int[] tied = new int[size()];
    for (int s = 0; s < contests.length; s++) {
      if (!split[s] && rankWhole(units, starts[s], starts[s + 1], ranks, tied)) {
        continue;
      }
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

  /** Bits of an entry's index within its contest, below its points, in {@link #rankWhole}. */
  private static final int INDEX_BITS = 24;

  /**
   * Ranks the entries {@code from} to {@code to} (one contest) by one sort of their points, each
   * packed with the entry's index: then one walk from the best down gives every rank and tie
   * count, with no histogram built and no search per entry. False, having done nothing, for a
   * contest too big for the packing (2^24 entries here, or a points range past 2^39 units).
   */
  static boolean rankWhole(long[] units, int from, int to, int[] ranks, int[] tied) {
    int n = to - from;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      min = Math.min(min, units[i]);
      max = Math.max(max, units[i]);
    }
    // The range read unsigned: a difference that overflowed a long is refused too.
    if (n > (1 << INDEX_BITS) || (n > 0 && (max - min) >>> (63 - INDEX_BITS) != 0)) {
      return false;
    }
    long[] packed = new long[n];
    for (int k = 0; k < n; k++) {
      packed[k] = ((units[from + k] - min) << INDEX_BITS) | k;
    }
    Arrays.sort(packed);
    int better = 0;
    for (int hi = n - 1; hi >= 0; ) {
      long points = packed[hi] >>> INDEX_BITS;
      int lo = hi;
      while (lo > 0 && packed[lo - 1] >>> INDEX_BITS == points) {
        lo--;
      }
      int same = hi - lo + 1;
      for (int k = lo; k <= hi; k++) {
        int i = from + (int) (packed[k] & ((1 << INDEX_BITS) - 1));
        ranks[i] = better + 1;
        tied[i] = same;
      }
      better += same;
      hi = lo - 1;
    }
    return true;
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
