package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Strings packed into one byte array: ids held in memory for millions of entries cost their bytes
 * plus an offset, not a String object each (about 60 bytes of headers per id).
 */
final class IdColumn implements Serializable {
  private final byte[] bytes;
  private final int[] offsets;

  private IdColumn(byte[] bytes, int[] offsets) {
    this.bytes = bytes;
    this.offsets = offsets;
  }

  String get(int i) {
    return new String(bytes, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.UTF_8);
  }

  /** The id as Spark's string value: a view of the packed bytes, no copy or decoding. */
  UTF8String utf8(int i) {
    return UTF8String.fromBytes(bytes, offsets[i], offsets[i + 1] - offsets[i]);
  }

  int size() {
    return offsets.length - 1;
  }

  /** Appends ids one by one, then {@link #build()}. */
  static final class Builder {
    private byte[] bytes = new byte[1 << 12];
    private int[] offsets = new int[1 << 8];
    private int size;

    void add(String id) {
      byte[] b = id.getBytes(StandardCharsets.UTF_8);
      int end = offsets[size];
      if (end + b.length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + b.length));
      }
      System.arraycopy(b, 0, bytes, end, b.length);
      if (size + 2 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[++size] = end + b.length;
    }

    IdColumn build() {
      return new IdColumn(Arrays.copyOf(bytes, offsets[size]), Arrays.copyOf(offsets, size + 1));
    }
  }
}
