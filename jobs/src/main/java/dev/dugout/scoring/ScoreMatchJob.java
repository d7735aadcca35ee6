package dev.dugout.scoring;

import dev.dugout.lakehouse.MatchScope;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quality.checks.PlayerPointsChecks;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.RowBuilder;
import java.io.PrintStream;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.CoGroupFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout score [--match ID]}: fantasy points per player from core.deliveries and
 * core.match_players into gold.player_points, through the quality gate. Matches are scored in
 * parallel on the executors (one group per match); re-scoring a match replaces its rows.
 */
public final class ScoreMatchJob {
  private ScoreMatchJob() {}

  public static JobOutcome run(SparkSession spark, ScoreMatchOptions options, PrintStream out) {
    return JobRunner.run(spark, "score", options.asMap(), run -> execute(run, options));
  }

  private static JobOutcome execute(JobRun run, ScoreMatchOptions options) {
    RuleSet rules = RuleSets.load(options.ruleSet());
    List<String> matchIds = matchesToScore(run, options.matchIds());
    if (matchIds.isEmpty()) {
      return new JobOutcome(run.runId(), 0, 0, Map.of(), "score: no imported matches to score; run"
          + " `dugout import cricsheet PATH` first");
    }
    MatchScope scope = new MatchScope(matchIds);
    Dataset<Row> deliveries = run.readMain(DeliveriesTable.DEFINITION)
        .where(scope.filter(DeliveriesTable.MATCH_ID));
    Dataset<Row> players = run.readMain(MatchPlayersTable.DEFINITION)
        .where(scope.filter(MatchPlayersTable.MATCH_ID));
    Dataset<Row> points = score(deliveries, players, rules, run.runId(),
        Timestamp.from(run.startedAt())).cache();
    try {
      long rows = points.count();
      Map<String, Long> published;
      try (WriteAuditPublish wap = WriteAuditPublish.begin(run.spark(), run.runId(),
          List.of(PlayerPointsTable.DEFINITION))) {
        scope.replaceOnBranch(wap, PlayerPointsTable.DEFINITION, PlayerPointsTable.MATCH_ID, points);
        published = wap.auditAndPublish(List.of(new WriteAuditPublish.Audit(
            new PlayerPointsChecks(), scope.filter(PlayerPointsTable.MATCH_ID))));
      }
      return new JobOutcome(run.runId(), rows, rows, published, String.format(
          "score: %d match(es), %d player rows, rule set %s; run %s",
          matchIds.size(), rows, rules.id(), run.runId()));
    } finally {
      points.unpersist();
    }
  }

  /**
   * The scoring itself, as a transformation: one group per match, scored on the executors.
   * Creates no session and does no I/O, so tests can hand in any rows.
   */
  public static Dataset<Row> score(Dataset<Row> deliveries, Dataset<Row> players, RuleSet rules,
      String runId, Timestamp scoredAt) {
    PointsCalculator calculator = new PointsCalculator(rules);
    String ruleSetId = rules.id();
    MapFunction<Row, String> deliveryMatch = r -> r.getAs(DeliveriesTable.MATCH_ID);
    MapFunction<Row, String> playerMatch = r -> r.getAs(MatchPlayersTable.MATCH_ID);
    CoGroupFunction<String, Row, Row, Row> scoreMatch = (matchId, ds, ps) -> {
      List<Delivery> balls = new ArrayList<>();
      ds.forEachRemaining(r -> balls.add(ScoringRows.delivery(r)));
      balls.sort(Comparator.comparingInt(Delivery::seq));
      List<PoolPlayer> pool = new ArrayList<>();
      Date matchDate = null;
      for (Iterator<Row> it = ps; it.hasNext(); ) {
        Row r = it.next();
        pool.add(ScoringRows.poolPlayer(r));
        matchDate = r.getAs(MatchPlayersTable.MATCH_DATE);
      }
      RowBuilder row = new RowBuilder(PlayerPointsTable.DEFINITION);
      List<Row> out = new ArrayList<>();
      for (PlayerScore s : MatchScorer.score(pool, balls, calculator)) {
        out.add(ScoringRows.points(matchId, matchDate, ruleSetId, s, scoredAt, runId, row));
      }
      return out.iterator();
    };
    return deliveries.groupByKey(deliveryMatch, Encoders.STRING())
        .cogroup(players.groupByKey(playerMatch, Encoders.STRING()), scoreMatch,
            Encoders.row(new RowBuilder(PlayerPointsTable.DEFINITION).sparkSchema()));
  }

  private static List<String> matchesToScore(JobRun run, List<String> requested) {
    List<String> imported = run.readMain(MatchesTable.DEFINITION)
        .select(MatchesTable.MATCH_ID).as(Encoders.STRING()).collectAsList();
    if (requested.isEmpty()) {
      return imported.stream().sorted().toList();
    }
    List<String> missing = requested.stream().filter(id -> !imported.contains(id)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("score: match(es) " + missing + " are not in "
          + MatchesTable.DEFINITION.name() + "; import them first (dugout import cricsheet PATH)");
    }
    return requested;
  }
}
