package dev.dugout.cli;

import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.orchestration.airflow.AirflowClient;
import dev.dugout.orchestration.airflow.AirflowModels.DagRun;
import dev.dugout.orchestration.airflow.AirflowModels.TaskInstance;
import dev.dugout.settlement.SettleMatchJob;
import dev.dugout.settlement.SettleOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "ops", mixinStandardHelpOptions = true,
    description = {"The operators' commands, through Airflow (airflow.url; the password from",
        "$DUGOUT_AIRFLOW_PASSWORD or airflow.password-file, never an argument)."},
    subcommands = {OpsCommand.RerunSettlement.class, OpsCommand.Status.class})
final class OpsCommand implements Runnable {
  static final String SETTLE_DAG = "settle_match";
  static final List<String> MATCH_DAGS = List.of("match_day", SETTLE_DAG);

  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  /** The Airflow client from the configuration, the password from the environment or a file. */
  static AirflowClient client(DugoutConfig config, Map<String, String> env) {
    DugoutConfig.Airflow a = config.airflow();
    if (a.url() == null || a.url().isBlank()) {
      throw new IllegalArgumentException("ops: set airflow.url (or DUGOUT_AIRFLOW_URL) to Airflow's"
          + " web or API server");
    }
    AirflowClient.Api api = switch (a.api().toLowerCase(Locale.ROOT)) {
      case "v1" -> AirflowClient.Api.V1;
      case "v2" -> AirflowClient.Api.V2;
      default -> throw new IllegalArgumentException("ops: airflow.api must be v1 (Airflow 2) or v2"
          + " (Airflow 3); was '" + a.api() + "'");
    };
    return new AirflowClient(AirflowClient.Settings.of(URI.create(a.url()), api, a.username(),
        password(a, env)));
  }

  static String password(DugoutConfig.Airflow a, Map<String, String> env) {
    if (a.passwordFile() != null && !a.passwordFile().isBlank()) {
      Path file = Path.of(a.passwordFile()).toAbsolutePath().normalize();
      Path repo = Path.of(System.getProperty("dugout.root", ".")).toAbsolutePath().normalize();
      if (file.startsWith(repo)) {
        throw new IllegalArgumentException("ops: airflow.password-file " + file + " is inside the"
            + " repository (" + repo + "); keep secrets outside it");
      }
      try {
        return Files.readString(file).strip();
      } catch (IOException e) {
        throw new IllegalArgumentException("ops: cannot read airflow.password-file " + file + ": "
            + e.getMessage(), e);
      }
    }
    String fromEnv = env.get("DUGOUT_AIRFLOW_PASSWORD");
    if (fromEnv == null || fromEnv.isEmpty()) {
      throw new IllegalArgumentException("ops: no Airflow password: set $DUGOUT_AIRFLOW_PASSWORD or"
          + " airflow.password-file (a file outside the repository)");
    }
    return fromEnv;
  }

  @Command(name = "rerun-settlement", mixinStandardHelpOptions = true,
      description = {"Rerun a match's settlement after a correction: triggers the settle_match DAG",
          "(rerun, reason, operator, publish, dry_run in its conf); --wait follows it task by",
          "task;",
          "--local runs the same settlement in this process instead."})
  static final class RerunSettlement implements Runnable {
    @ParentCommand OpsCommand ops;

    @Option(names = "--match", required = true, paramLabel = "ID") String matchId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT",
        description = "Why (recorded with the settlement).")
    String reason;

    @Option(names = "--operator", paramLabel = "NAME", description = "Who (default: $USER).")
    String operator;

    @Option(names = "--publish", description = "Publish the rerun if it passes the gate.")
    boolean publish;

    @Option(names = "--dry-run", description = "Only show the rerun's diff; write nothing.")
    boolean dryRun;

    @Option(names = "--wait", description = "Follow the DAG run until it ends.")
    boolean await;

    @Option(names = "--local", description = "Run the settlement here, not through Airflow.")
    boolean local;

    @Option(names = "--poll", paramLabel = "DURATION", defaultValue = "5s",
        description = "With --wait: time between checks (default: ${DEFAULT-VALUE}).")
    String poll;

    @Override
    public void run() {
      DugoutCli cli = ops.cli;
      String who = operator != null ? operator : System.getenv().getOrDefault("USER", "operator");
      if (local) {
        cli.out.println(SettleMatchJob.run(cli.spark(), new SettleOptions(matchId, true, reason, who,
            publish, dryRun, null), cli.out).summary());
        return;
      }
      AirflowClient client = client(cli.config(), System.getenv());
      Map<String, Object> conf = new LinkedHashMap<>();
      conf.put("match_id", matchId);
      conf.put("rerun", true);
      conf.put("reason", reason);
      conf.put("operator", who);
      conf.put("publish", publish);
      if (dryRun) {
        conf.put("dry_run", true);
      }
      String runId = "rerun_" + matchId + "_" + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
          .withZone(ZoneOffset.UTC).format(Instant.now());
      DagRun run = client.triggerDagRun(SETTLE_DAG, runId, conf);
      cli.out.printf("triggered %s run %s (%s) for match %s%n", SETTLE_DAG, run.dagRunId(),
          run.state(), matchId);
      if (!await) {
        return;
      }
      long pause = dev.dugout.leaderboard.live.LiveOptions.parseEvery(poll).toMillis();
      Map<String, String> seen = new HashMap<>();
      DagRun now = run;
      while (true) {
        for (TaskInstance t : client.taskInstances(SETTLE_DAG, run.dagRunId())) {
          String state = t.state() == null ? "none" : t.state();
          if (!state.equals(seen.put(t.taskId(), state))) {
            cli.out.printf("  %-20s %s%n", t.taskId(), state);
          }
        }
        if (now.finished()) {
          break;
        }
        sleep(pause);
        now = client.getDagRun(SETTLE_DAG, run.dagRunId());
      }
      cli.out.printf("%s run %s: %s%n", SETTLE_DAG, run.dagRunId(), now.state());
      if (!"success".equals(now.state())) {
        throw new IllegalStateException("ops rerun-settlement: the " + SETTLE_DAG + " run "
            + run.dagRunId() + " ended " + now.state() + "; see its task logs in Airflow");
      }
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "A match's latest runs of the match_day and settle_match DAGs.")
  static final class Status implements Runnable {
    @ParentCommand OpsCommand ops;

    @Option(names = "--match", required = true, paramLabel = "ID") String matchId;

    @Option(names = "--limit", defaultValue = "50", description = "Runs read per DAG (default:"
        + " ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public void run() {
      DugoutCli cli = ops.cli;
      AirflowClient client = client(cli.config(), System.getenv());
      cli.out.printf("%-14s %-40s %-9s %-26s %s%n", "dag", "run", "state", "started", "conf");
      int shown = 0;
      for (String dag : MATCH_DAGS) {
        for (DagRun r : client.latestDagRuns(dag, limit)) {
          if (matchId.equals(String.valueOf(r.conf().get("match_id")))) {
            cli.out.printf("%-14s %-40s %-9s %-26s %s%n", dag, r.dagRunId(), r.state(),
                r.startDate(), r.conf());
            shown++;
          }
        }
      }
      if (shown == 0) {
        cli.out.println("no runs for match " + matchId + " among the latest " + limit
            + " of each DAG");
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
