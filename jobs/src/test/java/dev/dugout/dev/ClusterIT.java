package dev.dugout.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.WalletLedgerTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.UserTeamsTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.TableDefinition;
import dev.dugout.testing.TestEvents;
import dev.dugout.testing.DemoData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import dev.dugout.landing.FeedWriter;
import dev.dugout.landing.ReplayCricsheet;
import dev.dugout.tables.EventsTable;
import dev.dugout.tables.MatchStatusTable;
import dev.dugout.tables.SessionsTable;
import dev.dugout.tables.WalletTxnsTable;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dugout on a real multi-JVM Spark cluster: a standalone master and two one-core workers on
 * 127.0.0.1, jobs submitted with spark-submit as on EMR (the driver and every executor are JVMs
 * of their own). The same pipeline in local[*], submitted the same way, is the reference: every
 * result table must match row for row.
 */
class ClusterIT {
  static final List<TableDefinition> COMPARED = List.of(MatchesTable.DEFINITION,
      MatchPlayersTable.DEFINITION, DeliveriesTable.DEFINITION, PlayerPointsTable.DEFINITION,
      ContestsTable.DEFINITION, PrizeTablesTable.DEFINITION, UserTeamsTable.DEFINITION,
      ContestEntriesTable.DEFINITION, LeaderboardTable.DEFINITION, PayoutsTable.DEFINITION,
      ContestSettlementsTable.DEFINITION, WalletLedgerTable.DEFINITION, EventsTable.DEFINITION,
      MatchStatusTable.DEFINITION, SessionsTable.DEFINITION, WalletTxnsTable.DEFINITION);
  /** Columns that differ by design between two runs: who wrote the row, and when. */
  static final List<String> RUN_COLUMNS = List.of("run_id", "imported_at", "scored_at",
      "computed_at", "settlement_id", "ledger_id", "created_at", "landed_at");

  /** A demo step's summary line, e.g. "[live       ] ... (12.3 s)". */
  static final java.util.regex.Pattern STEP_LINE = java.util.regex.Pattern.compile("^\\[[a-z ]+\\] ");

  static Path root;
  static LocalCluster cluster;
  static LocalCluster.State state;
  static BuildArtifacts build;
  static Path clusterHome;
  static Path localHome;

  @BeforeAll
  static void startClusterAndRunThePipelineBothWays() throws Exception {
    root = Files.createTempDirectory("dugout-cluster-it");
    build = BuildArtifacts.locate();
    clusterHome = root.resolve("cluster-lakehouse");
    localHome = root.resolve("local-lakehouse");
    cluster = new LocalCluster(clusterHome);
    int[] ports = ServiceJvm.freePorts(2);
    state = cluster.start(new LocalCluster.Spec(2, "1536m", ports[0], ports[1]), build);

    long clusterStart = System.nanoTime();
    assertThat(submit(clusterHome, state.masterUrl(), List.of(), line -> false)).isZero();
    double clusterSeconds = (System.nanoTime() - clusterStart) / 1e9;
    // Then the landing job, on the same feed files: the final replayed, and a few app events.
    Path landing = feed(root.resolve("landing"));
    assertThat(submit(clusterHome, state.masterUrl(), land(landing, clusterHome), line -> false))
        .isZero();
    clusterSeconds = (System.nanoTime() - clusterStart) / 1e9;
    long localStart = System.nanoTime();
    assertThat(submit(localHome, "local[*]", List.of(), line -> false)).isZero();
    assertThat(submit(localHome, "local[*]", land(landing, localHome), line -> false)).isZero();
    double localSeconds = (System.nanoTime() - localStart) / 1e9;
    String timing = String.format("demo pipeline via spark-submit: cluster (1 master, 2 workers x"
        + " 1 core) %.1f s, local[*] %.1f s, ratio %.2f%n", clusterSeconds, localSeconds,
        clusterSeconds / localSeconds);
    System.out.print(timing);
    Files.writeString(Path.of("target", "cluster-timings.txt"), timing);

  }

  /** The feed a landing run reads: a real match replayed as events, and app events. */
  static Path feed(Path dir) throws java.io.IOException {
    java.io.PrintStream quiet = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
    try (FeedWriter files = FeedWriter.files(dir, "feed", true)) {
      ReplayCricsheet.replay(DemoData.match(DemoData.FINAL), files, Double.POSITIVE_INFINITY, quiet);
    }
    List<String> app = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String at = java.time.Instant.parse("2026-05-28T14:00:00Z").plusSeconds(i).toString();
      app.add(i % 3 == 0 ? TestEvents.wallet("w" + i, at, String.valueOf(100 + i))
          : TestEvents.session("s" + i, at));
    }
    app.add("{\"event_id\": \"broken\"");
    Files.writeString(dir.resolve("app-1.jsonl"), String.join("\n", app) + "\n");
    return dir;
  }

  static List<String> land(Path landing, Path home) {
    return List.of("land", "--source", "files", "--path", landing.toString(), "--available-now",
        "--max-per-trigger", "2", "--checkpoint", home.resolve("land-checkpoint").toString());
  }

  @AfterAll
  static void stopClusterAndCleanUp() throws java.io.IOException {
    try {
      stopCluster();
    } finally {
      if (root != null) {
        // Both lakehouses and the cluster's work directories: about half a gigabyte per run.
        try (var paths = Files.walk(root)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  static void stopCluster() {
    if (cluster != null) {
      cluster.stop();
      assertThat(state.workerPids()).allMatch(pid -> ProcessHandle.of(pid).isEmpty()
          || !ProcessHandle.of(pid).get().isAlive());
      assertThat(ProcessHandle.of(state.masterPid()).map(ProcessHandle::isAlive)).isNotEqualTo(
          java.util.Optional.of(true));
      // Executors run in the workers' work directories under the cluster directory.
      String clusterDir = cluster.directory().toString();
      assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
          .map(p -> p.info().commandLine().orElse(""))
          .filter(line -> line.contains(clusterDir)).toList())
          .as("processes left behind by `dev cluster stop`").isEmpty();
    }
  }

  @Test
  void everyResultTableMatchesTheLocalRunRowForRow() {
    for (TableDefinition table : COMPARED) {
      List<String> onCluster = rows(clusterHome, table);
      assertThat(onCluster).as(table.name()).isNotEmpty()
          .containsExactlyElementsOf(rows(localHome, table));
    }
  }

  @Test
  void losingAWorkerMidJobStillGivesTheRightResult() throws Exception {
    long workerPid = state.workerPids().get(0);
    List<String> log = new ArrayList<>();
    boolean[] scoring = {false};
    boolean[] killed = {false};
    // Kill the first worker (and its executor) once the scoring stage has tasks running: like a
    // Spot node taken back mid-job.
    // One match rescored (its rows replaced in place): enough tasks to lose some, and the other
    // nine matches' rows must come through untouched.
    int exit = submit(clusterHome, state.masterUrl(), List.of("score", "--match",
        DemoData.FINAL), line -> {
      log.add(line);
      if (line.contains("Starting job: count at ScoreMatchJob")) {
        scoring[0] = true;
      }
      if (scoring[0] && !killed[0] && line.contains("Starting task")) {
        ProcessHandle.of(workerPid).ifPresent(worker -> {
          worker.descendants().forEach(ProcessHandle::destroyForcibly);
          worker.destroyForcibly();
        });
        killed[0] = true;
      }
      return false;
    });
    assertThat(killed[0]).as("the worker was killed during the scoring job").isTrue();
    assertThat(exit).as("the job finished despite the lost worker").isZero();
    assertThat(log).anyMatch(l -> l.contains("Lost executor") || l.contains("ExecutorLostFailure")
        || l.contains("Executor lost") || l.contains("lost worker"));
    assertThat(rows(clusterHome, PlayerPointsTable.DEFINITION))
        .containsExactlyElementsOf(rows(localHome, PlayerPointsTable.DEFINITION));
  }

  /** Runs `dugout demo` (or {@code args}) through spark-submit on {@code master}; returns the exit code. */
  static int submit(Path home, String master, List<String> args, Predicate<String> onLine)
      throws IOException, InterruptedException {
    Path logConfig = root.resolve("log4j2-scheduler.properties");
    Files.writeString(logConfig, String.join("\n",
        "rootLogger.level = warn", "rootLogger.appenderRef.out.ref = out",
        "appender.out.type = Console", "appender.out.name = out",
        "appender.out.layout.type = PatternLayout", "appender.out.layout.pattern = %p %c{1}: %m%n",
        "logger.sc.name = org.apache.spark.SparkContext", "logger.sc.level = info",
        "logger.tsm.name = org.apache.spark.scheduler.TaskSetManager", "logger.tsm.level = info",
        "logger.tsi.name = org.apache.spark.scheduler.TaskSchedulerImpl", "logger.tsi.level = info",
        "logger.dag.name = org.apache.spark.scheduler.DAGScheduler", "logger.dag.level = info",
        ""));
    List<String> dugoutArgs = args.isEmpty()
        ? List.of("demo", "--data", DemoData.directory().toAbsolutePath().toString()) : args;
    List<String> command = SparkSubmit.command(build, master,
        Map.of("spark.executor.memory", "1g", "spark.sql.shuffle.partitions", "4",
            "spark.ui.enabled", "false"),
        List.of("-Dlog4j2.configurationFile=" + logConfig), dugoutArgs);
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("DUGOUT_HOME", home.toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = pb.start();
    Path out = root.resolve(home.getFileName() + "-" + String.join("-", dugoutArgs.subList(0, 1))
        + ".log");
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var writer = Files.newBufferedWriter(out, java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND)) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.write(line);
        writer.newLine();
        if (STEP_LINE.matcher(line).find()) {
          System.out.println(home.getFileName() + " " + line); // the demo's step timings
        }
        onLine.test(line);
      }
    }
    int exit = process.waitFor();
    if (exit != 0) {
      System.out.println(Files.readString(out));
    }
    return exit;
  }

  /**
   * A table's rows as canonical strings, sorted, without the run columns: read with Iceberg's own
   * reader from the lakehouse the run wrote (its JDBC catalog is named after the Spark catalog).
   */
  static List<String> rows(Path home, TableDefinition table) {
    DugoutConfig config = DugoutConfig.embedded(home);
    try (JdbcCatalog catalog = new JdbcCatalog()) {
      catalog.initialize(Lakehouse.CATALOG, Map.of("uri", config.catalogUri(),
          "warehouse", config.warehouse(), "jdbc.schema-version", "V1"));
      List<String> rows = new ArrayList<>();
      try (CloseableIterable<Record> records =
          IcebergGenerics.read(catalog.loadTable(table.identifier())).build()) {
        // A row may name a file under its own home (the demo lands a feed from
        // <home>/demo-landing): the same file, in each home.
        String own = home.toAbsolutePath().toString();
        for (Record record : records) {
          rows.add(canonical(record).replace(own, "<home>"));
        }
      }
      java.util.Collections.sort(rows);
      return rows;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String canonical(Object value) {
    if (value instanceof Record record) {
      StringBuilder sb = new StringBuilder("{");
      for (Types.NestedField field : record.struct().fields()) {
        if (!RUN_COLUMNS.contains(field.name())) {
          sb.append(field.name()).append('=').append(canonical(record.getField(field.name())))
              .append(';');
        }
      }
      return sb.append('}').toString();
    }
    if (value instanceof Map<?, ?> map) {
      java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
      return sorted.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ClusterIT::canonical).toList().toString();
    }
    return String.valueOf(value);
  }
}
