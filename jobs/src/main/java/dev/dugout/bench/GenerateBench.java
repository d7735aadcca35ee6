package dev.dugout.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.timestamp_seconds;
import static org.apache.spark.sql.functions.xxhash64;

import dev.dugout.contests.ContestPlan;
import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.contests.TeamRules;
import dev.dugout.contests.UserTeamCounts;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout bench generate}: a synthetic match day generated and published (teams through the
 * rules, entries, contests, prize tables), against a baseline of plain Spark SQL making rows of the
 * same two big tables' shape and count from {@code spark.range}, written the same way. The baseline
 * has none of the realism (popularity, distinct players, both sides, one team per contest once):
 * it is the floor of producing and writing that many rows here.
 */
public final class GenerateBench {
  private GenerateBench() {}

  public static List<BenchResult> run(SparkSession spark, LeaderboardBench.Params p, Path demoData,
      PrintStream out) {
    LeaderboardBench.prepareMatch(spark, demoData, out);
    String match = LeaderboardBench.MATCH;
    long teams = UserTeamCounts.of(p.users(), p.seed()).teams();
    int contests = ContestPlan.of(p.entries(), p.mega(), p.seed()).contests().size();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("entries", p.entries());
    params.put("mega", p.mega());
    params.put("users", p.users());
    params.put("teams", teams);
    params.put("contests", contests);
    params.put("runs", p.runs());
    params.put("cores", Runtime.getRuntime().availableProcessors());

    try (ScratchBranch branch = ScratchBranch.create(spark, "bench_generate",
        UserTeamsTable.DEFINITION, ContestEntriesTable.DEFINITION)) {
      Date date = (Date) spark.table(MatchesTable.DEFINITION.name())
          .where(col(MatchesTable.MATCH_ID).equalTo(match)).select(MatchesTable.MATCH_DATE).first()
          .get(0);
      Baseline baseline = new Baseline(spark, match, teams, p.users(), p.entries(), contests,
          GenerateMatchDayJob.locksAt(date).getEpochSecond());
      out.println("measuring the baseline (spark.range rows of the same shape), " + p.runs()
          + " runs...");
      Stopwatch.Measured base = Stopwatch.measure(p.runs(), () -> {
        TableWrites.append(baseline.teams(), UserTeamsTable.DEFINITION,
            branch.target(UserTeamsTable.DEFINITION), TableWrites.IN_GIVEN_ORDER);
        TableWrites.append(baseline.entries(), ContestEntriesTable.DEFINITION,
            branch.target(ContestEntriesTable.DEFINITION), TableWrites.IN_GIVEN_ORDER);
      });
      out.println("measuring `dugout generate` (through the rules, published), " + p.runs()
          + " runs...");
      List<String> summaries = new ArrayList<>();
      Stopwatch.Measured generate = Stopwatch.measure(p.runs(), () -> summaries.add(
          GenerateMatchDayJob.run(spark, new GenerateOptions(match, p.users(), p.entries(), p.mega(),
              p.seed()), out).summary()));
      out.println(summaries.get(summaries.size() - 1));
      return List.of(
          new BenchResult("generate a match day (teams, entries, contests, prizes; published)",
              generate.medianSeconds(), base.medianSeconds(), generate.peakRssMb(), params),
          new BenchResult("generate baseline: spark.range rows of the same shape, same write",
              base.medianSeconds(), base.medianSeconds(), base.peakRssMb(), params));
    }
  }

  /** Rows of user_teams' and contest_entries' shape from plain Spark SQL expressions. */
  private record Baseline(SparkSession spark, String match, long teamCount, int users,
      long entryCount, int contests, long lockSeconds) {
    Dataset<Row> teams() {
      List<Row> pool = spark.table(MatchPlayersTable.DEFINITION.name())
          .where(col(MatchPlayersTable.MATCH_ID).equalTo(match))
          .select(MatchPlayersTable.PLAYER_ID).collectAsList();
      Column players = lit(pool.stream().map(r -> r.getString(0)).toArray(String[]::new));
      Column[] picks = new Column[TeamRules.PLAYERS];
      for (int k = 0; k < picks.length; k++) {
        picks[k] = coalesce(element_at(players,
            pmod(xxhash64(col("id"), lit(k)), lit((long) pool.size())).plus(1).cast("int")), lit(""));
      }
      return spark.range(0, teamCount).select(
          concat(lit(match + "-t"), col("id")).as(UserTeamsTable.TEAM_ID),
          lit(match).as(UserTeamsTable.MATCH_ID),
          concat(lit("u"), pmod(col("id"), lit((long) users))).as(UserTeamsTable.USER_ID),
          array(picks).as(UserTeamsTable.PLAYER_IDS),
          picks[0].as(UserTeamsTable.CAPTAIN_ID), picks[1].as(UserTeamsTable.VICE_CAPTAIN_ID),
          timestamp_seconds(lit(lockSeconds).minus(pmod(xxhash64(col("id")), lit(345_600L))))
              .as(UserTeamsTable.SAVED_AT),
          lit("bench").as(UserTeamsTable.RUN_ID));
    }

    Dataset<Row> entries() {
      return spark.range(0, entryCount).select(
          concat(lit(match + "-e"), col("id")).as(ContestEntriesTable.ENTRY_ID),
          concat(lit(match + "-c"), floor(col("id").multiply(contests).divide(entryCount)))
              .as(ContestEntriesTable.CONTEST_ID),
          lit(match).as(ContestEntriesTable.MATCH_ID),
          concat(lit(match + "-t"), pmod(xxhash64(col("id")), lit(teamCount))).as(ContestEntriesTable.TEAM_ID),
          concat(lit("u"), pmod(xxhash64(col("id"), lit(1)), lit((long) users)))
              .as(ContestEntriesTable.USER_ID),
          timestamp_seconds(lit(lockSeconds).minus(pmod(xxhash64(col("id"), lit(2)), lit(259_200L))))
              .as(ContestEntriesTable.JOINED_AT),
          lit("bench").as(ContestEntriesTable.RUN_ID));
    }
  }
}
