package dev.dugout.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

/** A player's match statistics so far, the only input of {@link PointsCalculator}. */
public final class StatLine {
  int runs;
  int ballsFaced;
  int fours;
  int sixes;
  boolean dismissed;
  int legalBallsBowled;
  int runsConceded;
  int dotBalls;
  int wickets;
  int lbwBowled;
  int maidens;
  int catches;
  int stumpings;
  int runOutsDirect;
  int runOutsShared;

  public int runs() {
    return runs;
  }

  public int ballsFaced() {
    return ballsFaced;
  }

  public boolean dismissed() {
    return dismissed;
  }

  public int wickets() {
    return wickets;
  }

  public int legalBallsBowled() {
    return legalBallsBowled;
  }

  public int runsConceded() {
    return runsConceded;
  }

  /** For {@code gold.player_points.stats}: every counter by name. */
  public Map<String, Integer> asMap() {
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("runs", runs);
    map.put("balls_faced", ballsFaced);
    map.put("fours", fours);
    map.put("sixes", sixes);
    map.put("dismissed", dismissed ? 1 : 0);
    map.put("legal_balls_bowled", legalBallsBowled);
    map.put("runs_conceded", runsConceded);
    map.put("dot_balls", dotBalls);
    map.put("wickets", wickets);
    map.put("lbw_bowled", lbwBowled);
    map.put("maidens", maidens);
    map.put("catches", catches);
    map.put("stumpings", stumpings);
    map.put("run_outs_direct", runOutsDirect);
    map.put("run_outs_shared", runOutsShared);
    return map;
  }
}
