package dev.dugout.settlement;

import static dev.dugout.tables.ContestsTable.Currency.INR;
import static dev.dugout.tables.ContestsTable.Kind.FLEXIBLE;
import static dev.dugout.tables.ContestsTable.Kind.GUARANTEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.settlement.ContestTerms.PrizeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The packed schedules executors pay from, on the hand-worked examples of {@link
 * ContestPayoutsTest}, side by side in one pack so that each contest's slice must be found at its
 * own offset.
 */
class PackedSchedulesTest {
  // Rs 50 to enter, 10 places. 1st Rs 200, 2nd Rs 100, 3rd to 5th Rs 50 each; nine joined.
  static final ContestTerms TEN = new ContestTerms("ten", INR, 5000, 2, 10, GUARANTEED, List.of(
      new PrizeRange(1, 1, 20000), new PrizeRange(2, 2, 10000), new PrizeRange(3, 5, 5000)));
  // Rs 10 to enter, 10 places, prizes 40.01, 25.03, 14.99; five joined: scaled by 5/10.
  static final ContestTerms FLEX = new ContestTerms("flex", INR, 1000, 2, 10, FLEXIBLE, List.of(
      new PrizeRange(1, 1, 4001), new PrizeRange(2, 2, 2503), new PrizeRange(3, 3, 1499)));
  // Rs 25, at least 4 entries; two joined: cancelled.
  static final ContestTerms SMALL = new ContestTerms("small", INR, 2500, 4, 6, GUARANTEED,
      List.of(new PrizeRange(1, 1, 9000)));

  final PackedSchedules packed = PackedSchedules.of(new PrizeSchedule[] {
      PrizeSchedule.of(FLEX, 5, false), PrizeSchedule.of(SMALL, 2, false),
      PrizeSchedule.of(TEN, 9, false)});

  @Test
  void eachContestIsPaidFromItsOwnSlice() {
    // Ranks 1, 2, 2, 4, 5, 5, 5 of "ten": 20000; (10000 + 5000) / 2; 5000; 5000 / 3; nothing.
    assertThat(packed.amount(2, 1, 1)).isEqualTo(20000);
    assertThat(packed.amount(2, 2, 2)).isEqualTo(7500);
    assertThat(packed.amount(2, 4, 1)).isEqualTo(5000);
    assertThat(packed.amount(2, 5, 3)).isEqualTo(1666);
    assertThat(packed.amount(2, 8, 1)).isZero();
    // "flex": 4001, 2503, 1499 scaled by 5/10 and rounded down.
    assertThat(packed.amount(0, 1, 1)).isEqualTo(2000);
    assertThat(packed.amount(0, 2, 1)).isEqualTo(1251);
    assertThat(packed.amount(0, 3, 1)).isEqualTo(749);
    assertThat(packed.amount(0, 4, 1)).isZero();
    // A tie of the 2nd and 3rd of "flex": (1251 + 749) / 2.
    assertThat(packed.amount(0, 2, 2)).isEqualTo(1000);
  }

  @Test
  void aCancelledContestRefundsItsFeeWhateverTheRank() {
    assertThat(packed.refunds(1)).isTrue();
    assertThat(packed.refunds(0)).isFalse();
    assertThat(packed.refundOf(1)).isEqualTo(2500);
    assertThat(packed.amount(1, 1, 1)).isEqualTo(2500);
    assertThatThrownBy(() -> packed.refundOf(2)).hasMessageContaining("ten");
  }

  @Test
  void aRankTheContestCannotHaveNamesTheContest() {
    // "flex" has five entries: a tie of two at rank 5 would need a sixth.
    assertThatThrownBy(() -> packed.amount(0, 5, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contest flex (5 entries): rank 5 tied 2");
  }
}
