package dev.dugout.contests;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Generated ids of one kind, a fixed prefix and a number ("1370353-e42", "u7"), written straight
 * to UTF-8 bytes as Spark strings: ten million of them are made per match day, and building each
 * as a Java string first, then encoding it, was a tenth of the generation's time.
 */
final class NumberedIds implements Serializable {
  private final byte[] prefix;

  NumberedIds(String prefix) {
    this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
  }

  /** The prefix followed by {@code number} in decimal; {@code number} is not negative. */
  UTF8String id(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("ids are numbered from 0, not " + number);
    }
    int digits = 1;
    for (long rest = number / 10; rest > 0; rest /= 10) {
      digits++;
    }
    byte[] bytes = new byte[prefix.length + digits];
    System.arraycopy(prefix, 0, bytes, 0, prefix.length);
    long rest = number;
    for (int i = bytes.length - 1; i >= prefix.length; i--) {
      bytes[i] = (byte) ('0' + rest % 10);
      rest /= 10;
    }
    return UTF8String.fromBytes(bytes);
  }
}
