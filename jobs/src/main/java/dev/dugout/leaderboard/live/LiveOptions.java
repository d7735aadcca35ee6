package dev.dugout.leaderboard.live;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of {@code dugout leaderboard --live}.
 *
 * @param every wall time between refreshes
 * @param replaySpeed null to follow deliveries as they land; otherwise replay the landed match
 *     this many times faster than real time ({@link #NOMINAL_DELIVERY_SECONDS} per delivery), or
 *     {@link Double#POSITIVE_INFINITY} for one over per refresh with no waiting
 * @param snapshotEvery deliveries between Iceberg snapshots; 0 for the end of every over; the final
 *     board is always written
 * @param watchContests contests whose top 10 the terminal view shows
 * @param watchUser a user whose entries the terminal view follows (null for none)
 */
public record LiveOptions(String matchId, Duration every, Double replaySpeed, int snapshotEvery,
    String ruleSet, List<String> watchContests, String watchUser, LiveLeaderboard.Layout layout) {
  /** A T20 delivery takes about 40 seconds of real time (120 balls in ~80 minutes). */
  public static final double NOMINAL_DELIVERY_SECONDS = 40;

  public LiveOptions {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("leaderboard --live: --match is required");
    }
    if (every.isNegative()) {
      throw new IllegalArgumentException("leaderboard --live: --every must not be negative; was "
          + every);
    }
    if (replaySpeed != null && !(replaySpeed > 0)) {
      throw new IllegalArgumentException("leaderboard --live: --replay-speed must be positive; was "
          + replaySpeed);
    }
    if (snapshotEvery < 0) {
      throw new IllegalArgumentException("leaderboard --live: --snapshot-every must be `over` or a"
          + " positive number of deliveries; was " + snapshotEvery);
    }
    watchContests = List.copyOf(watchContests);
  }

  /** {@code 60x}, {@code 60} or {@code max}. */
  public static Double parseSpeed(String text) {
    if (text == null) {
      return null;
    }
    if (text.equalsIgnoreCase("max")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      return Double.parseDouble(text.endsWith("x") ? text.substring(0, text.length() - 1) : text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--replay-speed: expected e.g. 60x or max, got '" + text
          + "'");
    }
  }

  /** {@code over} or a number of deliveries. */
  public static int parseSnapshotEvery(String text) {
    if (text.equalsIgnoreCase("over")) {
      return 0;
    }
    try {
      int n = Integer.parseInt(text);
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--snapshot-every: expected `over` or a positive number of"
          + " deliveries, got '" + text + "'");
    }
  }

  /** {@code 10s}, {@code 500ms}, {@code 0}. */
  public static Duration parseEvery(String text) {
    return dev.dugout.runs.Durations.parse(text, "--every");
  }

  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("match", matchId);
    m.put("live", "true");
    m.put("every", every.toString());
    m.put("replay_speed", replaySpeed == null ? "follow" : replaySpeed.toString());
    m.put("snapshot_every", snapshotEvery == 0 ? "over" : Integer.toString(snapshotEvery));
    m.put("rule_set", ruleSet);
    return m;
  }
}
