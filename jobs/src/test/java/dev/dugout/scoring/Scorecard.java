package dev.dugout.scoring;

import dev.dugout.tables.MatchPlayersTable.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds minimal delivery sequences for scoring tests. Two teams, Home (H1..H12) and Away
 * (A1..A12), all role UNKNOWN unless set; Home bats first. Each {@link #ball} adds one delivery to
 * the current over.
 */
final class Scorecard {
  static final String HOME = "Home";
  static final String AWAY = "Away";

  private final Map<String, PoolPlayer> pool = new LinkedHashMap<>();
  private final List<Ball> balls = new ArrayList<>();
  private int innings = 1;
  private int over;
  private int ballInOver;
  private boolean superOver;
  private String batting = HOME;

  Scorecard() {
    for (int i = 1; i <= 12; i++) {
      pool.put("H" + i, new PoolPlayer("H" + i, "Home " + i, HOME, Role.UNKNOWN));
      pool.put("A" + i, new PoolPlayer("A" + i, "Away " + i, AWAY, Role.UNKNOWN));
    }
  }

  Scorecard role(String playerId, Role role) {
    PoolPlayer p = pool.get(playerId);
    pool.put(playerId, new PoolPlayer(p.playerId(), p.name(), p.team(), role));
    return this;
  }

  /** A delivery from {@code bowler} to {@code batter}; refine it with the returned builder. */
  Ball ball(String bowler, String batter) {
    Ball b = new Ball(innings, superOver, batting, over, ++ballInOver, bowler, batter);
    balls.add(b);
    return b;
  }

  /** {@code n} dot balls (legal, nothing scored). */
  Scorecard dots(String bowler, String batter, int n) {
    for (int i = 0; i < n; i++) {
      ball(bowler, batter);
    }
    return this;
  }

  Scorecard nextOver() {
    over++;
    ballInOver = 0;
    return this;
  }

  Scorecard secondInnings() {
    innings = 2;
    batting = AWAY;
    over = 0;
    ballInOver = 0;
    return this;
  }

  Scorecard superOverInnings() {
    innings++;
    superOver = true;
    over = 0;
    ballInOver = 0;
    return this;
  }

  List<Delivery> deliveries() {
    List<Delivery> out = new ArrayList<>();
    for (Ball b : balls) {
      out.add(b.toDelivery(out.size() + 1));
    }
    return out;
  }

  Map<String, PlayerScore> score(RuleSet rules) {
    Map<String, PlayerScore> byId = new LinkedHashMap<>();
    for (PlayerScore s : MatchScorer.score(List.copyOf(pool.values()), deliveries(),
        new PointsCalculator(rules))) {
      byId.put(s.player().playerId(), s);
    }
    return byId;
  }

  /** One delivery under construction. */
  static final class Ball {
    private final int innings;
    private final boolean superOver;
    private final String batting;
    private final int over;
    private final int ballInOver;
    private final String bowler;
    private final String batter;
    private String nonStriker;
    private int runs;
    private boolean nonBoundary;
    private int wides;
    private int noballs;
    private int byes;
    private int legbyes;
    private int penalty;
    private final List<Delivery.Wicket> wickets = new ArrayList<>();

    Ball(int innings, boolean superOver, String batting, int over, int ballInOver, String bowler,
        String batter) {
      this.innings = innings;
      this.superOver = superOver;
      this.batting = batting;
      this.over = over;
      this.ballInOver = ballInOver;
      this.bowler = bowler;
      this.batter = batter;
      this.nonStriker = batter.startsWith("H") ? (batter.equals("H2") ? "H1" : "H2")
          : (batter.equals("A2") ? "A1" : "A2");
    }

    Ball runs(int n) {
      runs = n;
      return this;
    }

    Ball nonBoundary() {
      nonBoundary = true;
      return this;
    }

    Ball wide(int n) {
      wides = n;
      return this;
    }

    Ball noball() {
      noballs = 1;
      return this;
    }

    Ball byes(int n) {
      byes = n;
      return this;
    }

    Ball legbyes(int n) {
      legbyes = n;
      return this;
    }

    Ball nonStriker(String id) {
      nonStriker = id;
      return this;
    }

    /** A wicket; fielders are pool ids, or names prefixed "sub:" for a substitute outside the pool. */
    Ball out(String kind, String playerOut, String... fielders) {
      List<Delivery.Fielder> list = new ArrayList<>();
      for (String f : fielders) {
        boolean sub = f.startsWith("sub:");
        list.add(new Delivery.Fielder(sub ? "X-" + f.substring(4) : f, f, sub));
      }
      wickets.add(new Delivery.Wicket(kind, playerOut, list));
      return this;
    }

    Ball out(String kind) {
      return out(kind, batter);
    }

    Delivery toDelivery(int seq) {
      return new Delivery(seq, innings, superOver, batting, over, ballInOver, batter, bowler,
          nonStriker, runs, nonBoundary, wides, noballs, byes, legbyes, penalty, wickets);
    }
  }
}
