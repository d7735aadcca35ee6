package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.deliveries}: one row per delivery bowled, super overs included (flagged). */
public final class DeliveriesTable {
  private DeliveriesTable() {}

  public static final String MATCH_ID = "match_id";
  public static final String MATCH_DATE = "match_date";
  public static final String DELIVERY_SEQ = "delivery_seq";
  public static final String INNINGS = "innings";
  public static final String IS_SUPER_OVER = "is_super_over";
  public static final String BATTING_TEAM = "batting_team";
  public static final String OVER_NUMBER = "over_number";
  public static final String BALL_IN_OVER = "ball_in_over";
  public static final String BATTER_ID = "batter_id";
  public static final String BOWLER_ID = "bowler_id";
  public static final String NON_STRIKER_ID = "non_striker_id";
  public static final String RUNS_BATTER = "runs_batter";
  public static final String RUNS_EXTRAS = "runs_extras";
  public static final String RUNS_TOTAL = "runs_total";
  public static final String NON_BOUNDARY = "non_boundary";
  public static final String EXTRAS_WIDES = "extras_wides";
  public static final String EXTRAS_NOBALLS = "extras_noballs";
  public static final String EXTRAS_BYES = "extras_byes";
  public static final String EXTRAS_LEGBYES = "extras_legbyes";
  public static final String EXTRAS_PENALTY = "extras_penalty";
  public static final String WICKETS = "wickets";
  public static final String RUN_ID = "run_id";
  // Fields of a wicket.
  public static final String WICKET_KIND = "kind";
  public static final String PLAYER_OUT_ID = "player_out_id";
  public static final String FIELDERS = "fielders";
  // Fields of a fielder.
  public static final String FIELDER_ID = "fielder_id";
  public static final String FIELDER_NAME = "fielder_name";
  public static final String SUBSTITUTE = "substitute";
  public static final String IN_POOL = "in_pool";

  public static final Types.StructType FIELDER =
      Types.StructType.of(
          optional(28, FIELDER_ID, Types.StringType.get(), "registry id, when the source knows it"),
          required(29, FIELDER_NAME, Types.StringType.get()),
          required(30, SUBSTITUTE, Types.BooleanType.get(), "marked as a substitute fielder"),
          required(31, IN_POOL, Types.BooleanType.get(),
              "in the fielding side's pool; fielders outside it earn no points"));

  public static final Types.StructType WICKET =
      Types.StructType.of(
          required(24, WICKET_KIND, Types.StringType.get(), "caught, bowled, run out, ..."),
          required(25, PLAYER_OUT_ID, Types.StringType.get()),
          required(26, FIELDERS, Types.ListType.ofRequired(27, FIELDER)));

  public static final Schema SCHEMA =
      new Schema(
          required(1, MATCH_ID, Types.StringType.get()),
          required(2, MATCH_DATE, Types.DateType.get()),
          required(3, DELIVERY_SEQ, Types.IntegerType.get(),
              "1-based position of the delivery in the match, extras and super overs included"),
          required(4, INNINGS, Types.IntegerType.get(), "1-based, in playing order"),
          required(5, IS_SUPER_OVER, Types.BooleanType.get()),
          required(6, BATTING_TEAM, Types.StringType.get()),
          required(7, OVER_NUMBER, Types.IntegerType.get(), "0-based, as Cricsheet numbers overs"),
          required(8, BALL_IN_OVER, Types.IntegerType.get(), "1-based position in the over's list"),
          required(9, BATTER_ID, Types.StringType.get()),
          required(10, BOWLER_ID, Types.StringType.get()),
          required(11, NON_STRIKER_ID, Types.StringType.get()),
          required(12, RUNS_BATTER, Types.IntegerType.get()),
          required(13, RUNS_EXTRAS, Types.IntegerType.get()),
          required(14, RUNS_TOTAL, Types.IntegerType.get()),
          required(15, NON_BOUNDARY, Types.BooleanType.get(), "4 or 6 runs that were not a boundary"),
          required(16, EXTRAS_WIDES, Types.IntegerType.get()),
          required(17, EXTRAS_NOBALLS, Types.IntegerType.get()),
          required(18, EXTRAS_BYES, Types.IntegerType.get()),
          required(19, EXTRAS_LEGBYES, Types.IntegerType.get()),
          required(20, EXTRAS_PENALTY, Types.IntegerType.get()),
          required(21, WICKETS, Types.ListType.ofRequired(23, WICKET)),
          required(22, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "deliveries"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(DELIVERY_SEQ).build(),
          TableProperties.standard(Map.of()),
          "Ball-by-ball: one row per delivery, extras, wickets and fielders.",
          "identity(match_id): scoring and replays read one match in delivery order, and a"
              + " re-import replaces that partition by metadata alone.");
}
