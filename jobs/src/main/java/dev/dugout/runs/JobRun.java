package dev.dugout.runs;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.TableDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of a job: its id (written on every row it produces), what it read, when it started.
 * Reads go through {@link #readMain}, which pins the snapshot and records its id, so a run can be
 * reproduced later by time travel.
 */
public final class JobRun {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final String runId;
  private final String command;
  private final Map<String, String> options;
  private final Instant startedAt;
  private final Map<String, Long> snapshotsRead = new LinkedHashMap<>();
  private final Map<String, String> metrics = new LinkedHashMap<>();

  JobRun(SparkSession spark, String command, Map<String, String> options, Instant startedAt) {
    this.spark = spark;
    this.command = command;
    this.options = Map.copyOf(options);
    this.startedAt = startedAt;
    this.runId = command.replaceAll("[^a-z0-9]+", "-") + "-" + ID_TIME.format(startedAt) + "-"
        + UUID.randomUUID().toString().substring(0, 8);
  }

  public String runId() {
    return runId;
  }

  public String command() {
    return command;
  }

  public Map<String, String> options() {
    return options;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public SparkSession spark() {
    return spark;
  }

  public Map<String, Long> snapshotsRead() {
    return Map.copyOf(snapshotsRead);
  }

  /**
   * Records a figure of the run (a counter, a latency), stored with it in ops.job_runs whether it
   * succeeds or fails; a later value of the same name replaces the earlier.
   */
  public void metric(String name, String value) {
    metrics.put(name, value);
  }

  /** The run's figures, by name. */
  public Map<String, String> metrics() {
    return Map.copyOf(metrics);
  }

  /** The table's {@code main} as of now, pinned to its current snapshot (recorded). */
  public Dataset<Row> readMain(TableDefinition table) {
    Snapshot current = Lakehouse.icebergCatalog(spark).loadTable(table.identifier()).currentSnapshot();
    if (current == null) {
      snapshotsRead.put(table.name(), -1L);
      return spark.table(table.name()).limit(0);
    }
    snapshotsRead.put(table.name(), current.snapshotId());
    return spark.read().option("snapshot-id", current.snapshotId()).table(table.name());
  }
}
