package dev.dugout.settlement;

import dev.dugout.tables.ContestSettlementsTable.Status;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.PayoutsTable.Reason;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * One contest's payout rules once its entries are counted: what any entry is paid from its rank
 * and the number of entries tied with it, in O(1), and the contest's account from the total paid.
 * The rules are those of {@link ContestPayouts}.
 *
 * <p>The k entries tied at rank r occupy positions r..r+k-1 and split the prizes of those
 * positions equally, rounded down. Competition ranks place every entry's group on distinct
 * positions covering 1..entries exactly once, so the prizes the groups pool add up to the prizes
 * of positions 1..entries, and the tie remainder of the whole contest is that sum less what was
 * paid: no per-group bookkeeping is needed.
 */
public final class PrizeSchedule implements Serializable {
  private final ContestTerms terms;
  private final int entries;
  private final Status status;
  /** {@code prizeThrough[p]}: the prizes as paid of positions 1..p; length min(entries, last) + 1. */
  private final long[] prizeThrough;
  private final long pool;
  private final long scalingRemainder;

  private PrizeSchedule(ContestTerms terms, int entries, Status status, long[] prizeThrough,
      long pool, long scalingRemainder) {
    this.terms = terms;
    this.entries = entries;
    this.status = status;
    this.prizeThrough = prizeThrough;
    this.pool = pool;
    this.scalingRemainder = scalingRemainder;
  }

  /**
   * @param entries the entries that joined the contest
   * @param noResult the match was abandoned or had no result
   */
  public static PrizeSchedule of(ContestTerms terms, int entries, boolean noResult) {
    if (noResult || entries < terms.minEntries()) {
      return new PrizeSchedule(terms, entries,
          noResult ? Status.REFUNDED_NO_RESULT : Status.CANCELLED_UNDERFILLED, new long[1], 0, 0);
    }
    if (entries > terms.maxEntries()) {
      throw new IllegalArgumentException("contest " + terms.contestId() + " has " + entries
          + " entries, more than its maximum " + terms.maxEntries());
    }
    try {
      return settled(terms, entries);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("contest " + terms.contestId() + ": its prize table "
          + terms.prizes() + " adds up to more than 64-bit minor units can hold", e);
    }
  }

  private static PrizeSchedule settled(ContestTerms terms, int entries) {
    boolean flexible = terms.kind() == ContestsTable.Kind.FLEXIBLE;
    // Each position's prize as paid: the table's, or for a flexible contest scaled to the entries
    // joined and rounded down. Every position of a range has the same prize, so each range is
    // scaled once (not each of the mega contest's half million positions) and summed as a product.
    // A position beyond the contest's maximum entries pays nothing.
    int last = terms.lastPaidPosition();
    long[] through = new long[Math.min(entries, last) + 1];
    long tablePool = 0;
    long roundedSum = 0;
    for (ContestTerms.PrizeRange r : terms.prizes()) {
      int to = Math.min(r.to(), terms.maxEntries());
      if (r.from() > to) {
        continue;
      }
      long prize = flexible ? scale(r.amountMinor(), entries, terms.maxEntries()) : r.amountMinor();
      long positions = to - r.from() + 1;
      tablePool = Math.addExact(tablePool, Math.multiplyExact(r.amountMinor(), positions));
      roundedSum = Math.addExact(roundedSum, Math.multiplyExact(prize, positions));
      if (r.from() < through.length) {
        Arrays.fill(through, r.from(), Math.min(to + 1, through.length), prize);
      }
    }
    // The ranges do not overlap (ContestTerms checks), so through[p] now holds position p's prize;
    // running sums from there.
    for (int p = 1; p < through.length; p++) {
      through[p] += through[p - 1];
    }
    long pool = flexible ? scale(tablePool, entries, terms.maxEntries()) : tablePool;
    return new PrizeSchedule(terms, entries, Status.SETTLED, through, pool, pool - roundedSum);
  }

  public Status status() {
    return status;
  }

  public ContestTerms terms() {
    return terms;
  }

  public int entries() {
    return entries;
  }

  /** The reason every entry of a refunded contest gets; null when the contest is settled. */
  public Reason refundReason() {
    return switch (status) {
      case SETTLED -> null;
      case CANCELLED_UNDERFILLED -> Reason.REFUND_UNDERFILLED;
      case REFUNDED_NO_RESULT -> Reason.REFUND_NO_RESULT;
    };
  }

  /** What each entry of a cancelled or refunded contest gets back: its fee. */
  public long refundAmount() {
    return terms.entryFeeMinor();
  }

  /** Why an entry is paid {@code amount}: its contest's refund reason, else won or not. */
  public Reason reason(long amount) {
    Reason refund = refundReason();
    return refund != null ? refund : amount > 0 ? Reason.WINNING : Reason.NO_PRIZE;
  }

  /**
   * What an entry at {@code rank}, sharing it with {@code tied} entries (itself included), is paid
   * or refunded.
   */
  public long amount(int rank, int tied) {
    if (status != Status.SETTLED) {
      return refundAmount();
    }
    return amount(terms.contestId(), entries, prizeThrough, 0, prizeThrough.length, rank, tied);
  }

  /**
   * {@link #amount(int, int)} of a settled contest of {@code entries} entries whose running sums
   * ({@code prizeThrough}) are stored at {@code through[from .. from + length)}.
   */
  static long amount(String contestId, int entries, long[] through, int from, int length,
      int rank, int tied) {
    if (rank < 1 || tied < 1 || (long) rank + tied - 1 > entries) {
      throw new IllegalArgumentException("contest " + contestId + " (" + entries
          + " entries): rank " + rank + " tied " + tied + " are not a competition rank of it");
    }
    int lastPosition = length - 1;
    if (rank > lastPosition) {
      return 0;
    }
    int to = Math.min(rank + tied - 1, lastPosition);
    return (through[from + to] - through[from + rank - 1]) / tied;
  }

  /** The prizes as paid of positions 1..p at index p; the schedule's own array, not to be changed. */
  long[] prizeThrough() {
    return prizeThrough;
  }

  /** The contest's figures once {@code paid} (the sum of its entries' amounts) is known. */
  public Account account(long paid) {
    long fees = terms.entryFeeMinor() * entries;
    if (status != Status.SETTLED) {
      return new Account(status, fees, 0, 0, fees, 0, 0, 0);
    }
    long reached = prizeThrough[prizeThrough.length - 1];
    // Positions the table pays that no entry reached stay unpaid: pool = paid + tie remainder +
    // scaling remainder + unreached prizes. Paying beyond the fees collected is the shortfall.
    return new Account(status, fees, pool, paid, 0, reached - paid, scalingRemainder,
        Math.max(0, paid - fees));
  }

  /** A contest's settled figures, minor units of its currency. */
  public record Account(Status status, long feesCollected, long prizePool, long paid,
      long refunded, long tieRemainder, long scalingRemainder, long shortfall) {}

  /** floor(amount x joined / max), exactly. */
  static long scale(long amount, int joined, int max) {
    return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(joined))
        .divide(BigInteger.valueOf(max)).longValueExact();
  }
}
