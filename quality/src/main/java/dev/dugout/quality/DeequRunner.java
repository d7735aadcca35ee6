package dev.dugout.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.constraints.ConstraintStatus;
import com.amazon.deequ.metrics.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * The facade over Deequ: translates {@link TableCheck}s to Deequ checks, runs them all in one
 * scan, and turns Deequ's Scala results into {@link ConstraintOutcome}s. The only class that
 * touches Deequ or Scala types. Unique keys are the exception: {@link KeyCounts} counts them, in a
 * second pass, far cheaper than Deequ's grouping.
 */
public final class DeequRunner {
  private DeequRunner() {}

  public static CheckReport run(String table, Dataset<Row> data, List<TableCheck> checks) {
    // Unique keys are counted here, by KeyCounts on a 64-bit hash of each key, not by Deequ, which
    // groups the rows by key through Spark SQL (a grouping of the ten million keys of a board took
    // 8 s, KeyCounts 1.7 s). Everything else goes to Deequ, in one scan.
    Map<Constraint.Unique, ConstraintOutcome> keys = new HashMap<>();
    VerificationSuite suite = new VerificationSuite();
    var builder = suite.onData(data);
    List<Check> deequChecks = new ArrayList<>();
    for (TableCheck check : checks) {
      Check deequ = toDeequ(check);
      deequChecks.add(deequ);
      builder = builder.addCheck(deequ);
      for (Constraint constraint : check.constraints()) {
        if (constraint instanceof Constraint.Unique u && !keys.containsKey(u)) {
          keys.put(u, uniqueness(check, u, data));
        }
      }
    }
    VerificationResult result = builder.run();
    List<ConstraintOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      TableCheck check = checks.get(i);
      CheckResult checkResult = result.checkResults().apply(deequChecks.get(i));
      // Deequ's results are in the order of the constraints it was given: all but unique keys.
      Iterator<ConstraintResult> results =
          JavaConverters.seqAsJavaList(checkResult.constraintResults()).iterator();
      for (Constraint constraint : check.constraints()) {
        if (constraint instanceof Constraint.Unique u) {
          ConstraintOutcome counted = keys.get(u);
          outcomes.add(new ConstraintOutcome(check.name(), check.severity(), u.describe(),
              counted.passed(), counted.message(), counted.metricName(), counted.metricValue()));
        } else {
          outcomes.add(outcome(check, constraint.describe(), results.next()));
        }
      }
    }
    return new CheckReport(table, outcomes);
  }

  /**
   * Whether no two rows of {@code data} share the key {@code u}. Keys are compared by a 64-bit
   * hash of their columns, each column's null flag hashed too, so (a, null) and (null, a) stay
   * apart; a key whose columns are all null is no key (never a duplicate), as NULLs in SQL. Two
   * distinct keys that collide read as a duplicate (about n^2 / 2^65: 3e-6 for ten million rows),
   * so a collision can fail the check, never let a duplicate pass. A failure names a few of the
   * keys found more than once.
   */
  private static ConstraintOutcome uniqueness(TableCheck check, Constraint.Unique u,
      Dataset<Row> data) {
    KeyCounts.Counts counts = KeyCounts.of(data, hashedKey(u.columns()));
    double fraction = counts.keyed() == 0 ? 1.0 : (double) counts.unique() / counts.keyed();
    String message = null;
    if (counts.duplicated() > 0) {
      Column[] columns = u.columns().stream().map(functions::col).toArray(Column[]::new);
      List<String> examples = new ArrayList<>();
      for (Row r : data.groupBy(columns).count().where(functions.col("count").gt(1))
          .limit(3).collectAsList()) {
        List<String> values = new ArrayList<>();
        for (int c = 0; c < u.columns().size(); c++) {
          values.add(u.columns().get(c) + "=" + r.get(c));
        }
        examples.add("(" + String.join(", ", values) + ") x" + r.getLong(u.columns().size()));
      }
      message = counts.duplicated() + " of " + counts.keyed() + " rows share their key with another"
          + " row" + (examples.isEmpty() ? " (by key hash: a collision of distinct keys)"
          : ", e.g. " + String.join(", ", examples));
    }
    return new ConstraintOutcome(check.name(), check.severity(), u.describe(),
        counts.duplicated() == 0, message, "Uniqueness(" + String.join(",", u.columns()) + ")",
        fraction);
  }

  private static ConstraintOutcome outcome(TableCheck check, String constraint, ConstraintResult r) {
    boolean passed = r.status() == ConstraintStatus.Success();
    String message = r.message().isDefined() ? r.message().get() : null;
    String metricName = null;
    Double metricValue = null;
    if (r.metric().isDefined()) {
      Metric<?> metric = r.metric().get();
      metricName = metric.name() + "(" + metric.instance() + ")";
      if (metric.value().isSuccess() && metric.value().get() instanceof Number number) {
        metricValue = number.doubleValue();
      }
    }
    return new ConstraintOutcome(
        check.name(), check.severity(), constraint, passed, message, metricName, metricValue);
  }

  private static Column hashedKey(List<String> columns) {
    List<Column> parts = new ArrayList<>();
    Column allNull = functions.lit(true);
    for (String c : columns) {
      parts.add(functions.col(c));
      parts.add(functions.col(c).isNull());
      allNull = allNull.and(functions.col(c).isNull());
    }
    return functions.when(allNull, functions.lit(null).cast("long"))
        .otherwise(functions.xxhash64(parts.toArray(Column[]::new)));
  }

  private static Check toDeequ(TableCheck check) {
    Check deequ = new Check(
        check.severity() == Severity.ERROR ? CheckLevel.Error() : CheckLevel.Warning(),
        check.name(),
        JavaConverters.asScalaBuffer(new ArrayList<com.amazon.deequ.constraints.Constraint>()).toSeq());
    for (Constraint constraint : check.constraints()) {
      if (!(constraint instanceof Constraint.Unique)) {
        deequ = add(deequ, constraint);
      }
    }
    return deequ;
  }

  private static Check add(Check deequ, Constraint constraint) {
    Option<String> noHint = Option.empty();
    if (constraint instanceof Constraint.Complete c) {
      return deequ.isComplete(c.column(), noHint, Option.empty());
    } else if (constraint instanceof Constraint.Between b) {
      // One Deequ constraint per Dugout constraint: outcomes are matched up by position.
      return deequ.isContainedIn(b.column(), b.min(), b.max(), true, true, noHint, Option.empty());
    } else if (constraint instanceof Constraint.OneOf o) {
      return deequ.isContainedIn(o.column(), o.allowed().toArray(String[]::new));
    } else if (constraint instanceof Constraint.Holds h) {
      return deequ.satisfies(h.predicate(), h.name(), new AtLeast(1.0), noHint,
          scala.collection.immutable.List$.MODULE$.<String>empty(), Option.empty());
    } else if (constraint instanceof Constraint.MinRows m) {
      return deequ.hasSize(new AtLeast(m.min()), noHint);
    }
    throw new IllegalArgumentException("No Deequ translation for " + constraint);
  }

  /** Deequ assertions are Scala functions over the metric value. */
  private static final class AtLeast extends AbstractFunction1<Object, Object>
      implements Serializable {
    private final double min;

    AtLeast(double min) {
      this.min = min;
    }

    @Override
    public Object apply(Object value) {
      return ((Number) value).doubleValue() >= min;
    }
  }
}
