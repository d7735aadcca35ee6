package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.leaderboard.BuildLeaderboardJob;
import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout bench leaderboard}: the final leaderboard of a generated match day, full recompute
 * from the Iceberg tables to a written snapshot, against the baseline: a plain Spark SQL
 * {@code RANK() OVER (PARTITION BY contest ORDER BY points DESC)} over the same team points,
 * written the same way (to a scratch branch of gold.leaderboard, dropped afterwards).
 */
public final class LeaderboardBench {
  static final String MATCH = "1370353";

  private LeaderboardBench() {}

  public record Params(long entries, int mega, int users, int runs, long seed) {}

  public static List<BenchResult> run(SparkSession spark, Params p, Path demoData, PrintStream out) {
    prepare(spark, p, demoData, out);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("entries", p.entries());
    params.put("mega", p.mega());
    params.put("users", p.users());
    params.put("runs", p.runs());
    params.put("cores", Runtime.getRuntime().availableProcessors());
    Table table = Lakehouse.icebergCatalog(spark).loadTable(LeaderboardTable.DEFINITION.identifier());
    String branch = "bench_" + System.currentTimeMillis();
    if (table.currentSnapshot() == null) {
      table.manageSnapshots().createBranch(branch).commit();
    } else {
      table.manageSnapshots().createBranch(branch, table.currentSnapshot().snapshotId()).commit();
    }
    String target = LeaderboardTable.DEFINITION.name() + ".branch_" + branch;
    try {
      Map<String, Long> hundredths = finalPlayerPoints(spark);
      int last = spark.table(PlayerPointsTable.DEFINITION.name())
          .where(col(PlayerPointsTable.MATCH_ID).equalTo(MATCH))
          .select(PlayerPointsTable.POINTS_AFTER_DELIVERY).first().getList(0).size();
      Dataset<Row> teams = spark.table(UserTeamsTable.DEFINITION.name())
          .where(col(UserTeamsTable.MATCH_ID).equalTo(MATCH));
      Dataset<Row> entries = spark.table(ContestEntriesTable.DEFINITION.name())
          .where(col(ContestEntriesTable.MATCH_ID).equalTo(MATCH));
      Dataset<Row> noPrevious = spark.table(LeaderboardTable.DEFINITION.name()).limit(0)
          .select(col(LeaderboardTable.ENTRY_ID), col(LeaderboardTable.RANK).as(LeaderboardTable.PREVIOUS_RANK));
      Timestamp now = Timestamp.from(Instant.now());
      out.println("measuring the baseline (Spark SQL RANK() window), " + p.runs() + " runs...");
      Stopwatch.Measured baseline = Stopwatch.measure(p.runs(), () -> TableWrites.append(
          BaselineRanking.rank(entries, BuildLeaderboardJob.teamUnits(teams, hundredths), MATCH, last,
              now), LeaderboardTable.DEFINITION, target));
      out.println("measuring the full recompute (histogram ranks), " + p.runs() + " runs...");
      Stopwatch.Measured full = Stopwatch.measure(p.runs(), () -> TableWrites.append(
          BuildLeaderboardJob.rank(entries, BuildLeaderboardJob.teamUnits(teams, hundredths),
              noPrevious, MATCH, last, now, "bench"), LeaderboardTable.DEFINITION, target));
      return List.of(
          new BenchResult("leaderboard full recompute (Iceberg to written snapshot)",
              full.medianSeconds(), baseline.medianSeconds(), full.peakRssMb(), params),
          new BenchResult("leaderboard baseline: Spark SQL RANK() window, same write",
              baseline.medianSeconds(), baseline.medianSeconds(), baseline.peakRssMb(), params));
    } finally {
      Lakehouse.icebergCatalog(spark).loadTable(LeaderboardTable.DEFINITION.identifier())
          .manageSnapshots().removeBranch(branch).commit();
    }
  }

  /** Imports and scores the match and generates the match day, unless already there. */
  private static void prepare(SparkSession spark, Params p, Path demoData, PrintStream out) {
    if (spark.table(MatchesTable.DEFINITION.name()).where(col(MatchesTable.MATCH_ID).equalTo(MATCH))
        .isEmpty()) {
      out.println(ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
          List.of(demoData.resolve(MATCH + ".json").toString())), out).summary());
    }
    if (spark.table(PlayerPointsTable.DEFINITION.name())
        .where(col(PlayerPointsTable.MATCH_ID).equalTo(MATCH)).isEmpty()) {
      out.println(ScoreMatchJob.run(spark, new ScoreMatchOptions(List.of(MATCH), "t20-2026"), out)
          .summary());
    }
    long have = spark.table(ContestEntriesTable.DEFINITION.name())
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(MATCH)).count();
    if (have != p.entries()) {
      out.println(GenerateMatchDayJob.run(spark, new GenerateOptions(MATCH, p.users(), p.entries(),
          p.mega(), p.seed()), out).summary());
    } else {
      out.println("reusing the generated match day of " + MATCH + " (" + have + " entries)");
    }
  }

  private static Map<String, Long> finalPlayerPoints(SparkSession spark) {
    Map<String, Long> hundredths = new java.util.HashMap<>();
    for (Row r : spark.table(PlayerPointsTable.DEFINITION.name())
        .where(col(PlayerPointsTable.MATCH_ID).equalTo(MATCH))
        .select(PlayerPointsTable.PLAYER_ID, PlayerPointsTable.POINTS).collectAsList()) {
      hundredths.put(r.getString(0), r.getDecimal(1).movePointRight(2).longValueExact());
    }
    return hundredths;
  }
}
