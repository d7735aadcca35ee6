package dev.dugout.settlement;

import static dev.dugout.tables.ContestsTable.Currency.COINS;
import static dev.dugout.tables.ContestsTable.Currency.INR;
import static dev.dugout.tables.ContestsTable.Kind.FLEXIBLE;
import static dev.dugout.tables.ContestsTable.Kind.GUARANTEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.settlement.ContestTerms.PrizeRange;
import dev.dugout.tables.ContestSettlementsTable.Status;
import dev.dugout.tables.PayoutsTable.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Payout rules on examples worked by hand (amounts in minor units: paise, or coins). */
class ContestPayoutsTest {

  @Test
  void tiesAcrossAPrizeBoundaryPoolThePositionsTheyOccupy() {
    // Rs 50 to enter, 10 places. Prizes: 1st Rs 200, 2nd Rs 100, 3rd to 5th Rs 50 each.
    ContestTerms terms = new ContestTerms("c", INR, 5000, 2, 10, GUARANTEED, List.of(
        new PrizeRange(1, 1, 20000), new PrizeRange(2, 2, 10000), new PrizeRange(3, 5, 5000)));
    // Nine entries ranked 1, 2, 2, 4, 5, 5, 5, 8, 9.
    var r = ContestPayouts.settle(terms, new int[] {1, 2, 2, 4, 5, 5, 5, 8, 9}, false);
    // 1st: position 1 = 20000.
    // The two 2nds occupy positions 2 and 3: (10000 + 5000) / 2 = 7500 each.
    // 4th: position 4 = 5000.
    // The three 5ths occupy positions 5, 6, 7, only 5 paid: 5000 / 3 = 1666 each, 2 left over.
    // 8th and 9th: nothing.
    assertThat(r.amounts()).containsExactly(20000, 7500, 7500, 5000, 1666, 1666, 1666, 0, 0);
    assertThat(r.reasons()).containsExactly(Reason.WINNING, Reason.WINNING, Reason.WINNING,
        Reason.WINNING, Reason.WINNING, Reason.WINNING, Reason.WINNING, Reason.NO_PRIZE,
        Reason.NO_PRIZE);
    assertThat(r.status()).isEqualTo(Status.SETTLED);
    assertThat(r.paid()).isEqualTo(44998);
    assertThat(r.tieRemainder()).isEqualTo(2);
    assertThat(r.prizePool()).isEqualTo(45000);          // 20000 + 10000 + 3 x 5000
    assertThat(r.feesCollected()).isEqualTo(45000);      // 9 x 5000
    assertThat(r.shortfall()).isZero();
    assertThat(r.scalingRemainder()).isZero();
  }

  @Test
  void aTieForFirstInAHeadToHeadSplitsTheWinnersPrize() {
    // Rs 100 each, the winner takes Rs 170.
    ContestTerms cash = new ContestTerms("h2h", INR, 10000, 2, 2, GUARANTEED,
        List.of(new PrizeRange(1, 1, 17000)));
    var r = ContestPayouts.settle(cash, new int[] {1, 1}, false);
    // Both occupy positions 1 and 2: (17000 + 0) / 2 = 8500 each.
    assertThat(r.amounts()).containsExactly(8500, 8500);
    assertThat(r.tieRemainder()).isZero();
    // Free to play, 9 coins to the winner: 4 each, 1 coin recorded as the remainder.
    ContestTerms coins = new ContestTerms("h2h-coins", COINS, 0, 2, 2, GUARANTEED,
        List.of(new PrizeRange(1, 1, 9)));
    var c = ContestPayouts.settle(coins, new int[] {1, 1}, false);
    assertThat(c.amounts()).containsExactly(4, 4);
    assertThat(c.tieRemainder()).isEqualTo(1);
    assertThat(c.shortfall()).as("nothing was collected, 8 coins paid").isEqualTo(8);
  }

  @Test
  void aFlexibleContestHalfFilledPaysHalfOfEachPrizeRoundedDown() {
    // Rs 10 to enter, 10 places, prizes 40.01, 25.03, 14.99; five joined.
    ContestTerms terms = new ContestTerms("flex", INR, 1000, 2, 10, FLEXIBLE, List.of(
        new PrizeRange(1, 1, 4001), new PrizeRange(2, 2, 2503), new PrizeRange(3, 3, 1499)));
    var r = ContestPayouts.settle(terms, new int[] {1, 2, 3, 4, 5}, false);
    // Scaled by 5/10 and rounded down: 2000.5 -> 2000, 1251.5 -> 1251, 749.5 -> 749.
    assertThat(r.amounts()).containsExactly(2000, 1251, 749, 0, 0);
    // The pool scaled as a whole: 8003 x 5/10 = 4001.5 -> 4001; the prizes sum to 4000.
    assertThat(r.prizePool()).isEqualTo(4001);
    assertThat(r.paid()).isEqualTo(4000);
    assertThat(r.scalingRemainder()).isEqualTo(1);
    assertThat(r.shortfall()).isZero();                  // 5000 collected
  }

  @Test
  void aGuaranteedContestThatDidNotFillPaysInFullAndRecordsTheShortfall() {
    ContestTerms terms = new ContestTerms("g", INR, 1000, 2, 10, GUARANTEED, List.of(
        new PrizeRange(1, 1, 5000), new PrizeRange(2, 2, 3000)));
    var r = ContestPayouts.settle(terms, new int[] {1, 2, 3}, false);
    assertThat(r.amounts()).containsExactly(5000, 3000, 0);
    assertThat(r.feesCollected()).isEqualTo(3000);
    assertThat(r.shortfall()).isEqualTo(5000);          // 8000 paid, 3000 collected
  }

  @Test
  void aContestUnderItsMinimumIsCancelledAndEveryEntryRefunded() {
    ContestTerms terms = new ContestTerms("small", INR, 2500, 4, 10, GUARANTEED,
        List.of(new PrizeRange(1, 1, 8000)));
    var r = ContestPayouts.settle(terms, new int[] {1, 2, 3}, false);
    assertThat(r.status()).isEqualTo(Status.CANCELLED_UNDERFILLED);
    assertThat(r.amounts()).containsExactly(2500, 2500, 2500);
    assertThat(r.reasons()).containsOnly(Reason.REFUND_UNDERFILLED);
    assertThat(r.refunded()).isEqualTo(7500);
    assertThat(r.paid()).isZero();
  }

  @Test
  void aMatchWithNoResultRefundsEveryContest() {
    ContestTerms terms = new ContestTerms("any", INR, 4900, 2, 100, FLEXIBLE,
        List.of(new PrizeRange(1, 3, 10000)));
    var r = ContestPayouts.settle(terms, new int[] {1, 2, 2}, true);
    assertThat(r.status()).isEqualTo(Status.REFUNDED_NO_RESULT);
    assertThat(r.amounts()).containsExactly(4900, 4900, 4900);
    assertThat(r.reasons()).containsOnly(Reason.REFUND_NO_RESULT);
  }

  @Test
  void ranksThatAreNotCompetitionRanksAreRefused() {
    ContestTerms terms = new ContestTerms("c9", INR, 100, 2, 10, GUARANTEED,
        List.of(new PrizeRange(1, 1, 500)));
    assertThatThrownBy(() -> ContestPayouts.settle(terms, new int[] {1, 1, 2}, false))
        .hasMessageContaining("contest c9: rank 2 where position 3 was expected");
    assertThatThrownBy(() -> new ContestTerms("c8", INR, 100, 2, 10, GUARANTEED, List.of(
        new PrizeRange(1, 3, 500), new PrizeRange(3, 4, 100))))
        .hasMessageContaining("overlap");
  }

  @Test
  void aPrizeTableBeyond64BitMinorUnitsIsRefusedNamingTheContest() {
    // 2 x 10^18 paise to each of ten positions: the pool does not fit in a long.
    ContestTerms terms = new ContestTerms("huge", INR, 100, 0, 10, GUARANTEED,
        List.of(new PrizeRange(1, 10, 2_000_000_000_000_000_000L)));
    assertThatThrownBy(() -> PrizeSchedule.of(terms, 10, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contest huge: its prize table")
        .hasMessageContaining("more than 64-bit minor units");
  }

  /**
   * The brute force's reading of a prize table: position {@code p}'s prize is the amount of the
   * range holding it, none beyond the contest's maximum entries.
   */
  static long prizeOf(ContestTerms terms, int p) {
    if (p > terms.maxEntries()) {
      return 0;
    }
    for (PrizeRange r : terms.prizes()) {
      if (p >= r.from() && p <= r.to()) {
        return r.amountMinor();
      }
    }
    return 0;
  }

  @Test
  void eachEntryPaidFromItsRankAndTieAloneAgreesWithPoolingPositionByPosition() {
    java.util.Random random = new java.util.Random(7);
    for (int round = 0; round < 2000; round++) {
      int max = 2 + random.nextInt(60);
      int n = 1 + random.nextInt(max);
      List<PrizeRange> prizes = new java.util.ArrayList<>();
      int from = 1;
      while (from <= max && random.nextInt(4) > 0) {
        int to = Math.min(max + 3, from + random.nextInt(5));
        prizes.add(new PrizeRange(from, to, random.nextInt(10_000)));
        from = to + 1 + random.nextInt(3);
      }
      ContestTerms terms = new ContestTerms("r" + round, INR, random.nextInt(500), 0, max,
          random.nextBoolean() ? FLEXIBLE : GUARANTEED, prizes);
      // Random competition ranks: groups of 1 to 4 tied entries.
      int[] ranks = new int[n];
      for (int i = 0; i < n; ) {
        int k = Math.min(n - i, 1 + random.nextInt(4));
        java.util.Arrays.fill(ranks, i, i + k, i + 1);
        i += k;
      }
      // Brute force: every position's prize as paid, then each group pools its positions.
      long[] position = new long[n + 1];
      for (int p = 1; p <= n; p++) {
        long prize = prizeOf(terms, p);
        position[p] = terms.kind() == FLEXIBLE ? prize * n / max : prize;
      }
      long[] expected = new long[n];
      long remainder = 0;
      for (int i = 0; i < n; ) {
        int j = i;
        while (j < n && ranks[j] == ranks[i]) {
          j++;
        }
        long pooled = 0;
        for (int p = i + 1; p <= j; p++) {
          pooled += position[p];
        }
        java.util.Arrays.fill(expected, i, j, pooled / (j - i));
        remainder += pooled % (j - i);
        i = j;
      }
      // The pool: the whole table (every position up to the contest's maximum), scaled as a whole
      // for a flexible contest; the scaling remainder is that less the positions' rounded prizes.
      long table = 0;
      long rounded = 0;
      for (int p = 1; p <= max; p++) {
        table += prizeOf(terms, p);
        rounded += terms.kind() == FLEXIBLE ? prizeOf(terms, p) * n / max : prizeOf(terms, p);
      }
      long pool = terms.kind() == FLEXIBLE ? table * n / max : table;
      var r = ContestPayouts.settle(terms, ranks, false);
      assertThat(r.amounts()).as("round %d", round).containsExactly(expected);
      assertThat(r.tieRemainder()).as("round %d", round).isEqualTo(remainder);
      assertThat(r.paid()).isEqualTo(java.util.Arrays.stream(expected).sum());
      assertThat(r.prizePool()).as("round %d", round).isEqualTo(pool);
      assertThat(r.scalingRemainder()).as("round %d", round).isEqualTo(pool - rounded);
    }
  }
}
