package dev.dugout.settlement;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of {@code dugout settle}.
 *
 * @param rerun recompute a settled match after a correction (needs a reason and an operator)
 * @param publish publish a rerun that passed the gate (a first settlement always publishes)
 * @param dryRun compute and show the diff; write nothing
 * @param reproduce recompute this settlement from the snapshots it recorded and compare
 */
public record SettleOptions(String matchId, boolean rerun, String reason, String operator,
    boolean publish, boolean dryRun, String reproduce) {
  public SettleOptions {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("settle: --match is required");
    }
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("settle: an operator is required (--operator NAME)");
    }
    if (rerun && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("settle --rerun: say why with --reason TEXT");
    }
    if ((publish || dryRun) && !rerun) {
      throw new IllegalArgumentException("settle: --publish and --dry-run are for --rerun; a first"
          + " settlement publishes once it passes the gate");
    }
    if (publish && dryRun) {
      throw new IllegalArgumentException("settle: --publish and --dry-run exclude each other");
    }
    if (reproduce != null && (rerun || publish || dryRun)) {
      throw new IllegalArgumentException("settle --reproduce only recomputes and compares");
    }
  }

  public static SettleOptions first(String matchId, String operator) {
    return new SettleOptions(matchId, false, null, operator, false, false, null);
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("match", matchId);
    m.put("operator", operator);
    if (rerun) {
      m.put("rerun", "true");
      m.put("reason", reason);
      m.put("mode", publish ? "publish" : dryRun ? "dry-run" : "audit");
    }
    if (reproduce != null) {
      m.put("reproduce", reproduce);
    }
    return m;
  }
}
