package dev.dugout.lakehouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.ExecSubqueryExpression;
import org.apache.spark.sql.execution.FilterExec;
import org.apache.spark.sql.execution.InputAdapter;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanExecBase;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import scala.collection.JavaConverters;

/**
 * The rows of a DataFrame that only reads columns of one table (a scan, and the filter Spark
 * leaves after it), read in place from the scan's columnar batches: no copy of each row into
 * Spark's binary row format, which is what Spark's own plan does between the scan and the next
 * operator. A table scan that reads rows (Iceberg reads nested columns so: a team's player ids)
 * gives its own rows, likewise uncopied. Each row is valid until the next row; its columns are
 * where the scan has them ({@link #positions}).
 */
public final class ColumnarScan {
  /** The scan's rows: views of its batches, or the rows of a scan that reads rows. */
  private final JavaRDD<InternalRow> scanned;
  private final int[] positions;
  // The condition rows must meet (a filter the scan could not apply in full), on the scan's
  // columns; null for none.
  private final Expression condition;
  private final List<Attribute> read;

  private ColumnarScan(JavaRDD<InternalRow> scanned, int[] positions, Expression condition,
      List<Attribute> read) {
    this.scanned = scanned;
    this.positions = positions;
    this.condition = condition;
    this.read = read;
  }

  /**
   * The table scan under {@code rows}, if its physical plan is only that: a columnar scan (or a
   * data source's scan of rows), perhaps a filter of its rows (what the scan could not apply of
   * a {@code where}; no subquery), and its columns selected as they are (nothing computed).
   * Empty otherwise: then read {@code rows} through Spark's plan.
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
    Expression condition = null;
    if (plan instanceof FilterExec filter) {
      // A subquery's value comes from a plan of its own, which only Spark's execution runs.
      if (ExecSubqueryExpression.hasSubquery(filter.condition())) {
        return Optional.empty();
      }
      condition = filter.condition();
      plan = filter.child();
    }
    if (plan instanceof InputAdapter adapter) {
      // A scan of rows, under whole-stage code generation.
      plan = adapter.child();
    }
    SparkPlan scan;
    if (plan instanceof ColumnarToRowExec toRows && toRows.child().supportsColumnar()) {
      scan = toRows.child();
    } else if (plan instanceof DataSourceV2ScanExecBase && !plan.supportsColumnar()) {
      scan = plan;
    } else {
      return Optional.empty();
    }
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
    JavaRDD<InternalRow> scanned = scan.supportsColumnar()
        ? scan.executeColumnar().toJavaRDD().flatMap(ColumnarBatch::rowIterator)
        : scan.execute().toJavaRDD();
    return Optional.of(new ColumnarScan(scanned, positions, condition, new ArrayList<>(read)));
  }

  /** Where each of the DataFrame's columns is in the rows of {@link #rows}. */
  public int[] positions() {
    return positions.clone();
  }

  /**
   * The scan's rows that meet its filter, in the scan's order: each valid until the next row (a
   * view of its batch, or a row the scan reuses).
   */
  public JavaRDD<InternalRow> rows() {
    if (condition == null) {
      return scanned;
    }
    Expression meets = condition;
    List<Attribute> columns = read;
    return scanned.mapPartitionsWithIndex((partition, rows) -> {
      BasePredicate predicate = Predicate.create(meets,
          JavaConverters.asScalaBuffer(columns).toSeq());
      predicate.initialize(partition);
      return new Meeting(rows, predicate);
    }, true);
  }

  /** The rows that meet a predicate; {@code hasNext} moves to the next one. */
  private static final class Meeting implements java.util.Iterator<InternalRow> {
    private final java.util.Iterator<InternalRow> rows;
    private final BasePredicate predicate;
    private InternalRow next;

    Meeting(java.util.Iterator<InternalRow> rows, BasePredicate predicate) {
      this.rows = rows;
      this.predicate = predicate;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (!rows.hasNext()) {
          return false;
        }
        InternalRow row = rows.next();
        if (predicate.eval(row)) {
          next = row;
        }
      }
      return true;
    }

    @Override
    public InternalRow next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      InternalRow row = next;
      next = null;
      return row;
    }
  }
}
