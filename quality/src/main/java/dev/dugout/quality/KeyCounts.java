package dev.dugout.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import scala.Tuple2;

/**
 * How many rows share their key with another row, counted exactly on 64-bit key hashes: each task
 * sorts its hashes into buckets by hash, each bucket's hashes (from every task) meet in one task
 * and are sorted there, and equal neighbours are duplicates. Arrays of primitive longs are all that
 * is shuffled and sorted: a uniqueness check of ten million keys this way costs a fraction of a
 * grouping of the keys by Spark SQL, which keeps a hash-map entry per distinct key (as an
 * {@code UnsafeRow}) in every task and again after the shuffle. Each bucket holds about as many
 * hashes as a task reads (as many buckets as the data has partitions).
 *
 * <p>Rows whose hash is null (a key of nulls only) have no key and are never duplicates, as NULLs
 * in a SQL unique key. Two distinct keys with the same hash read as duplicates (about n^2 / 2^65:
 * 3e-6 for ten million keys), so a collision can fail a check, never let a duplicate pass.
 */
final class KeyCounts {
  /** Rows with a key, rows whose key no other row has, rows whose key another row has too. */
  record Counts(long keyed, long unique, long duplicated) implements java.io.Serializable {
    Counts plus(Counts o) {
      return new Counts(keyed + o.keyed, unique + o.unique, duplicated + o.duplicated);
    }
  }

  private KeyCounts() {}

  /** The counts of {@code hash}, a 64-bit hash of each row's key (null for a row without key). */
  static Counts of(Dataset<Row> data, Column hash) {
    JavaRDD<InternalRow> hashes = data.select(hash).queryExecution().toRdd().toJavaRDD();
    int buckets = Math.max(1, hashes.getNumPartitions());
    JavaPairRDD<Integer, long[]> bucketed = hashes.mapPartitionsToPair(rows -> {
      long[][] lists = new long[buckets][];
      int[] sizes = new int[buckets];
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        if (row.isNullAt(0)) {
          continue;
        }
        long h = row.getLong(0);
        int b = bucketOf(h, buckets);
        if (lists[b] == null) {
          lists[b] = new long[1024];
        } else if (sizes[b] == lists[b].length) {
          lists[b] = Arrays.copyOf(lists[b], lists[b].length * 2);
        }
        lists[b][sizes[b]++] = h;
      }
      List<Tuple2<Integer, long[]>> out = new ArrayList<>();
      for (int b = 0; b < buckets; b++) {
        if (sizes[b] > 0) {
          out.add(new Tuple2<>(b, Arrays.copyOf(lists[b], sizes[b])));
          lists[b] = null;
        }
      }
      return out.iterator();
    });
    List<Counts> perBucket = bucketed.partitionBy(new HashPartitioner(buckets))
        .mapPartitions(KeyCounts::countBucket).collect();
    Counts total = new Counts(0, 0, 0);
    for (Counts c : perBucket) {
      total = total.plus(c);
    }
    return total;
  }

  /** A hash's bucket (the hashes are uniform: any of their bits will do). */
  static int bucketOf(long hash, int buckets) {
    return (int) ((hash >>> 33) % buckets);
  }

  /** The counts of one bucket's hashes, from every task. */
  private static Iterator<Counts> countBucket(Iterator<Tuple2<Integer, long[]>> parts) {
    List<long[]> arrays = new ArrayList<>();
    int size = 0;
    while (parts.hasNext()) {
      long[] part = parts.next()._2();
      arrays.add(part);
      size = Math.addExact(size, part.length);
    }
    long[] all = new long[size];
    int at = 0;
    for (long[] part : arrays) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    Arrays.sort(all);
    return List.of(countSorted(all)).iterator();
  }

  /** Runs of equal values in a sorted array: those of length one are unique, the rest duplicated. */
  static Counts countSorted(long[] sorted) {
    long unique = 0;
    long duplicated = 0;
    int i = 0;
    while (i < sorted.length) {
      int j = i + 1;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      if (j - i == 1) {
        unique++;
      } else {
        duplicated += j - i;
      }
      i = j;
    }
    return new Counts(sorted.length, unique, duplicated);
  }
}
