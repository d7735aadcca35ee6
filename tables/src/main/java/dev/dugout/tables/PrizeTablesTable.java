package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.prize_tables}: rank ranges to amounts, one row per range. */
public final class PrizeTablesTable {
  private PrizeTablesTable() {}

  public static final String PRIZE_TABLE_ID = "prize_table_id";
  public static final String MATCH_ID = "match_id";
  public static final String RANK_FROM = "rank_from";
  public static final String RANK_TO = "rank_to";
  public static final String AMOUNT_MINOR = "amount_minor";
  public static final String CURRENCY = "currency";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, PRIZE_TABLE_ID, Types.StringType.get()),
          required(2, MATCH_ID, Types.StringType.get()),
          required(3, RANK_FROM, Types.IntegerType.get(), "first rank of the range, 1-based"),
          required(4, RANK_TO, Types.IntegerType.get(), "last rank of the range, inclusive"),
          required(5, AMOUNT_MINOR, Types.LongType.get(), "prize per rank in the range, minor units"),
          required(6, CURRENCY, Types.StringType.get()),
          optional(7, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "prize_tables"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(PRIZE_TABLE_ID).asc(RANK_FROM).build(),
          TableProperties.standard(Map.of()),
          "Prize tables: rank ranges to amounts per rank.",
          "identity(match_id): settlement reads one match's prize tables with its contests.");
}
