package dev.dugout.leaderboard.aerospike;

import com.aerospike.client.Bin;
import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import dev.dugout.leaderboard.TeamPoints;
import dev.dugout.leaderboard.live.ContestTop;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.RankChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records the app's leaderboard service reads: the contract documented in jobs/README.md
 * ("Live ranks in Aerospike"). Points are exact: a decimal string ({@code "123.5"}) and a long of
 * 1/200 points for sorting, never a binary float. Bin names stay within Aerospike's 15 characters.
 */
public final class RecordLayout {
  private RecordLayout() {}

  public static final String MATCH = "match";
  public static final String CONTEST = "contest";
  public static final String ENTRY = "entry";
  public static final String TEAM = "team";
  public static final String USER = "user";
  /** Exact decimal string, e.g. {@code "123.5"}. */
  public static final String POINTS = "points";
  /** The same points in units of 1/200 point (a long): what ranks order by. */
  public static final String UNITS = "units";
  public static final String RANK = "rank";
  /** 0 when the entry had no rank before. */
  public static final String PREVIOUS_RANK = "prev_rank";
  /** The delivery (delivery_seq) the record is as of: the write guard compares it. */
  public static final String AS_OF = "as_of";
  /** Epoch milliseconds of the write. */
  public static final String UPDATED_AT = "updated_at";
  /** User record: map entry id -> [contest, points, rank, previous rank, as_of]. */
  public static final String ENTRIES = "entries";
  /** Contest record: list of maps, best first. */
  public static final String TOP = "top";

  /** The key of a user's record: one per user and match. */
  public static String userKey(String userId, String matchId) {
    return userId + ":" + matchId;
  }

  /**
   * The write guard: the write applies only where the record is new or holds an as-of no newer
   * than this one, so a delayed retry of an older refresh cannot move a rank backwards. Equal
   * as-of passes: a retried task rewrites the same values.
   */
  public static Expression asOfGuard(int asOf) {
    return Exp.build(Exp.or(Exp.not(Exp.binExists(AS_OF)),
        Exp.le(Exp.intBin(AS_OF), Exp.val(asOf))));
  }

  /** An entry's record (key: entry id). */
  public static Operation[] entry(RankChange c, long updatedAt) {
    return new Operation[] {
        Operation.put(new Bin(MATCH, c.matchId())),
        Operation.put(new Bin(CONTEST, c.contestId())),
        Operation.put(new Bin(ENTRY, c.entryId())),
        Operation.put(new Bin(TEAM, c.teamId())),
        Operation.put(new Bin(USER, c.userId())),
        Operation.put(new Bin(POINTS, c.points().toPlainString())),
        Operation.put(new Bin(UNITS, c.units())),
        Operation.put(new Bin(RANK, c.rank())),
        Operation.put(new Bin(PREVIOUS_RANK, c.previousRank())),
        Operation.put(new Bin(AS_OF, c.asOf())),
        Operation.put(new Bin(UPDATED_AT, updatedAt))};
  }

  /** The value of one entry in a user's {@value #ENTRIES} map. */
  public static List<Object> userEntry(RankChange c) {
    return List.of(c.contestId(), c.points().toPlainString(), (long) c.rank(),
        (long) c.previousRank(), (long) c.asOf());
  }

  /**
   * A user's record (key: {@link #userKey}): puts the user's changed entries into the map,
   * leaving the other entries as they were.
   */
  public static Operation[] user(String userId, String matchId, int asOf, List<RankChange> changes,
      long updatedAt) {
    Map<Value, Value> items = new LinkedHashMap<>();
    for (RankChange c : changes) {
      items.put(Value.get(c.entryId()), Value.get(userEntry(c)));
    }
    return new Operation[] {
        MapOperation.putItems(new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.DEFAULT), ENTRIES,
            items),
        Operation.put(new Bin(USER, userId)),
        Operation.put(new Bin(MATCH, matchId)),
        Operation.put(new Bin(AS_OF, asOf)),
        Operation.put(new Bin(UPDATED_AT, updatedAt))};
  }

  /** A contest's record (key: contest id): its top entries, best first. */
  public static Operation[] contestTop(String matchId, int asOf, ContestTop top, long updatedAt) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LiveLeaderboard.Standing s : top.standings()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put(ENTRY, s.entryId());
      row.put(USER, s.userId());
      row.put(POINTS, s.points().toPlainString());
      row.put(UNITS, s.points().multiply(java.math.BigDecimal.valueOf(TeamPoints.UNITS))
          .longValueExact());
      row.put(RANK, (long) s.rank());
      row.put(PREVIOUS_RANK, (long) s.previousRank());
      rows.add(row);
    }
    return new Operation[] {
        Operation.put(new Bin(CONTEST, top.contestId())),
        Operation.put(new Bin(MATCH, matchId)),
        Operation.put(new Bin(TOP, rows)),
        Operation.put(new Bin(AS_OF, asOf)),
        Operation.put(new Bin(UPDATED_AT, updatedAt))};
  }
}
