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

  /** A gate run's report on one table, with the snapshot id of the branch it checked. */
  record Checked(CheckReport report, Long snapshotId) {}

  /** Every outcome of {@code checked}, in one commit. */
  static void append(SparkSession spark, String runId, String branch, List<Checked> checked,
      Instant checkedAt) {
    List<Row> rows = new ArrayList<>();
    for (Checked c : checked) {
      for (ConstraintOutcome o : c.report().outcomes()) {
        rows.add(RowFactory.create(runId, c.report().table(), branch, c.snapshotId(),
            o.checkName(), o.severity().name(), o.constraint(), o.passed() ? "Success" : "Failure",
            o.message(), o.metricName(), o.metricValue(), Timestamp.from(checkedAt)));
      }
    }
    TableWrites.append(spark.createDataFrame(rows, SPARK_SCHEMA), CheckResultsTable.DEFINITION);
  }
}
