package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A match's teams as {@link ContestShard} holds them ({@value ContestShard#TEAM_SIZE} pool indices
 * each), found by team id. Encoded from the teams on the executors, gathered once and broadcast:
 * each shard then joins its own entries to their teams after the entries were partitioned by
 * contest, so the shuffle of the entries carries no team and waits for no join.
 *
 * <p>Each team is one record, its id's length (2 bytes), its id and its slots side by side: a
 * lookup touches the table and one record, two cache misses at most, which is what a join of ten
 * million entries to four million teams costs. About 30 bytes a team are broadcast (4M teams:
 * 120 MB), less than the hash relation Spark broadcasts for a join; the lookup table (16 bytes a
 * team) is built where the index is used.
 */
final class TeamIndex implements Serializable {
  private static final int TEAM_SIZE = ContestShard.TEAM_SIZE;
  private static final int LENGTH_BYTES = 2;

  /** Records one after the other: id length (big-endian short), id bytes, slots. */
  private final byte[] records;
  private final int size;
  /**
   * Open addressing: at (or after) the slot of a team id's hash, the hash in the high 32 bits
   * and the team's record offset + 1 in the low ones; 0 is empty.
   */
  private transient volatile long[] table;

  private TeamIndex(byte[] records, int size) {
    this.records = records;
    this.size = size;
  }

  /**
   * One partition's teams, read as Spark's rows, encoded by
   * {@link ContestShard#slots(InternalRow, int[], PlayerPool)}.
   *
   * @param at where the rows hold team_id, player_ids, captain_id and vice_captain_id
   */
  static TeamIndex encode(Iterator<InternalRow> teams, int[] at, PlayerPool pool) {
    Builder b = new Builder();
    while (teams.hasNext()) {
      InternalRow t = teams.next();
      b.add(t.getUTF8String(at[0]), ContestShard.slots(t, at, pool));
    }
    return b.build();
  }

  /** The partitions' teams as one index. */
  static TeamIndex concat(List<TeamIndex> parts) {
    byte[] all = new byte[Math.toIntExact(parts.stream().mapToLong(p -> p.records.length).sum())];
    int at = 0;
    int size = 0;
    for (TeamIndex p : parts) {
      System.arraycopy(p.records, 0, all, at, p.records.length);
      at += p.records.length;
      size += p.size;
    }
    return new TeamIndex(all, size);
  }

  /** The team's record, or -1 when the match has no such team. */
  int find(UTF8String teamId) {
    byte[] id = teamId.getBytes();
    return find(teamId.hashCode(), id, 0, id.length);
  }

  /** Lookups {@link #findAll} makes side by side. */
  static final int GROUP = 16;

  /**
   * {@link #find} of teams {@code from} to {@code from + n} (at most {@link #GROUP}) of
   * {@code teamIds}, into {@code found}. The table's slots, then the records they point to, are
   * read for the whole group before any comparison: loads that do not wait on each other, so the
   * memory fetches them together. One lookup at a time waited for two cache misses each (a 4M-team
   * index is far bigger than the cache), most of a join of ten million entries.
   */
  void findAll(IdColumn teamIds, int from, int n, int[] found) {
    long[] t = table();
    int mask = t.length - 1;
    int[] hashes = new int[GROUP];
    long[] slots = new long[GROUP];
    for (int k = 0; k < n; k++) {
      hashes[k] = teamIds.hashAt(from + k);
      slots[k] = t[hashes[k] & mask];
    }
    // The record of the slot at the id's hash, when the hash kept there is the id's: the length
    // of its id is its first bytes, and the id and the slots follow in the same cache line or the
    // next. -1 where another slot must be probed (or the team is missing).
    int[] lengths = new int[GROUP];
    for (int k = 0; k < n; k++) {
      lengths[k] = slots[k] != 0 && (int) (slots[k] >>> 32) == hashes[k]
          ? idLength((int) slots[k] - 1) : -1;
    }
    byte[] ids = teamIds.bytes();
    for (int k = 0; k < n; k++) {
      int j = from + k;
      int record = (int) slots[k] - 1;
      found[k] = lengths[k] == teamIds.length(j) && isId(record, ids, teamIds.start(j),
          lengths[k]) ? record : find(hashes[k], ids, teamIds.start(j), teamIds.length(j), t);
    }
  }

  private int find(int hash, byte[] id, int from, int length) {
    return find(hash, id, from, length, table());
  }

  private boolean isId(int record, byte[] id, int from, int length) {
    return idLength(record) == length && Arrays.equals(records, record + LENGTH_BYTES,
        record + LENGTH_BYTES + length, id, from, from + length);
  }

  private int idLength(int record) {
    return ((records[record] & 0xff) << 8) | (records[record + 1] & 0xff);
  }

  /** Copies the slots of the team at {@code record} (from {@link #find}) to {@code to} at {@code at}. */
  void copySlots(int record, byte[] to, int at) {
    System.arraycopy(records, record + LENGTH_BYTES + idLength(record), to, at, TEAM_SIZE);
  }

  /**
   * This index with its lookup table built now (on the driver, off the entries' path); a copy
   * deserialized elsewhere builds its own on first use.
   */
  TeamIndex prepared() {
    table();
    return this;
  }

  /** Built where the index is used, once per JVM: the broadcast carries only the records. */
  private long[] table() {
    long[] t = table;
    if (t == null) {
      synchronized (this) {
        if (table == null) {
          table = buildTable();
        }
        t = table;
      }
    }
    return t;
  }

  private long[] buildTable() {
    long[] t = new long[Integer.highestOneBit(Math.max(2, size) * 2 - 1) << 1];
    int mask = t.length - 1;
    for (int record = 0; record < records.length;
        record += LENGTH_BYTES + idLength(record) + TEAM_SIZE) {
      int length = idLength(record);
      int hash = Murmur3_x86_32.hashUnsafeBytes(records,
          Platform.BYTE_ARRAY_OFFSET + record + LENGTH_BYTES, length, 42);
      if (find(hash, records, record + LENGTH_BYTES, length, t) >= 0) {
        throw new IllegalArgumentException("team " + new String(records, record + LENGTH_BYTES,
            length, java.nio.charset.StandardCharsets.UTF_8) + " appears twice among the match's"
            + " teams; a team id must be unique");
      }
      int at = hash & mask;
      while (t[at] != 0) {
        at = (at + 1) & mask;
      }
      t[at] = ((long) hash << 32) | (record + 1);
    }
    return t;
  }

  private int find(int hash, byte[] id, int from, int length, long[] t) {
    int mask = t.length - 1;
    for (int at = hash & mask; t[at] != 0; at = (at + 1) & mask) {
      // Most probes that miss are told apart by the hash kept beside the offset.
      if ((int) (t[at] >>> 32) == hash && isId((int) t[at] - 1, id, from, length)) {
        return (int) t[at] - 1;
      }
    }
    return -1;
  }

  /** Teams added one by one (ids copied: they may be views of a buffer Spark reuses). */
  static final class Builder {
    private byte[] records = new byte[1 << 14];
    private int used;
    private int size;

    void add(UTF8String teamId, byte[] teamSlots) {
      int length = teamId.numBytes();
      if (teamSlots.length != TEAM_SIZE) {
        throw new IllegalArgumentException("team " + teamId + " has " + teamSlots.length
            + " players, not " + TEAM_SIZE);
      }
      if (length > Short.MAX_VALUE) {
        throw new IllegalArgumentException("team id " + teamId.substring(0, 40) + "... is "
            + length + " bytes long; at most " + Short.MAX_VALUE + " are supported");
      }
      int record = LENGTH_BYTES + length + TEAM_SIZE;
      if (used + record > records.length) {
        records = Arrays.copyOf(records, Math.max(records.length * 2, used + record));
      }
      records[used] = (byte) (length >>> 8);
      records[used + 1] = (byte) length;
      teamId.writeToMemory(records, Platform.BYTE_ARRAY_OFFSET + used + LENGTH_BYTES);
      System.arraycopy(teamSlots, 0, records, used + LENGTH_BYTES + length, TEAM_SIZE);
      used += record;
      size++;
    }

    TeamIndex build() {
      return new TeamIndex(Arrays.copyOf(records, used), size);
    }
  }
}
