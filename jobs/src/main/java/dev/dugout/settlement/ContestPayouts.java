package dev.dugout.settlement;

import dev.dugout.tables.ContestSettlementsTable.Status;
import dev.dugout.tables.PayoutsTable.Reason;

/**
 * The payout rules for one contest, on its entries' final ranks, walked entry by entry (the
 * settlement job applies the same {@link PrizeSchedule} to each entry on its own). Pure arithmetic
 * in minor units.
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
    PrizeSchedule schedule = PrizeSchedule.of(terms, n, noResult);
    long[] amounts = new long[n];
    Reason[] reasons = new Reason[n];
    long paid = 0;
    int i = 0;
    while (i < n) {
      int rank = ranks[i];
      int j = i;
      while (j < n && ranks[j] == rank) {
        j++;
      }
      if (schedule.refundReason() == null && rank != i + 1) {
        throw new IllegalArgumentException("contest " + terms.contestId() + ": rank " + rank
            + " where position " + (i + 1) + " was expected; ranks must be competition ranks"
            + " (1224), in ascending order");
      }
      for (int k = i; k < j; k++) {
        amounts[k] = schedule.amount(rank, j - i);
        reasons[k] = schedule.reason(amounts[k]);
        paid += amounts[k];
      }
      i = j;
    }
    PrizeSchedule.Account a = schedule.account(schedule.refundReason() == null ? paid : 0);
    return new Result(a.status(), amounts, reasons, a.feesCollected(), a.prizePool(), a.paid(),
        a.refunded(), a.tieRemainder(), a.scalingRemainder(), a.shortfall());
  }
}
