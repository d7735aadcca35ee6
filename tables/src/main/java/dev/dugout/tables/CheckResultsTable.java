package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code dq.check_results}: every constraint of every gate run, with its metric. */
public final class CheckResultsTable {
  private CheckResultsTable() {}

  public static final String RUN_ID = "run_id";
  public static final String TABLE_NAME = "table_name";
  public static final String BRANCH = "branch";
  public static final String SNAPSHOT_ID = "snapshot_id";
  public static final String CHECK_NAME = "check_name";
  public static final String CHECK_LEVEL = "check_level";
  public static final String CONSTRAINT_NAME = "constraint_name";
  public static final String STATUS = "status";
  public static final String MESSAGE = "message";
  public static final String METRIC_NAME = "metric_name";
  public static final String METRIC_VALUE = "metric_value";
  public static final String CHECKED_AT = "checked_at";

  public static final Schema SCHEMA =
      new Schema(
          required(1, RUN_ID, Types.StringType.get()),
          required(2, TABLE_NAME, Types.StringType.get()),
          required(3, BRANCH, Types.StringType.get(), "the audit branch the data was checked on"),
          optional(4, SNAPSHOT_ID, Types.LongType.get(), "snapshot of that branch that was checked"),
          required(5, CHECK_NAME, Types.StringType.get()),
          required(6, CHECK_LEVEL, Types.StringType.get(), "Error blocks publishing; Warning is stored"),
          required(7, CONSTRAINT_NAME, Types.StringType.get()),
          required(8, STATUS, Types.StringType.get(), "Success or Failure"),
          optional(9, MESSAGE, Types.StringType.get()),
          optional(10, METRIC_NAME, Types.StringType.get()),
          optional(11, METRIC_VALUE, Types.DoubleType.get(), "Deequ metrics are doubles"),
          required(12, CHECKED_AT, Types.TimestampType.withZone()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("dq", "check_results"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).month(CHECKED_AT).build(),
          SortOrder.builderFor(SCHEMA).asc(TABLE_NAME).asc(CHECKED_AT).build(),
          TableProperties.standard(Map.of()),
          "Data-quality results and metrics of every gate run.",
          "months(checked_at): anomaly checks compare a table with its recent history.");
}
