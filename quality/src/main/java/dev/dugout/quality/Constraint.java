package dev.dugout.quality;

import java.util.List;

/**
 * One declarative data-quality constraint, in plain Java. {@link DeequRunner} translates it to a
 * Deequ constraint; job and checks code never sees Scala types.
 */
public sealed interface Constraint {
  /** How the constraint reads in reports and in {@code dq.check_results}. */
  String describe();

  /** Every row has a value in {@code column}. */
  record Complete(String column) implements Constraint {
    public String describe() {
      return "complete(" + column + ")";
    }
  }

  /** No two rows share the values of {@code columns}. */
  record Unique(List<String> columns) implements Constraint {
    public String describe() {
      return "unique(" + String.join(", ", columns) + ")";
    }
  }

  /** Every value of {@code column} is within [min, max]. */
  record Between(String column, double min, double max) implements Constraint {
    public String describe() {
      return "between(" + column + ", " + min + ", " + max + ")";
    }
  }

  /** Every value of {@code column} is one of {@code allowed}. */
  record OneOf(String column, List<String> allowed) implements Constraint {
    public String describe() {
      return "one_of(" + column + ", " + allowed + ")";
    }
  }

  /** The SQL predicate holds on every row; {@code name} says what it means. */
  record Holds(String name, String predicate) implements Constraint {
    public String describe() {
      return name + ": " + predicate;
    }
  }

  /** The data has at least {@code min} rows. */
  record MinRows(long min) implements Constraint {
    public String describe() {
      return "rows >= " + min;
    }
  }
}
