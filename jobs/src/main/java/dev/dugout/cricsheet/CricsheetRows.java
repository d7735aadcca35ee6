package dev.dugout.cricsheet;

import dev.dugout.scoring.Delivery;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.RowBuilder;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Turns a parsed match into rows of core.matches, core.match_players and core.deliveries. */
public final class CricsheetRows {
  private CricsheetRows() {}

  public static Row match(CricsheetMatch m, Timestamp importedAt, String runId) {
    return new RowBuilder(MatchesTable.DEFINITION)
        .set(MatchesTable.MATCH_ID, m.matchId())
        .set(MatchesTable.SOURCE, "cricsheet")
        .set(MatchesTable.REVISION, m.revision())
        .set(MatchesTable.DATA_VERSION, m.dataVersion())
        .set(MatchesTable.MATCH_DATE, Date.valueOf(m.matchDate()))
        .set(MatchesTable.SEASON, m.season())
        .set(MatchesTable.EVENT_NAME, m.eventName())
        .set(MatchesTable.MATCH_NUMBER, m.matchNumber())
        .set(MatchesTable.STAGE, m.stage())
        .set(MatchesTable.MATCH_TYPE, m.matchType())
        .set(MatchesTable.TEAM_1, m.team1())
        .set(MatchesTable.TEAM_2, m.team2())
        .set(MatchesTable.VENUE, m.venue())
        .set(MatchesTable.CITY, m.city())
        .set(MatchesTable.TOSS_WINNER, m.tossWinner())
        .set(MatchesTable.TOSS_DECISION, m.tossDecision())
        .set(MatchesTable.RESULT, m.result())
        .set(MatchesTable.WINNER, m.winner())
        .set(MatchesTable.WIN_BY_RUNS, m.winByRuns())
        .set(MatchesTable.WIN_BY_WICKETS, m.winByWickets())
        .set(MatchesTable.RESULT_METHOD, m.resultMethod())
        .set(MatchesTable.PLAYER_OF_MATCH, m.playerOfMatchId())
        .set(MatchesTable.BALLS_PER_OVER, m.ballsPerOver())
        .set(MatchesTable.SCHEDULED_OVERS, m.scheduledOvers())
        .set(MatchesTable.SOURCE_FILE, m.sourceFile())
        .set(MatchesTable.IMPORTED_AT, importedAt)
        .set(MatchesTable.RUN_ID, runId)
        .build();
  }

  public static List<Row> players(CricsheetMatch m, String runId) {
    RowBuilder row = new RowBuilder(MatchPlayersTable.DEFINITION);
    List<Row> rows = new ArrayList<>();
    for (CricsheetMatch.PoolEntry p : m.pool()) {
      rows.add(row
          .set(MatchPlayersTable.MATCH_ID, m.matchId())
          .set(MatchPlayersTable.MATCH_DATE, Date.valueOf(m.matchDate()))
          .set(MatchPlayersTable.PLAYER_ID, p.playerId())
          .set(MatchPlayersTable.PLAYER_NAME, p.name())
          .set(MatchPlayersTable.TEAM, p.team())
          // Cricsheet has no roles; a roles file can refine this later.
          .set(MatchPlayersTable.ROLE, MatchPlayersTable.Role.UNKNOWN.name())
          .set(MatchPlayersTable.SUBSTITUTE_REASON, p.substituteReason())
          .set(MatchPlayersTable.REPLACED_PLAYER_ID, p.replacedPlayerId())
          .set(MatchPlayersTable.RUN_ID, runId)
          .build());
    }
    return rows;
  }

  public static List<Row> deliveries(CricsheetMatch m, String runId) {
    Map<String, String> teamOf = new HashMap<>();
    for (CricsheetMatch.PoolEntry p : m.pool()) {
      teamOf.put(p.playerId(), p.team());
    }
    RowBuilder row = new RowBuilder(DeliveriesTable.DEFINITION);
    List<Row> rows = new ArrayList<>();
    for (Delivery d : m.deliveries()) {
      List<Row> wickets = new ArrayList<>();
      for (Delivery.Wicket w : d.wickets()) {
        List<Row> fielders = new ArrayList<>();
        for (Delivery.Fielder f : w.fielders()) {
          String team = f.playerId() == null ? null : teamOf.get(f.playerId());
          boolean inFieldingPool = team != null && !team.equals(d.battingTeam());
          // Struct fields in declaration order: fielder_id, fielder_name, substitute, in_pool.
          fielders.add(RowFactory.create(f.playerId(), f.name(), f.substitute(), inFieldingPool));
        }
        // kind, player_out_id, fielders
        wickets.add(RowFactory.create(w.kind(), w.playerOutId(), fielders));
      }
      rows.add(row
          .set(DeliveriesTable.MATCH_ID, m.matchId())
          .set(DeliveriesTable.MATCH_DATE, Date.valueOf(m.matchDate()))
          .set(DeliveriesTable.DELIVERY_SEQ, d.seq())
          .set(DeliveriesTable.INNINGS, d.innings())
          .set(DeliveriesTable.IS_SUPER_OVER, d.superOver())
          .set(DeliveriesTable.BATTING_TEAM, d.battingTeam())
          .set(DeliveriesTable.OVER_NUMBER, d.over())
          .set(DeliveriesTable.BALL_IN_OVER, d.ballInOver())
          .set(DeliveriesTable.BATTER_ID, d.batterId())
          .set(DeliveriesTable.BOWLER_ID, d.bowlerId())
          .set(DeliveriesTable.NON_STRIKER_ID, d.nonStrikerId())
          .set(DeliveriesTable.RUNS_BATTER, d.runsBatter())
          .set(DeliveriesTable.RUNS_EXTRAS, d.runsExtras())
          .set(DeliveriesTable.RUNS_TOTAL, d.runsTotal())
          .set(DeliveriesTable.NON_BOUNDARY, d.nonBoundary())
          .set(DeliveriesTable.EXTRAS_WIDES, d.wides())
          .set(DeliveriesTable.EXTRAS_NOBALLS, d.noballs())
          .set(DeliveriesTable.EXTRAS_BYES, d.byes())
          .set(DeliveriesTable.EXTRAS_LEGBYES, d.legbyes())
          .set(DeliveriesTable.EXTRAS_PENALTY, d.penalty())
          .set(DeliveriesTable.WICKETS, wickets)
          .set(DeliveriesTable.RUN_ID, runId)
          .build());
    }
    return rows;
  }
}
