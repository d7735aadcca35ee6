package dev.dugout.lakehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.JavaConverters;

/**
 * The rows of a DataFrame that only reads columns of one table (a scan, its filters pushed into
 * it), read in place from the scan's columnar batches: no copy of each row into Spark's binary row
 * format, which is what Spark's own plan does between the scan and the next operator. Each row is
 * a view of its batch, valid until the next row; its columns are where the scan has them
 * ({@link #positions}).
 */
public final class ColumnarScan {
  private final JavaRDD<ColumnarBatch> batches;
  private final int[] positions;

  private ColumnarScan(JavaRDD<ColumnarBatch> batches, int[] positions) {
    this.batches = batches;
    this.positions = positions;
  }

  /**
   * The columnar scan under {@code rows}, if its physical plan is only that: a columnar scan whose
   * columns are selected as they are (no filter left after the scan, nothing computed). Empty
   * otherwise: then read {@code rows} as rows.
   */
  public static Optional<ColumnarScan> of(Dataset<Row> rows) {
    SparkPlan plan = rows.queryExecution().executedPlan();
    if (plan instanceof WholeStageCodegenExec codegen) {
      plan = codegen.child();
    }
    List<Attribute> wanted = new ArrayList<>();
    if (plan instanceof ProjectExec project) {
      for (NamedExpression e : JavaConverters.seqAsJavaList(project.projectList())) {
        if (!(e instanceof Attribute a)) {
          return Optional.empty();
        }
        wanted.add(a);
      }
      plan = project.child();
    } else {
      wanted.addAll(JavaConverters.seqAsJavaList(plan.output()));
    }
    if (!(plan instanceof ColumnarToRowExec toRows) || !toRows.child().supportsColumnar()) {
      return Optional.empty();
    }
    SparkPlan scan = toRows.child();
    List<Attribute> read = JavaConverters.seqAsJavaList(scan.output());
    int[] positions = new int[wanted.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = -1;
      for (int j = 0; j < read.size(); j++) {
        if (read.get(j).exprId().equals(wanted.get(i).exprId())) {
          positions[i] = j;
        }
      }
      if (positions[i] < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(new ColumnarScan(scan.executeColumnar().toJavaRDD(), positions));
  }

  /** Where each of the DataFrame's columns is in the rows of {@link #rows}. */
  public int[] positions() {
    return positions.clone();
  }

  /** The scan's rows, batch after batch: each a view of its batch, reused for the next row. */
  public JavaRDD<InternalRow> rows() {
    return batches.flatMap(ColumnarBatch::rowIterator);
  }
}
