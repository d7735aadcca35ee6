package dev.dugout.settlement;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A match's prize schedules by contest index, packed into a few arrays: what an executor needs to
 * pay any entry, with the rules of {@link PrizeSchedule#amount(int, int)}. Broadcasting 190k
 * schedules as objects (each with its terms and prize ranges) cost the driver about a second of
 * Java serialization per settlement; these arrays are copied.
 */
final class PackedSchedules implements Serializable {
  private final String[] contestIds;
  private final String[] currency;
  /** Why contest k refunds every entry (a {@link dev.dugout.tables.PayoutsTable.Reason}), or null. */
  private final String[] refundReason;
  private final int[] entries;
  /** What each entry of contest k gets back when it is refunded, or -1 when it is settled. */
  private final long[] refund;
  /** Contest k's running sums are {@code through[from[k] .. from[k + 1])}. */
  private final int[] from;
  private final long[] through;
  /** Built on first use, once per JVM holding this copy (an executor's broadcast value). */
  private transient volatile Lookup lookup;

  /**
   * The contests as Spark's strings: each id's index, and each index's currency and refund reason
   * (null when settled), for {@link PayoutRows}.
   */
  record Lookup(Map<UTF8String, Integer> index, UTF8String[] currency,
      UTF8String[] refundReason) {}

  private PackedSchedules(String[] contestIds, String[] currency, String[] refundReason,
      int[] entries, long[] refund, int[] from, long[] through) {
    this.contestIds = contestIds;
    this.currency = currency;
    this.refundReason = refundReason;
    this.entries = entries;
    this.refund = refund;
    this.from = from;
    this.through = through;
  }

  static PackedSchedules of(PrizeSchedule[] byIndex) {
    int n = byIndex.length;
    String[] ids = new String[n];
    String[] currency = new String[n];
    String[] refundReason = new String[n];
    int[] entries = new int[n];
    long[] refund = new long[n];
    int[] from = new int[n + 1];
    for (int k = 0; k < n; k++) {
      from[k + 1] = from[k] + byIndex[k].prizeThrough().length;
    }
    long[] through = new long[from[n]];
    for (int k = 0; k < n; k++) {
      PrizeSchedule s = byIndex[k];
      ids[k] = s.terms().contestId();
      currency[k] = s.terms().currency().name();
      refundReason[k] = s.refundReason() == null ? null : s.refundReason().name();
      entries[k] = s.entries();
      refund[k] = s.refundReason() == null ? -1 : s.refundAmount();
      System.arraycopy(s.prizeThrough(), 0, through, from[k], from[k + 1] - from[k]);
    }
    return new PackedSchedules(ids, currency, refundReason, entries, refund, from, through);
  }

  /** The contests' {@link Lookup}: built by the first task of an executor, shared by the rest. */
  Lookup lookup() {
    Lookup built = lookup;
    if (built == null) {
      synchronized (this) {
        built = lookup;
        if (built == null) {
          int n = contestIds.length;
          Map<UTF8String, Integer> index = new HashMap<>(n * 2);
          UTF8String[] currencies = new UTF8String[n];
          UTF8String[] reasons = new UTF8String[n];
          for (int k = 0; k < n; k++) {
            index.put(UTF8String.fromString(contestIds[k]), k);
            currencies[k] = UTF8String.fromString(currency[k]);
            reasons[k] = refundReason[k] == null ? null : UTF8String.fromString(refundReason[k]);
          }
          built = new Lookup(index, currencies, reasons);
          lookup = built;
        }
      }
    }
    return built;
  }

  /** How many contests: their indexes are 0 .. contests() - 1. */
  int contests() {
    return contestIds.length;
  }

  /** How many entries contest k has. */
  int entries(int k) {
    return entries[k];
  }

  String contestId(int k) {
    return contestIds[k];
  }

  /** Whether contest k refunds every entry (cancelled, or the match had no result). */
  boolean refunds(int k) {
    return refund[k] >= 0;
  }

  /** What each entry of a refunding contest k gets back: its fee. */
  long refundOf(int k) {
    if (!refunds(k)) {
      throw new IllegalStateException("contest " + contestIds[k] + " is settled, not refunded");
    }
    return refund[k];
  }

  /** What an entry of contest k at {@code rank}, tied with {@code tied} entries, is paid or refunded. */
  long amount(int k, int rank, int tied) {
    return refunds(k) ? refund[k]
        : PrizeSchedule.amount(contestIds[k], entries[k], through, from[k], from[k + 1] - from[k],
            rank, tied);
  }
}
