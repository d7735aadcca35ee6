package dev.dugout.quality;

import java.util.List;

/** All constraint outcomes of one table's audit. */
public record CheckReport(String table, List<ConstraintOutcome> outcomes) {
  public CheckReport {
    outcomes = List.copyOf(outcomes);
  }

  public boolean blocksPublishing() {
    return outcomes.stream().anyMatch(ConstraintOutcome::blocksPublishing);
  }

  public List<ConstraintOutcome> failures() {
    return outcomes.stream().filter(o -> !o.passed()).toList();
  }
}
