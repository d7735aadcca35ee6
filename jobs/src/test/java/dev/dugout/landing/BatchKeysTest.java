package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * A batch's keys summarised per partition and merged: every table's hashes, sorted, a hash seen
 * twice (in one partition or across two) flagged, the time bounds and the capped distinct values.
 * Expected values are written out by hand from the rows.
 */
class BatchKeysTest {
  private static InternalRow row(int tag, long hash, String time, String value) {
    return new GenericInternalRow(new Object[] {tag, hash,
        time == null ? null : DateTimeUtils.instantToMicros(Instant.parse(time)),
        value == null ? null : UTF8String.fromString(value)});
  }

  private static BatchKeys part(InternalRow... rows) {
    Iterator<InternalRow> it = List.of(rows).iterator();
    return BatchKeys.of(it, 3, 2);
  }

  @Test
  void partitionsMergeIntoEachTablesSortedHashesAndBounds() {
    BatchKeys a = part(
        row(0, 30, "2026-06-02T09:00:00Z", null),
        row(0, -5, "2026-05-28T23:59:00Z", null),
        row(1, 7, null, "m1"));
    BatchKeys b = part(
        row(0, 12, "2026-06-02T10:00:00Z", null),
        row(1, 8, null, "m2"),
        row(1, 9, null, "m1"));
    BatchKeys all = BatchKeys.merge(List.of(a, b), 3, 2);

    assertThat(all.hashes(0)).containsExactly(-5, 12, 30);
    assertThat(all.hashes(1)).containsExactly(7, 8, 9);
    assertThat(all.count(2)).isZero();
    assertThat(all.hashes(2)).isEmpty();
    assertThat(all.oldest(0)).isEqualTo(Instant.parse("2026-05-28T23:59:00Z"));
    assertThat(all.newest(0)).isEqualTo(Instant.parse("2026-06-02T10:00:00Z"));
    assertThat(all.oldest(1)).isNull();
    assertThat(all.newest(1)).isNull();
    assertThat(all.values(1)).containsExactlyInAnyOrder("m1", "m2");
    assertThat(all.mayRepeat(0)).isFalse();
    assertThat(all.mayRepeat(1)).isFalse();
  }

  @Test
  void aHashSeenTwiceWithinAPartitionOrAcrossTwoIsFlaggedForItsTableOnly() {
    BatchKeys within = BatchKeys.merge(List.of(part(row(0, 4, null, null), row(0, 4, null, null),
        row(1, 4, null, null))), 3, 2);
    assertThat(within.mayRepeat(0)).isTrue();
    assertThat(within.mayRepeat(1)).isFalse();

    BatchKeys across = BatchKeys.merge(List.of(part(row(2, 9, null, null), row(2, 1, null, null)),
        part(row(2, 5, null, null), row(2, 9, null, null))), 3, 2);
    assertThat(across.mayRepeat(2)).isTrue();
    assertThat(across.hashes(2)).containsExactly(1, 5, 9, 9);
  }

  @Test
  void distinctValuesStopOnePastTheCapSoThatTheCallerKnowsToPruneByNone() {
    BatchKeys one = part(row(0, 1, null, "a"), row(0, 2, null, "b"), row(0, 3, null, "c"),
        row(0, 4, null, "d"));
    BatchKeys other = part(row(0, 5, null, "e"));
    // The cap is 2: three values say "more than 2", whatever the partitions held.
    assertThat(BatchKeys.merge(List.of(one), 3, 2).values(0)).hasSize(3);
    assertThat(BatchKeys.merge(List.of(one, other), 3, 2).values(0)).hasSize(3);
    assertThat(BatchKeys.merge(List.of(part(row(0, 1, null, "a"), row(0, 2, null, "a"))), 3, 2)
        .values(0)).containsExactly("a");
  }
}
