package dev.dugout.quality;

import java.util.ArrayList;
import java.util.List;

/** A named group of constraints with one severity: a builder, so checks read like a spec. */
public final class TableCheck {
  private final String name;
  private final Severity severity;
  private final List<Constraint> constraints = new ArrayList<>();

  private TableCheck(String name, Severity severity) {
    this.name = name;
    this.severity = severity;
  }

  public static TableCheck error(String name) {
    return new TableCheck(name, Severity.ERROR);
  }

  public static TableCheck warning(String name) {
    return new TableCheck(name, Severity.WARNING);
  }

  public TableCheck complete(String... columns) {
    for (String column : columns) {
      constraints.add(new Constraint.Complete(column));
    }
    return this;
  }

  public TableCheck unique(String... columns) {
    constraints.add(new Constraint.Unique(List.of(columns)));
    return this;
  }

  public TableCheck between(String column, double min, double max) {
    constraints.add(new Constraint.Between(column, min, max));
    return this;
  }

  public TableCheck oneOf(String column, List<String> allowed) {
    constraints.add(new Constraint.OneOf(column, List.copyOf(allowed)));
    return this;
  }

  public TableCheck holds(String meaning, String sqlPredicate) {
    constraints.add(new Constraint.Holds(meaning, sqlPredicate));
    return this;
  }

  public TableCheck minRows(long min) {
    constraints.add(new Constraint.MinRows(min));
    return this;
  }

  public String name() {
    return name;
  }

  public Severity severity() {
    return severity;
  }

  public List<Constraint> constraints() {
    return List.copyOf(constraints);
  }
}
