package dev.dugout.cli;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.cricsheet.CricsheetMatch;
import dev.dugout.cricsheet.CricsheetParser;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveLeaderboardJob;
import dev.dugout.leaderboard.live.LiveOptions;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.landing.CricsheetFeed;
import dev.dugout.landing.FeedWriter;
import dev.dugout.landing.LandEventsJob;
import dev.dugout.landing.LandOptions;
import dev.dugout.runs.JobOutcome;
import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import dev.dugout.settlement.SettleMatchJob;
import dev.dugout.settlement.SettleOptions;
import dev.dugout.tables.QuarantineTable;
import dev.dugout.tables.TableDdl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the whole platform on the bundled real IPL matches.",
        "Creates the tables, imports the matches, scores them through the quality gate, lands",
        "another match as the sports feed sends it (two broken lines quarantined), reports each",
        "match's top fantasy players, generates a match day of contests on the 2023 final",
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
    Path feed = feedMatch(dir);
    if (feed != null) {
      cli.out.printf("%nLanding match %s as the sports feed sends it (replayed into %s), with two"
          + " broken lines. The import already holds its deliveries, players and result: those"
          + " land once, so only raw.events, its statuses and the quarantine grow.%n",
          feed.getFileName().toString().replace(".json", ""), landingDir());
      step("land", () -> land(spark, feed, runIds));
    }
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

  /** A bundled match other than the demo's own, to replay as a feed; null if there is none. */
  private static Path feedMatch(Path dir) {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> !f.getFileName().toString().equals(DEMO_MATCH + ".json"))
          .sorted().findFirst().orElse(null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + dir, e);
    }
  }

  private Path landingDir() {
    return cli.config().home().resolve("demo-landing");
  }

  /**
   * Replays the match into a fresh landing directory with a line that is not JSON and an event
   * with an ill-typed field, lands it all once (a fresh checkpoint: a second demo finds every
   * event already landed), and shows where the broken lines went.
   */
  private String land(SparkSession spark, Path match, List<String> runIds) {
    Path landing = landingDir();
    Path checkpoint = cli.config().home().resolve("demo-landing-checkpoint");
    deleteTree(landing);
    deleteTree(checkpoint);
    java.io.PrintStream quiet = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
    try (FeedWriter writer = FeedWriter.files(landing, "feed", false)) {
      // The feed's events in order, a second apart from 14:00 UTC on the match's date: the same
      // events, times included, on every run (a replay would stamp them with the clock).
      CricsheetMatch m = CricsheetParser.parse(match.getFileName().toString(),
          Files.readString(match));
      Instant at = m.matchDate().atTime(14, 0).toInstant(java.time.ZoneOffset.UTC);
      for (CricsheetFeed.FeedEvent e : CricsheetFeed.events(m)) {
        writer.send(e.key(), e.json(at));
        at = at.plusSeconds(1);
      }
      writer.flush();
      Files.writeString(landing.resolve("broken.jsonl"), "this line is not JSON\n"
          + "{\"event_id\":\"ev-demo-ill-typed\",\"type\":\"wallet_txn\",\"occurred_at\":"
          + "\"2026-05-01T14:03:11Z\",\"source\":\"wallet\",\"schema_version\":1,\"payload\":"
          + "{\"txn_id\":\"demo-1\",\"user_id\":\"u1\",\"kind\":\"DEPOSIT\",\"amount_minor\":"
          + "\"500\",\"currency\":\"INR\"}}\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write the demo's landing files", e);
    }
    String result = summary(runIds, LandEventsJob.run(spark, new LandOptions(
        LandOptions.Source.FILES, landing.toString(), List.of(), null, true, 0,
        checkpoint.toString(), null), quiet));
    for (org.apache.spark.sql.Row r : spark.table(QuarantineTable.DEFINITION.name())
        .where(org.apache.spark.sql.functions.col(QuarantineTable.SOURCE_POSITION)
            .contains(landing.resolve("broken.jsonl") + ":"))
        .orderBy(QuarantineTable.SOURCE_POSITION).collectAsList()) {
      String position = r.getAs(QuarantineTable.SOURCE_POSITION);
      cli.out.printf("  quarantined %s: %s%n", position.substring(position.lastIndexOf('/') + 1),
          r.getAs(QuarantineTable.REASON));
    }
    return result;
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot clear " + root, e);
    }
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
