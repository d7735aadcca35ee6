package dev.dugout.quality;

/** The result of one constraint: failures are values, not exceptions. */
public record ConstraintOutcome(
    String checkName,
    Severity severity,
    String constraint,
    boolean passed,
    String message,
    String metricName,
    Double metricValue) {

  public boolean blocksPublishing() {
    return !passed && severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return (passed ? "PASS " : severity == Severity.ERROR ? "FAIL " : "WARN ") + checkName + ": "
        + constraint + (message == null ? "" : " (" + message + ")");
  }
}
