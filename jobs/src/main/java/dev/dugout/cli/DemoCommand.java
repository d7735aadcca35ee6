package dev.dugout.cli;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveLeaderboardJob;
import dev.dugout.leaderboard.live.LiveOptions;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.runs.JobOutcome;
import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import dev.dugout.settlement.SettleMatchJob;
import dev.dugout.settlement.SettleOptions;
import dev.dugout.tables.TableDdl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole platform on the bundled real IPL matches.",
        "Creates the tables, imports the matches, scores them through the quality gate, reports",
        "each match's top fantasy players, generates a match day of contests on the 2023 final",
        "and replays it ball by ball with the live leaderboard refreshing, then the final board,",
        "and settles the match: payouts, refunds and wallet credits."})
final class DemoCommand implements Runnable {
  /** The 2023 final: a generated match day of contests is played on it. */
  static final String DEMO_MATCH = "1370353";
  static final int DEMO_USERS = 2_000;
  static final long DEMO_ENTRIES = 10_000;
  /** Boards written to gold.leaderboard during the replay: every 60 deliveries, and the final. */
  static final int DEMO_SNAPSHOT_EVERY = 60;

  @ParentCommand DugoutCli cli;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Cricsheet files to use (default: the bundled jobs/demo-data/cricsheet).")
  Path data;

  @Override
  public void run() {
    Path dir = data != null ? data : defaultData();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("demo data directory not found: " + dir.toAbsolutePath());
    }
    SparkSession spark = cli.spark();
    long start = System.nanoTime();
    step("tables", () -> {
      List<TableDdl.Result> results = TableDdl.createAll(Lakehouse.icebergCatalog(spark));
      long created = results.stream().filter(r -> r.outcome() == TableDdl.Outcome.CREATED).count();
      return created + " table(s) created, " + (results.size() - created) + " already up to date";
    });
    List<String> runIds = new ArrayList<>();
    step("import", () -> summary(runIds, ImportCricsheetJob.run(spark,
        new ImportCricsheetOptions(List.of(dir.toAbsolutePath().toString())), cli.out)));
    step("score", () -> summary(runIds, ScoreMatchJob.run(spark,
        new ScoreMatchOptions(List.of(), cli.config().ruleSet()), cli.out)));
    step("generate", () -> summary(runIds, GenerateMatchDayJob.run(spark, new GenerateOptions(
        DEMO_MATCH, DEMO_USERS, DEMO_ENTRIES, GenerateOptions.defaultMega(DEMO_ENTRIES), 1), cli.out)));
    DemoReport.Watch watch = DemoReport.watch(spark, DEMO_MATCH);
    cli.out.printf("%nReplaying the final ball by ball: the live leaderboard of the mega contest %s"
        + " and the small contest %s, and user %s's entries, one refresh per over.%n",
        watch.mega(), watch.small(), watch.user());
    try (DemoAerospike aerospike = DemoAerospike.open(cli.config(), cli.out)) {
      step("live", () -> summary(runIds, LiveLeaderboardJob.run(spark, new LiveOptions(DEMO_MATCH,
          Duration.ZERO, Double.POSITIVE_INFINITY, DEMO_SNAPSHOT_EVERY, cli.config().ruleSet(),
          List.of(watch.mega(), watch.small()), watch.user(), new LiveLeaderboard.Layout(0, 0)),
          aerospike.sink(spark), new TerminalView(cli.out, List.of(watch.mega(), watch.small()),
              watch.user(), TerminalView.interactive()), cli.out)));
      aerospike.printUser(watch.user(), DEMO_MATCH);
    }
    step("settle", () -> summary(runIds, SettleMatchJob.run(spark,
        SettleOptions.first(DEMO_MATCH, "demo"), cli.out)));
    DemoReport.print(spark, runIds, cli.out);
    DemoReport.printLeaderboard(spark, DEMO_MATCH, watch.user(), cli.out);
    DemoReport.printSettlement(spark, DEMO_MATCH, watch.user(), cli.out);
    cli.out.printf("%nDone in %.1f s. The data lives in %s (catalog: %s).%n",
        (System.nanoTime() - start) / 1e9, cli.config().warehouse(), cli.config().catalogUri());
    cli.out.println("Query it:");
    cli.out.println("  ./dugout points --match 1370353");
    cli.out.println("  ./dugout sql \"SELECT player_name, points, breakdown FROM gold.player_points"
        + " WHERE match_id = '1370353' ORDER BY points DESC LIMIT 5\"");
    cli.out.println("  ./dugout sql \"SELECT contest_id, entry_id, user_id, points, rank, previous_rank"
        + " FROM gold.leaderboard WHERE contest_id = '" + DEMO_MATCH + "-c0' ORDER BY rank LIMIT 10\"");
    cli.out.println("  ./dugout sql \"SELECT contest_id, status, entries, paid_minor, tie_remainder_minor,"
        + " shortfall_minor FROM gold.contest_settlements ORDER BY paid_minor DESC LIMIT 10\"");
    cli.out.println("  ./dugout sql \"SELECT * FROM ops.job_runs ORDER BY started_at DESC\"");
    cli.out.println("Ball-by-ball data from Cricsheet (cricsheet.org), ODC-BY 1.0.");
  }

  private static String summary(List<String> runIds, JobOutcome outcome) {
    runIds.add(outcome.runId());
    return outcome.summary();
  }

  private void step(String name, java.util.function.Supplier<String> body) {
    long start = System.nanoTime();
    String result = body.get();
    cli.out.printf("[%-11s] %s (%.1f s)%n", name, result, (System.nanoTime() - start) / 1e9);
  }

  private static Path defaultData() {
    String root = System.getProperty("dugout.root", ".");
    return Path.of(root, "jobs", "demo-data", "cricsheet");
  }
}
