package dev.dugout.quality.checks;

import static dev.dugout.tables.DeliveriesTable.*;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.TableDefinition;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Checks of {@code core.deliveries}. */
public final class DeliveriesChecks implements TableChecks {
  /** T20 has 2 innings plus super overs; a tied super over repeats. More means bad numbering. */
  static final int MAX_INNINGS = 10;
  /** Longest format (ODI) has 50 overs per innings, numbered from 0. */
  static final int MAX_OVER_NUMBER = 49;
  /** An over's list holds 6 balls plus extras; 30 entries would be a record by far. */
  static final int MAX_BALL_IN_OVER = 30;
  /** Batters can run at most a handful; 6 is a six, 7+ only with overthrows. */
  static final int MAX_RUNS_BATTER = 8;
  /** Per-delivery extras: 5 penalty runs, or wides/byes to the boundary plus a few run. */
  static final int MAX_EXTRAS = 10;

  /** Column the audit view adds: batter, bowler, non-striker and players out are in the pool. */
  static final String PLAYERS_IN_POOL = "players_in_pool";

  @Override
  public TableDefinition table() {
    return DeliveriesTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .complete(MATCH_ID, DELIVERY_SEQ, INNINGS, OVER_NUMBER, BATTER_ID, BOWLER_ID,
                NON_STRIKER_ID)
            .unique(MATCH_ID, DELIVERY_SEQ),
        TableCheck.error("value ranges")
            .between(INNINGS, 1, MAX_INNINGS)
            .between(OVER_NUMBER, 0, MAX_OVER_NUMBER)
            .between(BALL_IN_OVER, 1, MAX_BALL_IN_OVER)
            .between(RUNS_BATTER, 0, MAX_RUNS_BATTER)
            .between(RUNS_EXTRAS, 0, MAX_EXTRAS)
            .holds("runs add up", RUNS_TOTAL + " = " + RUNS_BATTER + " + " + RUNS_EXTRAS)
            .holds("extras add up", RUNS_EXTRAS + " = " + EXTRAS_WIDES + " + " + EXTRAS_NOBALLS
                + " + " + EXTRAS_BYES + " + " + EXTRAS_LEGBYES + " + " + EXTRAS_PENALTY)
            .holds("not both wide and no-ball",
                "NOT (" + EXTRAS_WIDES + " > 0 AND " + EXTRAS_NOBALLS + " > 0)"),
        TableCheck.error("players in match pool")
            .holds("batter, bowler, non-striker and players out are in the match pool",
                PLAYERS_IN_POOL));
  }

  /** Deliveries with {@value #PLAYERS_IN_POOL}, computed against the run's own pool. */
  @Override
  public Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
    Dataset<Row> pools = read.apply(MatchPlayersTable.DEFINITION)
        .groupBy(MatchPlayersTable.MATCH_ID)
        .agg(functions.collect_set(MatchPlayersTable.PLAYER_ID).as("pool_ids"));
    String inPool = "coalesce(array_contains(pool_ids, " + BATTER_ID + ")"
        + " AND array_contains(pool_ids, " + BOWLER_ID + ")"
        + " AND array_contains(pool_ids, " + NON_STRIKER_ID + ")"
        + " AND forall(" + WICKETS + ", w -> array_contains(pool_ids, w." + PLAYER_OUT_ID + ")),"
        + " false)";
    Dataset<Row> deliveries = read.apply(table());
    return deliveries
        .join(pools, deliveries.col(MATCH_ID).equalTo(pools.col(MatchPlayersTable.MATCH_ID)), "left")
        .drop(pools.col(MatchPlayersTable.MATCH_ID))
        .withColumn(PLAYERS_IN_POOL, functions.expr(inPool));
  }
}
