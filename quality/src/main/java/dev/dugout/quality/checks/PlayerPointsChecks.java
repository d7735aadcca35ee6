package dev.dugout.quality.checks;

import static dev.dugout.tables.PlayerPointsTable.*;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.TableDefinition;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Checks of {@code gold.player_points}. */
public final class PlayerPointsChecks implements TableChecks {
  /** Pool +4, duck -2, strike rate -6, economy -6: a T20 player cannot go below -10; -50 is slack. */
  static final double MIN_POINTS = -50;
  /** A century with sixes plus a five-wicket haul stays far below 1000. */
  static final double MAX_POINTS = 1000;

  static final String IN_POOL = "in_pool";
  static final String BREAKDOWN_SUM = "breakdown_sum";
  static final String LAST_LIVE_POINTS = "last_live_points";

  @Override
  public TableDefinition table() {
    return PlayerPointsTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .complete(MATCH_ID, PLAYER_ID, POINTS, RULE_SET_ID)
            .unique(MATCH_ID, PLAYER_ID),
        TableCheck.error("points consistent")
            .between(POINTS, MIN_POINTS, MAX_POINTS)
            .holds("points equal the sum of the breakdown", POINTS + " = " + BREAKDOWN_SUM)
            .holds("points equal the live points after the last delivery",
                "size(" + POINTS_AFTER_DELIVERY + ") = 0 OR " + POINTS + " = " + LAST_LIVE_POINTS),
        TableCheck.error("players in match pool")
            .holds("every scored player is in the match pool", IN_POOL),
        TableCheck.error("roles").oneOf(ROLE,
            Arrays.stream(MatchPlayersTable.Role.values()).map(Enum::name).toList()));
  }

  @Override
  public Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
    Dataset<Row> points = read.apply(table());
    Dataset<Row> pool = read.apply(MatchPlayersTable.DEFINITION)
        .select(functions.col(MatchPlayersTable.MATCH_ID).as("pool_match_id"),
            functions.col(MatchPlayersTable.PLAYER_ID).as("pool_player_id"))
        .distinct();
    return points
        .join(pool, points.col(MATCH_ID).equalTo(pool.col("pool_match_id"))
            .and(points.col(PLAYER_ID).equalTo(pool.col("pool_player_id"))), "left")
        .withColumn(IN_POOL, functions.col("pool_player_id").isNotNull())
        .withColumn(BREAKDOWN_SUM, functions.expr("aggregate(map_values(" + BREAKDOWN + "), "
            + "CAST(0 AS DECIMAL(20,2)), (acc, x) -> CAST(acc + x AS DECIMAL(20,2)))"))
        .withColumn(LAST_LIVE_POINTS, functions.expr("element_at(" + POINTS_AFTER_DELIVERY + ", -1)"))
        .drop("pool_match_id", "pool_player_id");
  }
}
