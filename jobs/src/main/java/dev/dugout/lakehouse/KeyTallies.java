package dev.dugout.lakehouse;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Per value of a string column (the key), a few longs tallied over the rows that hold it, in plain
 * Java: what a {@code groupBy(key).agg(...)} of sums, counts, minima and maxima gives, without
 * Spark's hash aggregation, its copy of each row into its binary format and its shuffle. Each task
 * tallies its rows in runs of one key: a row whose key is the previous row's (the common case for
 * tables written in key order) costs one comparison, and any other one lookup in the task's map of
 * keys. The driver merges the tasks' tallies, each task's sent as one array of keys and one of
 * longs.
 */
public final class KeyTallies {
  private KeyTallies() {}

  /** What is tallied per key: {@link #width} longs, started, added to per row, and merged. */
  public interface Tally extends Serializable {
    int width();

    /** Sets a new key's longs, {@code tally[at]} to {@code tally[at + width - 1]}. */
    void start(long[] tally, int at);

    /** Adds {@code row} to its key's longs. */
    void add(InternalRow row, long[] tally, int at);

    /** Merges one task's longs for a key into another's. */
    void merge(long[] from, int fromAt, long[] into, int intoAt);
  }

  /**
   * Per key (the string column at {@code keyAt} of {@code rows}; a null key is a key too), its
   * tally's longs. The rows may be views, valid until the next row.
   */
  public static Map<String, long[]> of(JavaRDD<InternalRow> rows, int keyAt, Tally tally) {
    List<Packed> perTask = rows.mapPartitions(part -> List.of(tallied(part, keyAt, tally))
        .iterator()).collect();
    int width = tally.width();
    Map<String, long[]> byKey = new HashMap<>();
    for (Packed p : perTask) {
      int start = 0;
      for (int slot = 0; slot < p.ends.length; slot++) {
        String key = slot == p.nullSlot ? null
            : new String(p.keys, start, p.ends[slot] - start, StandardCharsets.UTF_8);
        start = p.ends[slot];
        long[] known = byKey.get(key);
        if (known == null) {
          byKey.put(key, Arrays.copyOfRange(p.values, slot * width, (slot + 1) * width));
        } else {
          tally.merge(p.values, slot * width, known, 0);
        }
      }
    }
    return byKey;
  }

  /** One task's tallies: its keys' UTF-8 bytes end to end, in slot order, and their longs. */
  private record Packed(byte[] keys, int[] ends, int nullSlot, long[] values)
      implements Serializable {}

  private static Packed tallied(Iterator<InternalRow> rows, int keyAt, Tally tally) {
    int width = tally.width();
    Map<UTF8String, Integer> slots = new HashMap<>();
    List<UTF8String> keys = new ArrayList<>();
    long[] values = new long[64 * width];
    int nullSlot = -1;
    UTF8String current = null;
    int at = -1;
    while (rows.hasNext()) {
      InternalRow row = rows.next();
      UTF8String key = row.isNullAt(keyAt) ? null : row.getUTF8String(keyAt);
      if (at < 0 || (key == null ? current != null : !key.equals(current))) {
        Integer slot = key == null ? (nullSlot < 0 ? null : nullSlot) : slots.get(key);
        if (slot == null) {
          slot = keys.size();
          // The row's bytes are reused by the next row: the map keeps a copy.
          UTF8String kept = key == null ? null : key.clone();
          keys.add(kept);
          if (kept == null) {
            nullSlot = slot;
          } else {
            slots.put(kept, slot);
          }
          if ((slot + 1) * width > values.length) {
            values = Arrays.copyOf(values, values.length * 2);
          }
          tally.start(values, slot * width);
        }
        at = slot * width;
        current = key == null ? null : keys.get(slot);
      }
      tally.add(row, values, at);
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int[] ends = new int[keys.size()];
    for (int slot = 0; slot < ends.length; slot++) {
      UTF8String key = keys.get(slot);
      if (key != null) {
        byte[] b = key.getBytes();
        bytes.write(b, 0, b.length);
      }
      ends[slot] = bytes.size();
    }
    return new Packed(bytes.toByteArray(), ends, nullSlot,
        Arrays.copyOf(values, keys.size() * width));
  }
}
