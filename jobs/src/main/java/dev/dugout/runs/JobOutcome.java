package dev.dugout.runs;

import java.util.Map;

/** What a job reports when it ends: counts, what it published, its one summary line. */
public record JobOutcome(String runId, long rowsIn, long rowsOut, Map<String, Long> snapshotsWritten,
    String summary) {
  public JobOutcome {
    snapshotsWritten = Map.copyOf(snapshotsWritten);
  }
}
