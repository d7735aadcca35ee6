package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.contest_entries}: a team entered in a contest. */
public final class ContestEntriesTable {
  private ContestEntriesTable() {}

  public static final String ENTRY_ID = "entry_id";
  public static final String CONTEST_ID = "contest_id";
  public static final String MATCH_ID = "match_id";
  public static final String TEAM_ID = "team_id";
  public static final String USER_ID = "user_id";
  public static final String JOINED_AT = "joined_at";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, ENTRY_ID, Types.StringType.get()),
          required(2, CONTEST_ID, Types.StringType.get()),
          required(3, MATCH_ID, Types.StringType.get()),
          required(4, TEAM_ID, Types.StringType.get()),
          required(5, USER_ID, Types.StringType.get()),
          required(6, JOINED_AT, Types.TimestampType.withZone()),
          optional(7, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "contest_entries"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(CONTEST_ID).asc(ENTRY_ID).build(),
          TableProperties.standard(TableProperties.plainEncoded(Map.of(), ENTRY_ID, TEAM_ID,
              USER_ID)),
          "Contest entries: which team of which user is in which contest.",
          "identity(match_id): a leaderboard loads one match's entries, sorted by contest.");
}
