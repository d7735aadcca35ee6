package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.matches}: one row per match, its teams, toss, result and where it came from. */
public final class MatchesTable {
  private MatchesTable() {}

  public static final String MATCH_ID = "match_id";
  public static final String SOURCE = "source";
  public static final String REVISION = "revision";
  public static final String DATA_VERSION = "data_version";
  public static final String MATCH_DATE = "match_date";
  public static final String SEASON = "season";
  public static final String EVENT_NAME = "event_name";
  public static final String MATCH_NUMBER = "match_number";
  public static final String STAGE = "stage";
  public static final String MATCH_TYPE = "match_type";
  public static final String TEAM_1 = "team_1";
  public static final String TEAM_2 = "team_2";
  public static final String VENUE = "venue";
  public static final String CITY = "city";
  public static final String TOSS_WINNER = "toss_winner";
  public static final String TOSS_DECISION = "toss_decision";
  public static final String RESULT = "result";
  public static final String WINNER = "winner";
  public static final String WIN_BY_RUNS = "win_by_runs";
  public static final String WIN_BY_WICKETS = "win_by_wickets";
  public static final String RESULT_METHOD = "result_method";
  public static final String PLAYER_OF_MATCH = "player_of_match";
  public static final String BALLS_PER_OVER = "balls_per_over";
  public static final String SCHEDULED_OVERS = "scheduled_overs";
  public static final String SOURCE_FILE = "source_file";
  public static final String IMPORTED_AT = "imported_at";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, MATCH_ID, Types.StringType.get(), "Cricsheet id for real matches"),
          required(2, SOURCE, Types.StringType.get(), "where the match came from: cricsheet, feed"),
          required(3, REVISION, Types.IntegerType.get(), "source revision; higher replaces lower"),
          optional(4, DATA_VERSION, Types.StringType.get(), "source format version"),
          required(5, MATCH_DATE, Types.DateType.get()),
          optional(6, SEASON, Types.StringType.get()),
          optional(7, EVENT_NAME, Types.StringType.get()),
          optional(8, MATCH_NUMBER, Types.IntegerType.get()),
          optional(9, STAGE, Types.StringType.get(), "playoff stage, e.g. Final"),
          required(10, MATCH_TYPE, Types.StringType.get(), "T20, ODI, ..."),
          required(11, TEAM_1, Types.StringType.get()),
          required(12, TEAM_2, Types.StringType.get()),
          optional(13, VENUE, Types.StringType.get()),
          optional(14, CITY, Types.StringType.get()),
          optional(15, TOSS_WINNER, Types.StringType.get()),
          optional(16, TOSS_DECISION, Types.StringType.get()),
          required(17, RESULT, Types.StringType.get(), "win, tie, no result, draw"),
          optional(18, WINNER, Types.StringType.get(), "winner, or super-over winner of a tie"),
          optional(19, WIN_BY_RUNS, Types.IntegerType.get()),
          optional(20, WIN_BY_WICKETS, Types.IntegerType.get()),
          optional(21, RESULT_METHOD, Types.StringType.get(), "e.g. D/L"),
          optional(22, PLAYER_OF_MATCH, Types.StringType.get(), "registry id"),
          required(23, BALLS_PER_OVER, Types.IntegerType.get()),
          optional(24, SCHEDULED_OVERS, Types.IntegerType.get()),
          optional(25, SOURCE_FILE, Types.StringType.get()),
          required(26, IMPORTED_AT, Types.TimestampType.withZone()),
          required(27, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "matches"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).year(MATCH_DATE).build(),
          SortOrder.builderFor(SCHEMA).asc(MATCH_DATE).asc(MATCH_ID).build(),
          TableProperties.standard(Map.of()),
          "One row per match: teams, toss, result, source and revision.",
          "years(match_date): history queries pick seasons; a few hundred matches a year fill one file.");
}
