package dev.dugout.landing;

import java.io.Serializable;

/**
 * A fixed set of 64-bit key hashes, for the stored-key scan's lookup of each stored key's hash
 * among a batch's: open addressing, at most half full, so a lookup reads one slot or two. A binary
 * search of the batch's sorted hashes (a million of them: 8 MB, past the cache) took about twenty
 * reads, most of them cache misses.
 */
final class HashSetOfLongs implements Serializable {
  /** Slots; 0 marks an empty one (a hash of 0 is held by {@link #hasZero} instead). */
  private final long[] slots;
  private final boolean hasZero;
  private final int mask;

  private HashSetOfLongs(long[] slots, boolean hasZero) {
    this.slots = slots;
    this.hasZero = hasZero;
    this.mask = slots.length - 1;
  }

  /** The set of {@code values} (in any order, repeats allowed). */
  static HashSetOfLongs of(long[] values) {
    long[] slots = new long[Integer.highestOneBit(Math.max(1, values.length) * 2 - 1) << 1];
    int mask = slots.length - 1;
    boolean zero = false;
    for (long v : values) {
      if (v == 0) {
        zero = true;
        continue;
      }
      int at = slotOf(v, mask);
      while (slots[at] != 0 && slots[at] != v) {
        at = (at + 1) & mask;
      }
      slots[at] = v;
    }
    return new HashSetOfLongs(slots, zero);
  }

  boolean contains(long value) {
    if (value == 0) {
      return hasZero;
    }
    for (int at = slotOf(value, mask); slots[at] != 0; at = (at + 1) & mask) {
      if (slots[at] == value) {
        return true;
      }
    }
    return false;
  }

  /** The hashes are xxhash64 values, spread already; the multiply keeps any bias off the low bits. */
  private static int slotOf(long value, int mask) {
    return (int) ((value * 0x9E3779B97F4A7C15L) >>> 32) & mask;
  }
}
