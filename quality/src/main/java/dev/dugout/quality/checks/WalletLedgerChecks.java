package dev.dugout.quality.checks;

import static dev.dugout.tables.WalletLedgerTable.*;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.WalletLedgerTable;
import java.util.List;

/** Checks of {@code gold.wallet_ledger}: unique ids, credits positive, corrections non-zero. */
public final class WalletLedgerChecks implements TableChecks {
  @Override
  public TableDefinition table() {
    return WalletLedgerTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .complete(LEDGER_ID, USER_ID, MATCH_ID, ENTRY_ID, SETTLEMENT_ID, KIND, AMOUNT_MINOR)
            .unique(LEDGER_ID)
            .oneOf(KIND, List.of("WINNING", "REFUND", "CORRECTION")),
        TableCheck.error("money")
            .holds("winnings and refunds are credits",
                KIND + " = 'CORRECTION' OR " + AMOUNT_MINOR + " > 0")
            .holds("a correction changes something", KIND + " <> 'CORRECTION' OR " + AMOUNT_MINOR
                + " <> 0"));
  }
}
