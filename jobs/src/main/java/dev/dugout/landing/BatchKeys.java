package dev.dugout.landing;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;

/**
 * What a micro-batch's rows say about their keys, table by table: each key's 64-bit hash (Spark's
 * {@code xxhash64}), the oldest and newest time and the distinct values of the column that prunes
 * the table's stored rows. Each input partition summarises its own rows in one pass; the driver
 * merges the partitions' summaries.
 *
 * <p>Only hashes travel, 8 bytes a key, never the keys themselves. Two different keys may share a
 * hash, so a hash found twice or found stored only makes a key a candidate: the writes then
 * compare the real keys ({@link InsertNew#write}), and a false candidate costs a little work and
 * changes no row.
 */
final class BatchKeys implements Serializable {
  /** Rows: (table tag, key hash, time or null, value or null), as {@link InsertNew#check} makes. */
  static final int TAG = 0;
  static final int HASH = 1;
  static final int TIME = 2;
  static final int VALUE = 3;

  private final long[][] hashes;
  private final int[] counts;
  private final long[] oldest;
  private final long[] newest;
  private final List<Set<String>> values;
  private final int maxValues;

  private BatchKeys(int tables, int maxValues) {
    this.hashes = new long[tables][16];
    this.counts = new int[tables];
    this.oldest = new long[tables];
    this.newest = new long[tables];
    Arrays.fill(oldest, Long.MAX_VALUE);
    Arrays.fill(newest, Long.MIN_VALUE);
    this.values = new ArrayList<>();
    for (int i = 0; i < tables; i++) {
      values.add(new HashSet<>());
    }
    this.maxValues = maxValues;
  }

  /**
   * One partition's rows summarised. A table's distinct values are kept up to {@code maxValues}
   * and one more: beyond that many the caller prunes by none of them.
   */
  static BatchKeys of(Iterator<InternalRow> rows, int tables, int maxValues) {
    BatchKeys keys = new BatchKeys(tables, maxValues);
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      int tag = r.getInt(TAG);
      keys.addHash(tag, r.getLong(HASH));
      if (!r.isNullAt(TIME)) {
        long micros = r.getLong(TIME);
        keys.oldest[tag] = Math.min(keys.oldest[tag], micros);
        keys.newest[tag] = Math.max(keys.newest[tag], micros);
      }
      if (!r.isNullAt(VALUE) && keys.values.get(tag).size() <= maxValues) {
        keys.values.get(tag).add(r.getUTF8String(VALUE).toString());
      }
    }
    return keys;
  }

  private void addHash(int tag, long hash) {
    if (counts[tag] == hashes[tag].length) {
      hashes[tag] = Arrays.copyOf(hashes[tag], hashes[tag].length * 2);
    }
    hashes[tag][counts[tag]++] = hash;
  }

  /** The partitions' summaries as one; each table's hashes come out sorted. */
  static BatchKeys merge(List<BatchKeys> parts, int tables, int maxValues) {
    BatchKeys all = new BatchKeys(tables, maxValues);
    for (int i = 0; i < tables; i++) {
      int total = 0;
      for (BatchKeys p : parts) {
        total += p.counts[i];
      }
      long[] merged = new long[total];
      int at = 0;
      for (BatchKeys p : parts) {
        System.arraycopy(p.hashes[i], 0, merged, at, p.counts[i]);
        at += p.counts[i];
        all.oldest[i] = Math.min(all.oldest[i], p.oldest[i]);
        all.newest[i] = Math.max(all.newest[i], p.newest[i]);
        for (String v : p.values.get(i)) {
          if (all.values.get(i).size() <= maxValues) {
            all.values.get(i).add(v);
          }
        }
      }
      Arrays.sort(merged);
      all.hashes[i] = merged;
      all.counts[i] = total;
    }
    return all;
  }

  /** Table {@code i}'s key hashes, sorted (after {@link #merge}). */
  long[] hashes(int i) {
    return counts[i] == hashes[i].length ? hashes[i] : Arrays.copyOf(hashes[i], counts[i]);
  }

  int count(int i) {
    return counts[i];
  }

  /** Whether two of table {@code i}'s rows share a key hash (after {@link #merge}). */
  boolean mayRepeat(int i) {
    long[] sorted = hashes[i];
    for (int k = 1; k < counts[i]; k++) {
      if (sorted[k] == sorted[k - 1]) {
        return true;
      }
    }
    return false;
  }

  /** Table {@code i}'s oldest time, or null when its rows have none. */
  Instant oldest(int i) {
    return oldest[i] == Long.MAX_VALUE ? null : DateTimeUtils.microsToInstant(oldest[i]);
  }

  Instant newest(int i) {
    return newest[i] == Long.MIN_VALUE ? null : DateTimeUtils.microsToInstant(newest[i]);
  }

  /** Table {@code i}'s distinct values, at most {@code maxValues} + 1 of them. */
  List<String> values(int i) {
    return new ArrayList<>(values.get(i));
  }
}
