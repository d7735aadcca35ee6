package dev.dugout.quality.checks;

import static dev.dugout.tables.ContestSettlementsTable.*;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.TableDefinition;
import java.util.List;

/** Checks of {@code gold.contest_settlements}: the money adds up, per contest. */
public final class ContestSettlementsChecks implements TableChecks {
  @Override
  public TableDefinition table() {
    return ContestSettlementsTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .complete(SETTLEMENT_ID, MATCH_ID, CONTEST_ID, STATUS, PAID_MINOR, PRIZE_POOL_MINOR)
            .unique(SETTLEMENT_ID, CONTEST_ID),
        TableCheck.error("money")
            .holds("no negative figure", PAID_MINOR + " >= 0 AND " + REFUNDED_MINOR + " >= 0 AND "
                + TIE_REMAINDER_MINOR + " >= 0 AND " + SCALING_REMAINDER_MINOR + " >= 0 AND "
                + SHORTFALL_MINOR + " >= 0")
            .holds("paid, remainders and unreached prizes never exceed the pool",
                PAID_MINOR + " + " + TIE_REMAINDER_MINOR + " + " + SCALING_REMAINDER_MINOR
                    + " <= " + PRIZE_POOL_MINOR)
            .holds("nothing is paid beyond the fees collected except a recorded shortfall",
                PAID_MINOR + " <= " + FEES_COLLECTED_MINOR + " + " + SHORTFALL_MINOR)
            // A flexible contest's pool scales with who joined: paying beyond its fees means a
            // prize table set above them, not a guarantee kept.
            .holds("only a guaranteed contest records a shortfall",
                SHORTFALL_MINOR + " = 0 OR " + KIND + " = 'GUARANTEED'")
            .holds("a cancelled or refunded contest pays no prize and refunds every fee",
                STATUS + " = 'SETTLED' OR (" + PAID_MINOR + " = 0 AND " + REFUNDED_MINOR + " = "
                    + FEES_COLLECTED_MINOR + ")"));
  }
}
