package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code gold.leaderboard}: every entry's team points and rank as of a delivery. */
public final class LeaderboardTable {
  private LeaderboardTable() {}

  public static final String MATCH_ID = "match_id";
  public static final String AS_OF_DELIVERY = "as_of_delivery";
  public static final String CONTEST_ID = "contest_id";
  public static final String ENTRY_ID = "entry_id";
  public static final String TEAM_ID = "team_id";
  public static final String USER_ID = "user_id";
  public static final String POINTS = "points";
  public static final String RANK = "rank";
  public static final String PREVIOUS_RANK = "previous_rank";
  public static final String COMPUTED_AT = "computed_at";
  public static final String RUN_ID = "run_id";
  public static final String TIED = "tied";

  /** Team points: two places suffice for x1.5 of whole or half points; exact, never floats. */
  public static final Types.DecimalType POINTS_TYPE = Types.DecimalType.of(10, 2);

  public static final Schema SCHEMA =
      new Schema(
          required(1, MATCH_ID, Types.StringType.get()),
          required(2, AS_OF_DELIVERY, Types.IntegerType.get(),
              "the delivery_seq the points are as of; the final board is the last delivery"),
          required(3, CONTEST_ID, Types.StringType.get()),
          required(4, ENTRY_ID, Types.StringType.get()),
          required(5, TEAM_ID, Types.StringType.get()),
          required(6, USER_ID, Types.StringType.get()),
          required(7, POINTS, POINTS_TYPE),
          required(8, RANK, Types.IntegerType.get(), "competition ranking: ties share the best rank"),
          optional(9, PREVIOUS_RANK, Types.IntegerType.get(), "rank at the previous refresh"),
          required(10, COMPUTED_AT, Types.TimestampType.withZone()),
          required(11, RUN_ID, Types.StringType.get()),
          optional(12, TIED, Types.IntegerType.get(), "entries of the contest sharing this rank"
              + " (1 when none); they occupy positions rank to rank + tied - 1"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("gold", "leaderboard"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).identity(AS_OF_DELIVERY).build(),
          SortOrder.builderFor(SCHEMA).asc(CONTEST_ID).asc(RANK).build(),
          // Each write is one (match, as-of) partition: hash distribution by partition would send
          // all of a board's millions of rows to one writer task.
          TableProperties.standard(TableProperties.countsOnly(
              Map.of("write.distribution-mode", "none"), ENTRY_ID, TEAM_ID, USER_ID)),
          "Leaderboards: per entry its team points and rank as of a delivery.",
          "identity(match_id, as_of_delivery): apps and settlement read one board of one match,"
              + " and a refresh replaces exactly its own partition.");
}
