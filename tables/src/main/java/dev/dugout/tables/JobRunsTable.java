package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code ops.job_runs}: one row per job run, so any row elsewhere traces back to its run. */
public final class JobRunsTable {
  private JobRunsTable() {}

  public static final String RUN_ID = "run_id";
  public static final String COMMAND = "command";
  public static final String OPTIONS = "options";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String STATUS = "status";
  public static final String ROWS_IN = "rows_in";
  public static final String ROWS_OUT = "rows_out";
  public static final String SNAPSHOTS_READ = "snapshots_read";
  public static final String SNAPSHOTS_WRITTEN = "snapshots_written";
  public static final String ERROR = "error";
  public static final String SUMMARY = "summary";

  public enum Status { SUCCEEDED, FAILED }

  public static final Schema SCHEMA =
      new Schema(
          required(1, RUN_ID, Types.StringType.get()),
          required(2, COMMAND, Types.StringType.get(), "e.g. import cricsheet, score"),
          required(3, OPTIONS, Types.MapType.ofRequired(13, 14, Types.StringType.get(),
              Types.StringType.get())),
          required(4, STARTED_AT, Types.TimestampType.withZone()),
          required(5, ENDED_AT, Types.TimestampType.withZone()),
          required(6, STATUS, Types.StringType.get(), "SUCCEEDED or FAILED"),
          required(7, ROWS_IN, Types.LongType.get()),
          required(8, ROWS_OUT, Types.LongType.get()),
          required(9, SNAPSHOTS_READ, Types.MapType.ofRequired(15, 16, Types.StringType.get(),
              Types.LongType.get()), "table -> snapshot id read"),
          required(10, SNAPSHOTS_WRITTEN, Types.MapType.ofRequired(17, 18, Types.StringType.get(),
              Types.LongType.get()), "table -> snapshot id published on main"),
          optional(11, ERROR, Types.StringType.get()),
          optional(12, SUMMARY, Types.StringType.get(), "the job's one-line summary"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("ops", "job_runs"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).month(STARTED_AT).build(),
          SortOrder.builderFor(SCHEMA).asc(STARTED_AT).build(),
          TableProperties.standard(Map.of()),
          "Audit of every job run: command, options, timings, status, rows, snapshots.",
          "months(started_at): operators look at recent runs; a month of runs fits in few files.");
}
