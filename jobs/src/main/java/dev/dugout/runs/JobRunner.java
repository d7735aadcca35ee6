package dev.dugout.runs;

import dev.dugout.tables.JobRunsTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.TableWrites;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a job body and records it in {@code ops.job_runs}, succeeded or failed. A failure is
 * recorded with its message and then rethrown: nothing is swallowed.
 */
public final class JobRunner {
  private JobRunner() {}

  public static JobOutcome run(SparkSession spark, String command, Map<String, String> options,
      Function<JobRun, JobOutcome> body) {
    return run(spark, command, options, true, body);
  }

  /**
   * As {@link #run}, but with {@code recorded} false nothing is written about the run: for a run
   * that promises to write nothing (a dry run), whose outcome is what it prints.
   */
  public static JobOutcome run(SparkSession spark, String command, Map<String, String> options,
      boolean recorded, Function<JobRun, JobOutcome> body) {
    JobRun run = new JobRun(spark, command, options, Instant.now());
    if (!recorded) {
      return body.apply(run);
    }
    JobOutcome outcome;
    try {
      outcome = body.apply(run);
    } catch (RuntimeException | Error e) {
      try {
        record(run, JobRunsTable.Status.FAILED, new JobOutcome(run.runId(), 0, 0, Map.of(), null),
            describe(e));
      } catch (RuntimeException recordingFailed) {
        // The job's own failure is the one to report; keep the audit failure with it.
        e.addSuppressed(recordingFailed);
      }
      throw e;
    }
    record(run, JobRunsTable.Status.SUCCEEDED, outcome, null);
    return outcome;
  }

  private static void record(JobRun run, JobRunsTable.Status status, JobOutcome outcome,
      String error) {
    RowBuilder row = new RowBuilder(JobRunsTable.DEFINITION)
        .set(JobRunsTable.RUN_ID, run.runId())
        .set(JobRunsTable.COMMAND, run.command())
        .set(JobRunsTable.OPTIONS, optionsAndMetrics(run))
        .set(JobRunsTable.STARTED_AT, Timestamp.from(run.startedAt()))
        .set(JobRunsTable.ENDED_AT, Timestamp.from(Instant.now()))
        .set(JobRunsTable.STATUS, status.name())
        .set(JobRunsTable.ROWS_IN, outcome.rowsIn())
        .set(JobRunsTable.ROWS_OUT, outcome.rowsOut())
        .set(JobRunsTable.SNAPSHOTS_READ, run.snapshotsRead())
        .set(JobRunsTable.SNAPSHOTS_WRITTEN, outcome.snapshotsWritten())
        .set(JobRunsTable.ERROR, error)
        .set(JobRunsTable.SUMMARY, outcome.summary());
    TableWrites.append(run.spark().createDataFrame(List.of(row.build()), row.sparkSchema()),
        JobRunsTable.DEFINITION);
  }

  /**
   * The run's options, and its metrics under {@value #METRIC_PREFIX}: ops.job_runs has no metrics
   * column yet, and adding one needs a migration of every existing lakehouse; the options map
   * holds them meanwhile without a schema change.
   */
  static Map<String, String> optionsAndMetrics(JobRun run) {
    Map<String, String> all = new java.util.LinkedHashMap<>(run.options());
    run.metrics().forEach((name, value) -> all.put(METRIC_PREFIX + name, value));
    return all;
  }

  public static final String METRIC_PREFIX = "metric.";

  private static String describe(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    String text = trace.toString();
    return text.length() > 8000 ? text.substring(0, 8000) + "..." : text;
  }
}
