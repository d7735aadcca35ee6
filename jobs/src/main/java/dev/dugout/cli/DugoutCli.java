package dev.dugout.cli;

import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.quality.QualityGateException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code dugout} command line: one subcommand per job or tool. */
@Command(
    name = "dugout",
    mixinStandardHelpOptions = true,
    version = "dugout 0.1.0",
    description = "Dugout: an open-source lakehouse for fantasy sports.",
    subcommands = {
      DemoCommand.class,
      TablesCommand.class,
      ImportCommand.class,
      ScoreCommand.class,
      GenerateCommand.class,
      LeaderboardCommand.class,
      SettleCommand.class,
      LandCommand.class,
      ReplayCommand.class,
      QuarantineCommand.class,
      OpsCommand.class,
      MaintainCommand.class,
      PointsCommand.class,
      SqlCommand.class,
      BenchCommand.class,
      SubmitCommand.class,
      DevCommand.class,
      CommandLine.HelpCommand.class
    })
public final class DugoutCli implements Runnable {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Config file (default: $DUGOUT_CONFIG, else ./dugout.properties if present).")
  Path configFile;

  @Option(names = "--verbose", description = "Print stack traces on errors.")
  boolean verbose;

  private DugoutConfig config;
  private SparkSession spark;
  final PrintStream out;

  public DugoutCli(PrintStream out) {
    this.out = out;
  }

  public DugoutCli() {
    this(System.out);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  DugoutConfig config() {
    if (config == null) {
      config = DugoutConfig.load(configFile, System.getenv());
    }
    return config;
  }

  /** The process's one session, created on first use. */
  SparkSession spark() {
    if (spark == null) {
      spark = Lakehouse.session(config(), clusterConf());
    }
    return spark;
  }

  /**
   * Launched by ./dugout (not spark-submit) against a cluster master from the configuration: the
   * executors need the application jar, which spark-submit would otherwise have shipped.
   */
  private Map<String, String> clusterConf() {
    String appJar = System.getProperty("dugout.app.jar");
    boolean submitted = new org.apache.spark.SparkConf().contains("spark.master");
    if (submitted || appJar == null || config().sparkMaster().startsWith("local")) {
      return Map.of();
    }
    return Map.of("spark.jars", appJar);
  }

  /** For tests: run commands against a session and config they already have. */
  public DugoutCli using(DugoutConfig config, SparkSession spark) {
    this.config = config;
    this.spark = spark;
    return this;
  }

  public int execute(String... args) {
    CommandLine cli = new CommandLine(this);
    cli.setOut(new java.io.PrintWriter(out, true));
    // Everything after submit's first positional is the submitted command's, options included.
    cli.getSubcommands().get("submit").setStopAtPositional(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      if (verbose) {
        e.printStackTrace();
      }
      boolean expected = e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof QualityGateException || e instanceof java.io.UncheckedIOException
          || e instanceof org.apache.spark.sql.AnalysisException
          || e instanceof dev.dugout.orchestration.airflow.AirflowException;
      System.err.println("dugout " + String.join(" ", commandLine.getCommandSpec().qualifiedName())
          .replaceFirst("^dugout ", "") + ": " + (expected ? e.getMessage() : e));
      if (!expected && !verbose) {
        System.err.println("(run with --verbose for the stack trace)");
      }
      return 1;
    });
    return cli.execute(args);
  }

  public static void main(String[] args) {
    DugoutCli cli = new DugoutCli();
    int code = cli.execute(args);
    if (cli.spark != null) {
      cli.spark.stop();
    }
    System.exit(code);
  }
}
