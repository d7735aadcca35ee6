package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code gold.wallet_ledger}: append-only credits and debits. A correction is a new row with the
 * difference; no row is ever updated or deleted.
 */
public final class WalletLedgerTable {
  private WalletLedgerTable() {}

  public static final String LEDGER_ID = "ledger_id";
  public static final String USER_ID = "user_id";
  public static final String MATCH_ID = "match_id";
  public static final String CONTEST_ID = "contest_id";
  public static final String ENTRY_ID = "entry_id";
  public static final String SETTLEMENT_ID = "settlement_id";
  public static final String KIND = "kind";
  public static final String AMOUNT_MINOR = "amount_minor";
  public static final String CURRENCY = "currency";
  public static final String CREATED_AT = "created_at";

  /** WINNING and REFUND credit a settlement's payouts; CORRECTION is a rerun's difference. */
  public enum Kind { WINNING, REFUND, CORRECTION }

  public static final Schema SCHEMA =
      new Schema(
          required(1, LEDGER_ID, Types.StringType.get(), "settlement id / entry id / kind: unique"),
          required(2, USER_ID, Types.StringType.get()),
          required(3, MATCH_ID, Types.StringType.get()),
          required(4, CONTEST_ID, Types.StringType.get()),
          required(5, ENTRY_ID, Types.StringType.get()),
          required(6, SETTLEMENT_ID, Types.StringType.get()),
          required(7, KIND, Types.StringType.get(), "WINNING, REFUND or CORRECTION"),
          required(8, AMOUNT_MINOR, Types.LongType.get(), "signed: a correction may debit"),
          required(9, CURRENCY, Types.StringType.get()),
          required(10, CREATED_AT, Types.TimestampType.withZone()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("gold", "wallet_ledger"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(USER_ID).asc(CREATED_AT).build(),
          // Ledger and entry ids come in no useful order; user ids keep their bounds, which a
          // compaction in the sort order makes useful.
          TableProperties.standard(TableProperties.countsOnly(
              Map.of("write.distribution-mode", "none"), LEDGER_ID, ENTRY_ID)),
          "Wallet ledger: append-only credits and debits of winnings, refunds and corrections.",
          "identity(match_id): settlements write and audit one match; wallets read by user via"
              + " the user_id sort order's file stats.");
}
