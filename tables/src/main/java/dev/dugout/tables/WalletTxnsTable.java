package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.wallet_txns}: the wallet service's transactions, as its events reported them. */
public final class WalletTxnsTable {
  private WalletTxnsTable() {}

  public static final String TXN_ID = "txn_id";
  public static final String USER_ID = "user_id";
  public static final String KIND = "kind";
  public static final String AMOUNT_MINOR = "amount_minor";
  public static final String CURRENCY = "currency";
  public static final String MATCH_ID = "match_id";
  public static final String CONTEST_ID = "contest_id";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String EVENT_ID = "event_id";
  public static final String RUN_ID = "run_id";

  public static final List<String> KINDS =
      List.of("DEPOSIT", "WITHDRAWAL", "ENTRY_FEE", "WINNING", "REFUND", "BONUS");

  public static final Schema SCHEMA =
      new Schema(
          required(1, TXN_ID, Types.StringType.get(), "the wallet's own id; dedup key"),
          required(2, USER_ID, Types.StringType.get()),
          required(3, KIND, Types.StringType.get(), String.join(", ", KINDS)),
          required(4, AMOUNT_MINOR, Types.LongType.get(), "positive, minor units"),
          required(5, CURRENCY, Types.StringType.get(), "INR, COINS"),
          optional(6, MATCH_ID, Types.StringType.get(), "for entry fees, winnings, refunds"),
          optional(7, CONTEST_ID, Types.StringType.get()),
          required(8, OCCURRED_AT, Types.TimestampType.withZone()),
          required(9, EVENT_ID, Types.StringType.get()),
          required(10, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "wallet_txns"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).day(OCCURRED_AT).build(),
          SortOrder.builderFor(SCHEMA).asc(USER_ID).asc(OCCURRED_AT).build(),
          TableProperties.standard(TableProperties.plainEncoded(Map.of(), TXN_ID, USER_ID,
              EVENT_ID)),
          "Wallet transactions (deposits, withdrawals, entry fees, winnings, refunds, bonuses).",
          "days(occurred_at): fraud features and reconciliation read recent days, by user.");
}
