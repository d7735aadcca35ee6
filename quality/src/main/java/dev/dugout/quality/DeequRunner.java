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
 * touches Deequ or Scala types.
 */
public final class DeequRunner {
  private DeequRunner() {}

  public static CheckReport run(String table, Dataset<Row> data, List<TableCheck> checks) {
    // Each unique key is counted by a 64-bit hash of its columns: Deequ groups the rows by it, and
    // a long is far cheaper to hash and shuffle than strings (a settlement's ledger ids, a board's
    // keys). Two distinct keys that collide read as a duplicate, so a collision can fail the check
    // (about n^2 / 2^65: 3e-6 for ten million rows), never let a duplicate pass. Each column's
    // null flag is hashed too, so (a, null) and (null, a) stay apart, and a key whose columns are
    // all null stays null, left out as Deequ leaves it out.
    Map<Constraint, String> hashedKeys = new HashMap<>();
    for (TableCheck check : checks) {
      for (Constraint constraint : check.constraints()) {
        if (constraint instanceof Constraint.Unique u && !hashedKeys.containsKey(u)) {
          String column = "key_hash_" + String.join("_", u.columns());
          hashedKeys.put(u, column);
          data = data.withColumn(column, hashedKey(u.columns()));
        }
      }
    }
    VerificationSuite suite = new VerificationSuite();
    var builder = suite.onData(data);
    List<Check> deequChecks = new ArrayList<>();
    for (TableCheck check : checks) {
      Check deequ = toDeequ(check, hashedKeys);
      deequChecks.add(deequ);
      builder = builder.addCheck(deequ);
    }
    VerificationResult result = builder.run();
    List<ConstraintOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < checks.size(); i++) {
      TableCheck check = checks.get(i);
      CheckResult checkResult = result.checkResults().apply(deequChecks.get(i));
      List<ConstraintResult> results =
          JavaConverters.seqAsJavaList(checkResult.constraintResults());
      List<Constraint> constraints = check.constraints();
      for (int j = 0; j < results.size(); j++) {
        outcomes.add(outcome(check, constraints.get(j).describe(), results.get(j)));
      }
    }
    return new CheckReport(table, outcomes);
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

  private static Check toDeequ(TableCheck check, Map<Constraint, String> hashedKeys) {
    Check deequ = new Check(
        check.severity() == Severity.ERROR ? CheckLevel.Error() : CheckLevel.Warning(),
        check.name(),
        JavaConverters.asScalaBuffer(new ArrayList<com.amazon.deequ.constraints.Constraint>()).toSeq());
    for (Constraint constraint : check.constraints()) {
      deequ = add(deequ, constraint, hashedKeys);
    }
    return deequ;
  }

  private static Check add(Check deequ, Constraint constraint,
      Map<Constraint, String> hashedKeys) {
    Option<String> noHint = Option.empty();
    if (constraint instanceof Constraint.Complete c) {
      return deequ.isComplete(c.column(), noHint, Option.empty());
    } else if (constraint instanceof Constraint.Unique u) {
      return deequ.hasUniqueness(
          JavaConverters.asScalaBuffer(List.of(hashedKeys.get(u))).toSeq(), new AtLeast(1.0),
          noHint);
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
