package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.contests}: the contests of a match, their fee, size limits and prize table. */
public final class ContestsTable {
  private ContestsTable() {}

  public static final String CONTEST_ID = "contest_id";
  public static final String MATCH_ID = "match_id";
  public static final String NAME = "name";
  public static final String ENTRY_FEE_MINOR = "entry_fee_minor";
  public static final String CURRENCY = "currency";
  public static final String MIN_ENTRIES = "min_entries";
  public static final String MAX_ENTRIES = "max_entries";
  public static final String KIND = "kind";
  public static final String PRIZE_TABLE_ID = "prize_table_id";
  public static final String LOCKS_AT = "locks_at";
  public static final String RUN_ID = "run_id";

  /** INR for cash markets, COINS for free-to-play. */
  public enum Currency { INR, COINS }

  /** GUARANTEED pays the full table; FLEXIBLE scales the pool to the entries that joined. */
  public enum Kind { GUARANTEED, FLEXIBLE }

  public static final Schema SCHEMA =
      new Schema(
          required(1, CONTEST_ID, Types.StringType.get()),
          required(2, MATCH_ID, Types.StringType.get()),
          required(3, NAME, Types.StringType.get()),
          required(4, ENTRY_FEE_MINOR, Types.LongType.get(), "entry fee in minor units"),
          required(5, CURRENCY, Types.StringType.get(), "INR or COINS"),
          required(6, MIN_ENTRIES, Types.IntegerType.get()),
          required(7, MAX_ENTRIES, Types.IntegerType.get()),
          required(8, KIND, Types.StringType.get(), "GUARANTEED or FLEXIBLE"),
          required(9, PRIZE_TABLE_ID, Types.StringType.get()),
          required(10, LOCKS_AT, Types.TimestampType.withZone(), "no entries after this instant"),
          optional(11, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "contests"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(CONTEST_ID).build(),
          TableProperties.standard(Map.of()),
          "Contests per match: fee, currency, size limits, kind, prize table, lock time.",
          "identity(match_id): leaderboards and settlement load one match's contests.");
}
