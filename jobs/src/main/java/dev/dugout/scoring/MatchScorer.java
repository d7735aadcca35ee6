package dev.dugout.scoring;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replays a match's deliveries in order, keeping every pool player's stat line, and records each
 * player's points after every delivery. The final points are the last element of that timeline,
 * so a live replay and a batch run agree by construction.
 */
public final class MatchScorer {
  private static final String CAUGHT = "caught";
  private static final String CAUGHT_AND_BOWLED = "caught and bowled";
  private static final String STUMPED = "stumped";
  private static final String RUN_OUT = "run out";

  private final PointsCalculator calculator;
  private final Map<String, PoolPlayer> pool = new LinkedHashMap<>();
  private final Map<String, StatLine> stats = new HashMap<>();
  private final Map<String, BigDecimal> current = new HashMap<>();
  private final Map<String, List<BigDecimal>> timelines = new HashMap<>();
  private final Map<Long, OverState> overs = new HashMap<>();

  private MatchScorer(PointsCalculator calculator, List<PoolPlayer> players) {
    this.calculator = calculator;
    for (PoolPlayer p : players) {
      pool.put(p.playerId(), p);
      StatLine line = new StatLine();
      stats.put(p.playerId(), line);
      current.put(p.playerId(), calculator.total(line, p.role()));
      timelines.put(p.playerId(), new ArrayList<>());
    }
  }

  /** Scores one match; deliveries must be sorted by {@code seq}, numbered 1, 2, 3, ... */
  public static List<PlayerScore> score(
      List<PoolPlayer> players, List<Delivery> deliveries, PointsCalculator calculator) {
    MatchScorer scorer = new MatchScorer(calculator, players);
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      if (d.seq() != i + 1) {
        throw new IllegalArgumentException("deliveries must be numbered 1..n in order; position "
            + (i + 1) + " has seq " + d.seq());
      }
      scorer.apply(d);
    }
    return scorer.results();
  }

  private void apply(Delivery d) {
    Set<String> touched = new LinkedHashSet<>();
    if (!d.superOver()) {
      bat(d, touched);
      bowl(d, touched);
      for (Delivery.Wicket w : d.wickets()) {
        wicket(d, w, touched);
      }
    }
    for (String id : touched) {
      current.put(id, calculator.total(stats.get(id), pool.get(id).role()));
    }
    for (Map.Entry<String, List<BigDecimal>> e : timelines.entrySet()) {
      e.getValue().add(current.get(e.getKey()));
    }
  }

  private void bat(Delivery d, Set<String> touched) {
    StatLine batter = line(d.batterId(), "batter", d);
    if (d.wides() == 0) {
      batter.ballsFaced++;
    }
    batter.runs += d.runsBatter();
    if (!d.nonBoundary() && d.runsBatter() == 4) {
      batter.fours++;
    } else if (!d.nonBoundary() && d.runsBatter() == 6) {
      batter.sixes++;
    }
    touched.add(d.batterId());
  }

  private void bowl(Delivery d, Set<String> touched) {
    StatLine bowler = line(d.bowlerId(), "bowler", d);
    if (d.legal()) {
      bowler.legalBallsBowled++;
      if (d.runsConceded() == 0) {
        bowler.dotBalls++;
      }
    }
    bowler.runsConceded += d.runsConceded();
    touched.add(d.bowlerId());
    OverState over = overs.computeIfAbsent(((long) d.innings() << 32) | d.over(), k -> new OverState());
    over.add(d);
    String creditTo = over.maidenBowler(calculator.rules().ballsPerOver());
    if (!java.util.Objects.equals(creditTo, over.creditedTo)) {
      if (over.creditedTo != null) {
        stats.get(over.creditedTo).maidens--;
        touched.add(over.creditedTo);
      }
      if (creditTo != null) {
        stats.get(creditTo).maidens++;
        touched.add(creditTo);
      }
      over.creditedTo = creditTo;
    }
  }

  private void wicket(Delivery d, Delivery.Wicket w, Set<String> touched) {
    RuleSet rules = calculator.rules();
    if (!rules.notDismissedKinds().contains(w.kind())) {
      line(w.playerOutId(), "player out", d).dismissed = true;
      touched.add(w.playerOutId());
    }
    StatLine bowler = stats.get(d.bowlerId());
    if (rules.bowlerWicketKinds().contains(w.kind())) {
      bowler.wickets++;
      if (rules.lbwBowledKinds().contains(w.kind())) {
        bowler.lbwBowled++;
      }
    }
    List<Delivery.Fielder> fielders = w.fielders();
    switch (w.kind()) {
      case CAUGHT -> {
        if (!fielders.isEmpty()) {
          credit(d, fielders.get(0), touched, s -> s.catches++);
        }
      }
      case CAUGHT_AND_BOWLED -> bowler.catches++;
      case STUMPED -> {
        if (!fielders.isEmpty()) {
          credit(d, fielders.get(0), touched, s -> s.stumpings++);
        }
      }
      case RUN_OUT -> {
        if (fielders.size() == 1) {
          credit(d, fielders.get(0), touched, s -> s.runOutsDirect++);
        } else if (fielders.size() >= 2) {
          credit(d, fielders.get(fielders.size() - 2), touched, s -> s.runOutsShared++);
          credit(d, fielders.get(fielders.size() - 1), touched, s -> s.runOutsShared++);
        }
      }
      default -> { }
    }
  }

  /** Fielders earn points only when they are in the fielding side's pool. */
  private void credit(Delivery d, Delivery.Fielder f, Set<String> touched,
      java.util.function.Consumer<StatLine> update) {
    PoolPlayer player = f.playerId() == null ? null : pool.get(f.playerId());
    if (player != null && !player.team().equals(d.battingTeam())) {
      update.accept(stats.get(f.playerId()));
      touched.add(f.playerId());
    }
  }

  private StatLine line(String playerId, String what, Delivery d) {
    StatLine line = stats.get(playerId);
    if (line == null) {
      throw new IllegalArgumentException("delivery " + d.seq() + ": " + what + " " + playerId
          + " is not in the match's player pool");
    }
    return line;
  }

  private List<PlayerScore> results() {
    List<PlayerScore> out = new ArrayList<>();
    for (PoolPlayer p : pool.values()) {
      StatLine s = stats.get(p.playerId());
      out.add(new PlayerScore(p, s.asMap(), calculator.breakdown(s, p.role()),
          calculator.total(s, p.role()), List.copyOf(timelines.get(p.playerId()))));
    }
    return out;
  }

  /** One over of one innings: who bowled it, legal balls, runs conceded. */
  private static final class OverState {
    final Set<String> bowlers = new LinkedHashSet<>();
    int legal;
    int conceded;
    String creditedTo;

    void add(Delivery d) {
      bowlers.add(d.bowlerId());
      if (d.legal()) {
        legal++;
      }
      conceded += d.runsConceded();
    }

    /** The bowler owed a maiden for this over as it stands, or null. */
    String maidenBowler(int ballsPerOver) {
      return bowlers.size() == 1 && legal == ballsPerOver && conceded == 0
          ? bowlers.iterator().next() : null;
    }
  }
}
