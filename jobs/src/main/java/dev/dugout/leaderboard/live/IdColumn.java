package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;
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

  /** Id {@code i}'s hash: the same as {@link UTF8String#hashCode()} of it, with no object made. */
  int hashAt(int i) {
    return Murmur3_x86_32.hashUnsafeBytes(bytes, Platform.BYTE_ARRAY_OFFSET + offsets[i],
        offsets[i + 1] - offsets[i], 42);
  }

  /** The packed bytes; id {@code i} is {@link #length}(i) bytes from {@link #start}(i). */
  byte[] bytes() {
    return bytes;
  }

  int start(int i) {
    return offsets[i];
  }

  int length(int i) {
    return offsets[i + 1] - offsets[i];
  }

  /** The ids in a new order: {@code order[k]} is the index here of the id that comes k-th. */
  IdColumn reordered(int[] order) {
    byte[] to = new byte[bytes.length];
    int[] at = new int[order.length + 1];
    for (int k = 0; k < order.length; k++) {
      int from = offsets[order[k]];
      int length = offsets[order[k] + 1] - from;
      System.arraycopy(bytes, from, to, at[k], length);
      at[k + 1] = at[k] + length;
    }
    return new IdColumn(to, at);
  }

  /** Appends ids one by one, then {@link #build()}. */
  static final class Builder {
    private byte[] bytes = new byte[1 << 12];
    private int[] offsets = new int[1 << 8];
    private int size;

    /** Copies the id's bytes: {@code id} may be a view of a buffer Spark reuses. */
    void add(UTF8String id) {
      int length = id.numBytes();
      int end = offsets[size];
      if (end + length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, end + length));
      }
      id.writeToMemory(bytes, Platform.BYTE_ARRAY_OFFSET + end);
      if (size + 2 > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
      }
      offsets[++size] = end + length;
    }

    IdColumn build() {
      return new IdColumn(Arrays.copyOf(bytes, offsets[size]), Arrays.copyOf(offsets, size + 1));
    }
  }
}
