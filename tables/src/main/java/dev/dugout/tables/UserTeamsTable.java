package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.user_teams}: fantasy teams: 11 players of one match, a captain, a vice-captain. */
public final class UserTeamsTable {
  private UserTeamsTable() {}

  public static final String TEAM_ID = "team_id";
  public static final String MATCH_ID = "match_id";
  public static final String USER_ID = "user_id";
  public static final String PLAYER_IDS = "player_ids";
  public static final String CAPTAIN_ID = "captain_id";
  public static final String VICE_CAPTAIN_ID = "vice_captain_id";
  public static final String SAVED_AT = "saved_at";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, TEAM_ID, Types.StringType.get()),
          required(2, MATCH_ID, Types.StringType.get()),
          required(3, USER_ID, Types.StringType.get()),
          required(4, PLAYER_IDS, Types.ListType.ofRequired(9, Types.StringType.get()),
              "the 11 players (registry ids)"),
          required(5, CAPTAIN_ID, Types.StringType.get(), "points x2"),
          required(6, VICE_CAPTAIN_ID, Types.StringType.get(), "points x1.5"),
          required(7, SAVED_AT, Types.TimestampType.withZone()),
          optional(8, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "user_teams"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(TEAM_ID).build(),
          TableProperties.standard(TableProperties.plainEncoded(Map.of(), TEAM_ID, USER_ID)),
          "Fantasy teams per match: 11 players, captain, vice-captain.",
          "identity(match_id): leaderboards load one match's teams at once.");
}
