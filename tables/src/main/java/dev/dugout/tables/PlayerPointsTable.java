package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code gold.player_points}: fantasy points per player and match, with each rule's contribution
 * and the cumulative points as of every delivery (for live leaderboards at any moment).
 */
public final class PlayerPointsTable {
  private PlayerPointsTable() {}

  public static final String MATCH_ID = "match_id";
  public static final String MATCH_DATE = "match_date";
  public static final String PLAYER_ID = "player_id";
  public static final String PLAYER_NAME = "player_name";
  public static final String TEAM = "team";
  public static final String ROLE = "role";
  public static final String RULE_SET_ID = "rule_set_id";
  public static final String POINTS = "points";
  public static final String BREAKDOWN = "breakdown";
  public static final String STATS = "stats";
  public static final String POINTS_AFTER_DELIVERY = "points_after_delivery";
  public static final String SCORED_AT = "scored_at";
  public static final String RUN_ID = "run_id";

  /** Points are decimals with two places: team points (x1.5) must never be binary floats. */
  public static final Types.DecimalType POINTS_TYPE = Types.DecimalType.of(9, 2);

  public static final Schema SCHEMA =
      new Schema(
          required(1, MATCH_ID, Types.StringType.get()),
          required(2, MATCH_DATE, Types.DateType.get()),
          required(3, PLAYER_ID, Types.StringType.get()),
          required(4, PLAYER_NAME, Types.StringType.get()),
          required(5, TEAM, Types.StringType.get()),
          required(6, ROLE, Types.StringType.get()),
          required(7, RULE_SET_ID, Types.StringType.get()),
          required(8, POINTS, POINTS_TYPE, "final total; equals the sum of the breakdown"),
          required(9, BREAKDOWN, Types.MapType.ofRequired(14, 15, Types.StringType.get(), POINTS_TYPE),
              "rule id -> points it contributed (non-zero rules only)"),
          required(10, STATS, Types.MapType.ofRequired(16, 17, Types.StringType.get(),
              Types.IntegerType.get()), "the stat line the points were computed from"),
          required(11, POINTS_AFTER_DELIVERY, Types.ListType.ofRequired(18, POINTS_TYPE),
              "element i: total points after delivery_seq i+1 of the match"),
          required(12, SCORED_AT, Types.TimestampType.withZone()),
          required(13, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("gold", "player_points"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).desc(POINTS).asc(PLAYER_ID).build(),
          TableProperties.standard(Map.of()),
          "Fantasy points per player and match: total, breakdown, points as of every delivery.",
          "identity(match_id): leaderboards and settlement read one match; date-range history"
              + " prunes by match_date file statistics, since each file holds one match.");
}
