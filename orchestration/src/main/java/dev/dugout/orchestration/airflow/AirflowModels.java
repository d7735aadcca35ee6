package dev.dugout.orchestration.airflow;

import java.util.List;
import java.util.Map;

/** What the client reads back from Airflow: the fields Dugout uses, in both API versions. */
public final class AirflowModels {
  private AirflowModels() {}

  /** A DAG run. {@code state}: queued, running, success or failed. */
  public record DagRun(String dagId, String dagRunId, String state, Map<String, Object> conf,
      String startDate, String endDate) {
    public boolean finished() {
      return "success".equals(state) || "failed".equals(state);
    }
  }

  /** A task instance of a DAG run; {@code state} may be null (not scheduled yet). */
  public record TaskInstance(String taskId, String state, int tryNumber, String startDate,
      String endDate) {}

  /**
   * What to clear. Both flags are sent explicitly: Airflow's defaults ({@code dry_run} and
   * {@code only_failed} true) are not the client's to guess.
   */
  public record ClearRequest(String dagRunId, List<String> taskIds, boolean dryRun,
      boolean onlyFailed) {
    public ClearRequest {
      taskIds = taskIds == null ? null : List.copyOf(taskIds);
    }
  }
}
