package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code gold.payouts}: what each entry of a settled match is paid or refunded, per settlement. */
public final class PayoutsTable {
  private PayoutsTable() {}

  public static final String SETTLEMENT_ID = "settlement_id";
  public static final String MATCH_ID = "match_id";
  public static final String CONTEST_ID = "contest_id";
  public static final String ENTRY_ID = "entry_id";
  public static final String USER_ID = "user_id";
  public static final String RANK = "rank";
  public static final String AMOUNT_MINOR = "amount_minor";
  public static final String CURRENCY = "currency";
  public static final String REASON = "reason";

  /** Why an entry gets what it gets. */
  public enum Reason { WINNING, NO_PRIZE, REFUND_UNDERFILLED, REFUND_NO_RESULT }

  public static final Schema SCHEMA =
      new Schema(
          required(1, SETTLEMENT_ID, Types.StringType.get()),
          required(2, MATCH_ID, Types.StringType.get()),
          required(3, CONTEST_ID, Types.StringType.get()),
          required(4, ENTRY_ID, Types.StringType.get()),
          required(5, USER_ID, Types.StringType.get()),
          optional(6, RANK, Types.IntegerType.get(), "final rank; null when the match had no result"),
          required(7, AMOUNT_MINOR, Types.LongType.get(), "prize or refund in minor units, never negative"),
          required(8, CURRENCY, Types.StringType.get(), "INR or COINS"),
          required(9, REASON, Types.StringType.get(), "WINNING, NO_PRIZE, REFUND_UNDERFILLED, REFUND_NO_RESULT"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("gold", "payouts"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(SETTLEMENT_ID).asc(CONTEST_ID).asc(RANK).build(),
          TableProperties.standard(TableProperties.countsOnly(
              Map.of("write.distribution-mode", "none"), ENTRY_ID, USER_ID)),
          "Payouts: one row per entry of a settled match and settlement.",
          "identity(match_id): a settlement, its rerun and its diff read one match.");
}
