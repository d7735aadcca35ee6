package dev.dugout.quality;

import java.util.List;
import java.util.stream.Collectors;

/** A run's data failed error-level checks, so nothing was published; lists what failed. */
public final class QualityGateException extends RuntimeException {
  private final List<CheckReport> reports;

  public QualityGateException(String runId, List<CheckReport> reports) {
    super(message(runId, reports));
    this.reports = List.copyOf(reports);
  }

  public List<CheckReport> reports() {
    return reports;
  }

  private static String message(String runId, List<CheckReport> reports) {
    String failed = reports.stream()
        .flatMap(r -> r.outcomes().stream().filter(ConstraintOutcome::blocksPublishing)
            .map(o -> "  " + r.table() + ": " + o))
        .collect(Collectors.joining("\n"));
    return "Quality gate rejected run " + runId + "; main was left untouched. Failed constraints:\n"
        + failed + "\nSee dq.check_results WHERE run_id = '" + runId + "'.";
  }
}
