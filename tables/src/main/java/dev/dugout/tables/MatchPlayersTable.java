package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.match_players}: the player pool of each match (everybody listed for either team). */
public final class MatchPlayersTable {
  private MatchPlayersTable() {}

  public static final String MATCH_ID = "match_id";
  public static final String MATCH_DATE = "match_date";
  public static final String PLAYER_ID = "player_id";
  public static final String PLAYER_NAME = "player_name";
  public static final String TEAM = "team";
  public static final String ROLE = "role";
  public static final String SUBSTITUTE_REASON = "substitute_reason";
  public static final String REPLACED_PLAYER_ID = "replaced_player_id";
  public static final String RUN_ID = "run_id";

  /** Roles; Cricsheet has none, so its players are UNKNOWN (scored as "not BOWL"). */
  public enum Role { BAT, BOWL, AR, WK, UNKNOWN }

  public static final Schema SCHEMA =
      new Schema(
          required(1, MATCH_ID, Types.StringType.get()),
          required(2, MATCH_DATE, Types.DateType.get()),
          required(3, PLAYER_ID, Types.StringType.get(), "registry id of the data source"),
          required(4, PLAYER_NAME, Types.StringType.get(), "name as the source spells it"),
          required(5, TEAM, Types.StringType.get()),
          required(6, ROLE, Types.StringType.get(), "BAT, BOWL, AR, WK or UNKNOWN"),
          optional(7, SUBSTITUTE_REASON, Types.StringType.get(),
              "impact_player, concussion_substitute, ... when the player came in as a replacement"),
          optional(8, REPLACED_PLAYER_ID, Types.StringType.get()),
          required(9, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "match_players"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(TEAM).asc(PLAYER_ID).build(),
          TableProperties.standard(Map.of()),
          "Player pool per match: team, role, registry id, name.",
          "identity(match_id): every reader asks for one match's pool, and a re-import replaces"
              + " that partition by metadata alone.");
}
