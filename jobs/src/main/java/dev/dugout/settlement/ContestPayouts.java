package dev.dugout.settlement;

import dev.dugout.tables.ContestSettlementsTable.Status;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.PayoutsTable.Reason;
import java.math.BigInteger;

/**
 * The payout rules for one contest, on its entries' final ranks. Pure arithmetic in minor units.
 *
 * <ul>
 *   <li>No result (abandoned match): every entry is refunded its fee.
 *   <li>Fewer entries than the minimum: the contest is cancelled, every entry refunded.
 *   <li>Otherwise position p pays the table's prize for p; a {@code FLEXIBLE} contest scales each
 *       prize by entries joined / max entries, rounded down (the rounding is recorded as the
 *       scaling remainder); a {@code GUARANTEED} one pays the table in full and records as
 *       shortfall what it paid beyond the fees collected.
 *   <li>Ties: the k entries sharing rank r occupy positions r..r+k-1; they pool those positions'
 *       prizes and split the pool equally, rounded down; the indivisible rest is recorded as the
 *       tie remainder (the platform keeps it; it is never paid twice or lost). The next entry is
 *       at position r+k, which competition ranking gives it as its rank.
 * </ul>
 */
public final class ContestPayouts {
  private ContestPayouts() {}

  /** The outcome for one contest; arrays are parallel to the ranks given. */
  public record Result(Status status, long[] amounts, Reason[] reasons, long feesCollected,
      long prizePool, long paid, long refunded, long tieRemainder, long scalingRemainder,
      long shortfall) {}

  /**
   * @param ranks the entries' final competition ranks, ascending (a tie repeats the rank)
   * @param noResult the match was abandoned or had no result
   */
  public static Result settle(ContestTerms terms, int[] ranks, boolean noResult) {
    int n = ranks.length;
    long fees = terms.entryFeeMinor() * n;
    long[] amounts = new long[n];
    Reason[] reasons = new Reason[n];
    if (noResult || n < terms.minEntries()) {
      Reason why = noResult ? Reason.REFUND_NO_RESULT : Reason.REFUND_UNDERFILLED;
      java.util.Arrays.fill(amounts, terms.entryFeeMinor());
      java.util.Arrays.fill(reasons, why);
      return new Result(noResult ? Status.REFUNDED_NO_RESULT : Status.CANCELLED_UNDERFILLED,
          amounts, reasons, fees, 0, 0, fees, 0, 0, 0);
    }
    if (n > terms.maxEntries()) {
      throw new IllegalArgumentException("contest " + terms.contestId() + " has " + n
          + " entries, more than its maximum " + terms.maxEntries());
    }
    boolean flexible = terms.kind() == ContestsTable.Kind.FLEXIBLE;
    // Each position's prize as paid: the table's, or for a flexible contest scaled to the entries
    // joined and rounded down.
    int lastPaid = terms.lastPaidPosition();
    long[] prize = new long[lastPaid + 1];
    long tablePool = 0;
    long roundedSum = 0;
    for (int p = 1; p <= lastPaid; p++) {
      tablePool += terms.prizeOf(p);
      prize[p] = flexible ? scale(terms.prizeOf(p), n, terms.maxEntries()) : terms.prizeOf(p);
      roundedSum += prize[p];
    }
    long pool = flexible ? scale(tablePool, n, terms.maxEntries()) : tablePool;
    long scalingRemainder = pool - roundedSum;
    long paid = 0;
    long tieRemainder = 0;
    int i = 0;
    while (i < n) {
      int rank = ranks[i];
      int j = i;
      while (j < n && ranks[j] == rank) {
        j++;
      }
      if (rank != i + 1) {
        throw new IllegalArgumentException("contest " + terms.contestId() + ": rank " + rank
            + " where position " + (i + 1) + " was expected; ranks must be competition ranks"
            + " (1224), in ascending order");
      }
      int tied = j - i;
      long tiedPool = 0;
      for (int p = i + 1; p <= j && p < prize.length; p++) {
        tiedPool += prize[p];
      }
      long each = tiedPool / tied;
      tieRemainder += tiedPool - each * tied;
      for (int k = i; k < j; k++) {
        amounts[k] = each;
        reasons[k] = each > 0 ? Reason.WINNING : Reason.NO_PRIZE;
        paid += each;
      }
      i = j;
    }
    // Positions the table pays that no entry reached stay unpaid: pool = paid + tie remainder +
    // scaling remainder + unreached prizes. Paying beyond the fees collected is the shortfall.
    long shortfall = Math.max(0, paid - fees);
    return new Result(Status.SETTLED, amounts, reasons, fees, pool, paid, 0, tieRemainder,
        scalingRemainder, shortfall);
  }

  /** floor(amount x joined / max), exactly. */
  static long scale(long amount, int joined, int max) {
    return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(joined))
        .divide(BigInteger.valueOf(max)).longValueExact();
  }
}
