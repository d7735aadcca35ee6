package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A match's player pool: each player id to its index, looked up as Spark reads it. Encoding a
 * match day's teams looks up 44 million ids (4M teams of 11); a {@code HashMap} hashed every id's
 * bytes and compared them. Here an id's first 8 bytes, read as one long, pick its slot, and with
 * its length they are the whole comparison for ids of up to 8 bytes (Cricsheet's are 8 hex
 * digits); longer ids are compared in full.
 */
final class PlayerPool implements Serializable {
  private final UTF8String[] ids;
  private final long[] prefixes;
  private final int[] indices;
  private final int mask;
  private final int size;

  private PlayerPool(int slots, int size) {
    this.ids = new UTF8String[slots];
    this.prefixes = new long[slots];
    this.indices = new int[slots];
    this.mask = slots - 1;
    this.size = size;
  }

  /** The pool in its order: player {@code pool.get(i)} has index i. */
  static PlayerPool of(List<String> pool) {
    // At most a quarter full: a probe seldom passes a slot that is not the id's.
    PlayerPool p = new PlayerPool(Integer.highestOneBit(Math.max(1, pool.size()) * 4 - 1) << 1,
        pool.size());
    for (int i = 0; i < pool.size(); i++) {
      UTF8String id = UTF8String.fromString(pool.get(i));
      if (p.indexOf(id) >= 0) {
        throw new IllegalArgumentException("player " + id + " appears twice in the pool");
      }
      int at = p.slotOf(id.getPrefix());
      while (p.ids[at] != null) {
        at = (at + 1) & p.mask;
      }
      p.ids[at] = id;
      p.prefixes[at] = id.getPrefix();
      p.indices[at] = i;
    }
    return p;
  }

  /** The player's index in the pool, or -1 when the id is not in it. */
  int indexOf(UTF8String id) {
    long prefix = id.getPrefix();
    int length = id.numBytes();
    for (int at = slotOf(prefix); ids[at] != null; at = (at + 1) & mask) {
      if (prefixes[at] == prefix && ids[at].numBytes() == length
          && (length <= Long.BYTES || ids[at].equals(id))) {
        return indices[at];
      }
    }
    return -1;
  }

  private int slotOf(long prefix) {
    // Fibonacci hashing: the multiply spreads every byte of the prefix into the high bits.
    return (int) ((prefix * 0x9E3779B97F4A7C15L) >>> 40) & mask;
  }

  int size() {
    return size;
  }

  /** The pool as a map of the ids as strings, for messages and slow paths. */
  Map<String, Integer> asMap() {
    Map<String, Integer> byString = new HashMap<>();
    for (int at = 0; at < ids.length; at++) {
      if (ids[at] != null) {
        byString.put(ids[at].toString(), indices[at]);
      }
    }
    return byString;
  }
}
