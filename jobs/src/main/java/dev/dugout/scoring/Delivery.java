package dev.dugout.scoring;

import java.util.List;

/**
 * One delivery as the scoring engine sees it: source-neutral, keyed by player ids.
 *
 * @param seq 1-based position in the match (super overs included)
 * @param over 0-based over number, as Cricsheet counts
 * @param ballInOver 1-based position in the over's list of deliveries (extras included)
 */
public record Delivery(
    int seq,
    int innings,
    boolean superOver,
    String battingTeam,
    int over,
    int ballInOver,
    String batterId,
    String bowlerId,
    String nonStrikerId,
    int runsBatter,
    boolean nonBoundary,
    int wides,
    int noballs,
    int byes,
    int legbyes,
    int penalty,
    List<Wicket> wickets) implements java.io.Serializable {

  public Delivery {
    wickets = List.copyOf(wickets);
  }

  public record Wicket(String kind, String playerOutId, List<Fielder> fielders)
      implements java.io.Serializable {
    public Wicket {
      fielders = List.copyOf(fielders);
    }
  }

  /** A fielder named on a wicket; {@code playerId} is null when the source has no id for them. */
  public record Fielder(String playerId, String name, boolean substitute)
      implements java.io.Serializable {}

  public int runsExtras() {
    return wides + noballs + byes + legbyes + penalty;
  }

  public int runsTotal() {
    return runsBatter + runsExtras();
  }

  /** Neither a wide nor a no-ball. */
  public boolean legal() {
    return wides == 0 && noballs == 0;
  }

  /** Runs charged to the bowler: byes, leg-byes and penalty runs are not. */
  public int runsConceded() {
    return runsBatter + wides + noballs;
  }
}
