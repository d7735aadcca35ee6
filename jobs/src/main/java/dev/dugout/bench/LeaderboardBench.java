package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.leaderboard.PlayerPointsHistory;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveSink;
import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.TableDdl;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout bench leaderboard}: the final leaderboard of a generated match day, (a) full
 * recompute from the Iceberg tables to a written snapshot and (b) one live refresh on warm
 * in-memory state (new player points in, every entry's points and rank and the changed set out),
 * against the baseline: a plain Spark SQL
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
    try (ScratchBranch branch = ScratchBranch.create(spark, "bench", LeaderboardTable.DEFINITION)) {
      String target = branch.target(LeaderboardTable.DEFINITION);
      PlayerPointsHistory points = playerPoints(spark);
      int last = points.deliveries();
      Dataset<Row> teams = spark.table(UserTeamsTable.DEFINITION.name())
          .where(col(UserTeamsTable.MATCH_ID).equalTo(MATCH));
      Dataset<Row> entries = spark.table(ContestEntriesTable.DEFINITION.name())
          .where(col(ContestEntriesTable.MATCH_ID).equalTo(MATCH));
      Timestamp now = Timestamp.from(Instant.now());
      LiveLeaderboard.Layout layout = new LiveLeaderboard.Layout(0, 0);
      out.println("measuring the baseline (Spark SQL RANK() window), " + p.runs() + " runs...");
      Stopwatch.Measured baseline = Stopwatch.measure(p.runs(), () -> TableWrites.append(
          BaselineRanking.rank(entries, teams, points.byPlayer(last), MATCH, last, now),
          LeaderboardTable.DEFINITION, target, TableWrites.IN_GIVEN_ORDER));
      out.println("measuring the full recompute (load, rank, write), " + p.runs() + " runs...");
      Map<String, List<Double>> stages = new LinkedHashMap<>();
      Stopwatch.Measured full = Stopwatch.measure(p.runs(), () -> {
        long t0 = System.nanoTime();
        try (LiveLeaderboard board = LiveLeaderboard.load(spark, MATCH, entries, teams, null,
            points.pool(), layout)) {
          long t1 = System.nanoTime();
          board.refresh(last, points.after(last), true, LiveSink.NONE);
          long t2 = System.nanoTime();
          TableWrites.append(board.boardRows(now, "bench"), LeaderboardTable.DEFINITION, target,
              TableWrites.COLUMNAR);
          long t3 = System.nanoTime();
          stages.computeIfAbsent("load_s", k -> new ArrayList<>()).add(seconds(t1 - t0));
          stages.computeIfAbsent("rank_s", k -> new ArrayList<>()).add(seconds(t2 - t1));
          stages.computeIfAbsent("write_s", k -> new ArrayList<>()).add(seconds(t3 - t2));
        }
      });
      params.put("full_recompute_stages", stages);
      out.println("measuring live refreshes on warm state, " + p.runs() + " runs...");
      Stopwatch.Measured live;
      try (LiveLeaderboard board = LiveLeaderboard.load(spark, MATCH, entries, teams, null,
          points.pool(), layout)) {
        int[] asOf = {last - p.runs() - 1};
        board.refresh(asOf[0], points.after(asOf[0]), false, LiveSink.NONE);
        List<Long> changed = new ArrayList<>();
        live = Stopwatch.measure(p.runs(), () -> {
          asOf[0]++;
          changed.add(board.refresh(asOf[0], points.after(asOf[0]), false, LiveSink.NONE).changed());
        });
        long[] sizes = board.shardSizes();
        params.put("shards", sizes.length);
        params.put("shards_as_read", board.inInputPartitions());
        params.put("split_contests", board.splitContests().size());
        params.put("largest_shard_entries", Arrays.stream(sizes).max().orElse(0));
        params.put("smallest_shard_entries", Arrays.stream(sizes).min().orElse(0));
        params.put("changed_per_refresh", changed);
      }
      return List.of(
          new BenchResult("leaderboard full recompute (Iceberg to written snapshot)",
              full.medianSeconds(), baseline.medianSeconds(), full.peakRssMb(), params),
          new BenchResult("leaderboard live refresh on warm state (points in, ranks and changes out)",
              live.medianSeconds(), baseline.medianSeconds(), live.peakRssMb(), params),
          new BenchResult("leaderboard baseline: Spark SQL RANK() window, same write",
              baseline.medianSeconds(), baseline.medianSeconds(), baseline.peakRssMb(), params));
    }
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e6) / 1e3;
  }

  /** Imports and scores the match and generates the match day, unless already there. */
  static void prepare(SparkSession spark, Params p, Path demoData, PrintStream out) {
    prepareMatch(spark, demoData, out);
    long have = spark.table(ContestEntriesTable.DEFINITION.name())
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(MATCH)).count();
    if (have != p.entries()) {
      out.println(GenerateMatchDayJob.run(spark, new GenerateOptions(MATCH, p.users(), p.entries(),
          p.mega(), p.seed()), out).summary());
    } else {
      out.println("reusing the generated match day of " + MATCH + " (" + have + " entries)");
    }
  }

  /** Imports and scores the match, unless already there. */
  static void prepareMatch(SparkSession spark, Path demoData, PrintStream out) {
    TableDdl.createAll(Lakehouse.icebergCatalog(spark));
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
  }

  /** The bench match's player points after every delivery, from gold.player_points. */
  static PlayerPointsHistory playerPoints(SparkSession spark) {
    return PlayerPointsHistory.read(spark.table(PlayerPointsTable.DEFINITION.name()), MATCH);
  }
}
