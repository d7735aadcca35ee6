package dev.dugout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dugout.bench.BenchResult;
import dev.dugout.bench.GenerateBench;
import dev.dugout.bench.LandBench;
import dev.dugout.bench.LeaderboardBench;
import dev.dugout.bench.PushBench;
import dev.dugout.bench.SettleBench;
import dev.dugout.dev.DevAerospike;
import dev.dugout.lakehouse.DugoutConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: each figure with its ratio to a baseline measured in the same run.",
    subcommands = {BenchCommand.Generate.class, BenchCommand.Leaderboard.class,
        BenchCommand.Settle.class, BenchCommand.Push.class, BenchCommand.Land.class})
final class BenchCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  static void report(DugoutCli cli, List<BenchResult> results, Path json) {
    for (BenchResult r : results) {
      cli.out.printf("%-60s median %7.3f s  baseline %7.3f s  ratio %5.2fx  peak RSS %6.0f MB%n",
          r.name(), r.medianSeconds(), r.baselineSeconds(), r.ratio(), r.peakRssMb());
    }
    if (json != null) {
      try {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(),
            results.stream().map(BenchResult::asJson).toList());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + json, e);
      }
      cli.out.println("wrote " + json);
    }
  }

  /** The options every benchmark on a generated match day takes, and the day they describe. */
  static final class MatchDayOptions {
    @Option(names = "--entries", defaultValue = "1000000", description = "(default: ${DEFAULT-VALUE})")
    long entries;

    @Option(names = "--mega", description = "Mega contest entries (default: a fifth of --entries).")
    Integer mega;

    @Option(names = "--users", description = "Users (default: --entries / 10, at least 1000).")
    Integer users;

    @Option(names = "--runs", defaultValue = "3", description = "Runs per figure; the median is kept.")
    int runs;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results here.")
    Path json;

    LeaderboardBench.Params params() {
      int megaEntries = mega != null ? mega : (int) Math.max(2, entries / 5);
      int userCount = users != null ? users : (int) Math.max(1_000, entries / 10);
      return new LeaderboardBench.Params(entries, megaEntries, userCount, runs, 1);
    }

    static Path demoData() {
      return Path.of(System.getProperty("dugout.root", "."), "jobs", "demo-data", "cricsheet");
    }

    /** Runs a benchmark of a generated match day with these options and reports its figures. */
    void measure(DugoutCli cli, MatchDayBench bench) {
      report(cli, bench.run(cli.spark(), params(), demoData(), cli.out), json);
    }
  }

  /** The benchmarks of a generated match day on the 2023 final (generate, leaderboard, settle). */
  @FunctionalInterface
  interface MatchDayBench {
    List<BenchResult> run(SparkSession spark, LeaderboardBench.Params p, Path demoData,
        PrintStream out);
  }

  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = {"`dugout generate` of a match day on the 2023 final (replaced on each run), against",
          "plain Spark SQL making rows of the same shape and count, written the same way."})
  static final class Generate implements Runnable {
    @ParentCommand BenchCommand parent;

    @Mixin MatchDayOptions day;

    @Override
    public void run() {
      day.measure(parent.cli, GenerateBench::run);
    }
  }

  @Command(name = "leaderboard", mixinStandardHelpOptions = true,
      description = {"Final leaderboard of a generated match day on the 2023 final: full recompute",
          "from Iceberg to a written snapshot, against a Spark SQL RANK() window written the same way."})
  static final class Leaderboard implements Runnable {
    @ParentCommand BenchCommand parent;

    @Mixin MatchDayOptions day;

    @Override
    public void run() {
      day.measure(parent.cli, LeaderboardBench::run);
    }
  }

  @Command(name = "settle", mixinStandardHelpOptions = true,
      description = {"Settlement of a generated match day on the 2023 final (leaderboard and a first",
          "settlement made if missing): a settlement through the gate and a rerun's diff, against",
          "tie-split payouts in plain Spark SQL written the same way."})
  static final class Settle implements Runnable {
    @ParentCommand BenchCommand parent;

    @Mixin MatchDayOptions day;

    @Override
    public void run() {
      day.measure(parent.cli, SettleBench::run);
    }
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Live refreshes of a generated match day on the 2023 final pushed to Aerospike",
          "(AEROSPIKE_HOSTS, else the dev server, started for the run): records per second and the",
          "share skipped as unchanged, against the same refreshes writing every entry."})
  static final class Push implements Runnable {
    @ParentCommand BenchCommand parent;

    @Mixin MatchDayOptions day;

    @Option(names = "--refreshes", defaultValue = "5",
        description = "Refreshes measured per series, one over apart (default: ${DEFAULT-VALUE}).")
    int refreshes;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      DugoutConfig.Aerospike settings = cli.config().aerospike();
      DevAerospike dev = null;
      String server = "AEROSPIKE_HOSTS " + settings.hosts();
      if (!settings.configured()) {
        dev = new DevAerospike(cli.config().home());
        boolean running = dev.state().filter(DevAerospike.State::alive).isPresent();
        DevAerospike.State state = dev.ensureRunning(3000);
        settings = settings.withHosts(java.util.List.of(state.hostPort()));
        server = "dev test server " + state.hostPort();
        if (running) {
          dev = null;   // not ours to stop
        }
      }
      try {
        report(cli, PushBench.run(cli.spark(), new PushBench.Params(day.params(), refreshes),
            settings, server, MatchDayOptions.demoData(), cli.out), day.json);
      } finally {
        if (dev != null) {
          dev.stop();
        }
      }
    }
  }

  @Command(name = "land", mixinStandardHelpOptions = true,
      description = {"Events per second through `dugout land` into Iceberg, from files and from a",
          "real Kafka broker, against a plain Spark JSON-to-Parquet ingest of the same input; and",
          "the event-to-committed-row latency at a 10 s trigger under a steady offered load.",
          "Bench events go to the lakehouse it runs on (in 2030's partitions): use a scratch",
          "DUGOUT_HOME."})
  static final class Land implements Runnable {
    @ParentCommand BenchCommand parent;

    @Option(names = "--events", defaultValue = "1000000",
        description = "Events per throughput run (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--runs", defaultValue = "3",
        description = "Runs per figure, throughput and latency alike (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--batches", defaultValue = "0",
        description = "Micro-batches per throughput run (default: one per 1,000,000 events, what"
            + " a 10 s trigger collects at 100,000 events/s).")
    int batches;

    @Option(names = "--parts", split = ",", defaultValue = "files,kafka,latency",
        description = "Which figures (default: ${DEFAULT-VALUE}).")
    java.util.Set<String> parts;

    @Option(names = "--rate", defaultValue = "10000",
        description = "Events/s offered in the latency run (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seconds", defaultValue = "90",
        description = "Length of the latency run's load (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "30",
        description = "Seconds at the start of each latency run left out of its steady-state"
            + " figure, while the JVM compiles its hot code (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--json", description = "Also write the results here.")
    Path json;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      if (parts.contains("latency") && warmup >= seconds) {
        throw new IllegalArgumentException("--warmup (" + warmup + " s) must be"
            + " shorter than --seconds (" + seconds + " s), or no event is left to measure");
      }
      report(cli, LandBench.run(cli.spark(), cli.config().home(),
          new LandBench.Params(events, runs, batches, rate, seconds, warmup, parts), cli.out), json);
    }
  }
}
