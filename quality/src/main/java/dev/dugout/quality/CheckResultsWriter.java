package dev.dugout.quality;

import dev.dugout.tables.CheckResultsTable;
import dev.dugout.tables.TableWrites;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** Appends every outcome of a gate run to {@code dq.check_results}, passes and failures alike. */
final class CheckResultsWriter {
  private static final StructType SPARK_SCHEMA = SparkSchemaUtil.convert(CheckResultsTable.SCHEMA);

  private CheckResultsWriter() {}

  static void append(SparkSession spark, String runId, String branch, CheckReport report,
      Long snapshotId, Instant checkedAt) {
    List<Row> rows = new ArrayList<>();
    for (ConstraintOutcome o : report.outcomes()) {
      rows.add(RowFactory.create(runId, report.table(), branch, snapshotId, o.checkName(),
          o.severity().name(), o.constraint(), o.passed() ? "Success" : "Failure", o.message(),
          o.metricName(), o.metricValue(), Timestamp.from(checkedAt)));
    }
    TableWrites.append(spark.createDataFrame(rows, SPARK_SCHEMA), CheckResultsTable.DEFINITION);
  }
}
