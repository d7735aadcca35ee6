package dev.dugout.settlement;

import dev.dugout.tables.ContestsTable;
import java.io.Serializable;
import java.util.List;

/**
 * What a contest promised: its fee, size limits, kind and prize table (amounts per rank, minor
 * units of its currency).
 */
public record ContestTerms(String contestId, ContestsTable.Currency currency, long entryFeeMinor,
    int minEntries, int maxEntries, ContestsTable.Kind kind, List<PrizeRange> prizes)
    implements Serializable {

  /** Ranks {@code from} to {@code to} (inclusive, 1-based) are each paid {@code amountMinor}. */
  public record PrizeRange(int from, int to, long amountMinor) implements Serializable {
    public PrizeRange {
      if (from < 1 || to < from || amountMinor < 0) {
        throw new IllegalArgumentException("prize range " + from + "-" + to + " of " + amountMinor
            + ": ranks are 1-based, from <= to, and amounts are not negative");
      }
    }
  }

  public ContestTerms {
    prizes = List.copyOf(prizes);
    if (entryFeeMinor < 0 || minEntries < 0 || maxEntries < 1 || minEntries > maxEntries) {
      throw new IllegalArgumentException("contest " + contestId + ": fee " + entryFeeMinor
          + ", entries " + minEntries + "-" + maxEntries + " are not valid terms");
    }
    for (int i = 0; i < prizes.size(); i++) {
      for (int j = i + 1; j < prizes.size(); j++) {
        if (prizes.get(i).from() <= prizes.get(j).to() && prizes.get(j).from() <= prizes.get(i).to()) {
          throw new IllegalArgumentException("contest " + contestId + ": prize ranges "
              + prizes.get(i) + " and " + prizes.get(j) + " overlap");
        }
      }
    }
  }

  /** The last position the table pays (0 if none). */
  public int lastPaidPosition() {
    int last = 0;
    for (PrizeRange r : prizes) {
      if (r.amountMinor() > 0) {
        last = Math.max(last, Math.min(r.to(), maxEntries));
      }
    }
    return last;
  }
}
