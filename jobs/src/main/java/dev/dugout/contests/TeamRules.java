package dev.dugout.contests;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a fantasy team must satisfy to be written: 11 distinct players of the match pool, at
 * least one from each side, captain and vice-captain among them and different, saved before the
 * match locks. (At most 20 teams per user per match needs all of a user's teams: {@link
 * #MAX_TEAMS_PER_USER} is checked where they are grouped.)
 */
public final class TeamRules implements Serializable {
  public static final int PLAYERS = 11;
  public static final int MAX_TEAMS_PER_USER = 20;

  /** Player id -> side (team name) for every player of the match's pool. */
  private final Map<String, String> sideOf;
  private final Instant locksAt;

  public TeamRules(Map<String, String> sideOf, Instant locksAt) {
    this.sideOf = Map.copyOf(sideOf);
    this.locksAt = locksAt;
  }

  /** Why the team breaks a rule, or empty when it is valid. */
  public Optional<String> violation(List<String> players, String captain, String viceCaptain,
      Instant savedAt) {
    if (players.size() != PLAYERS) {
      return Optional.of("a team has " + PLAYERS + " players, this one " + players.size());
    }
    Set<String> distinct = new HashSet<>(players);
    if (distinct.size() != PLAYERS) {
      return Optional.of("players repeat: " + players);
    }
    Set<String> sides = new HashSet<>();
    for (String p : players) {
      String side = sideOf.get(p);
      if (side == null) {
        return Optional.of("player " + p + " is not in the match's player pool");
      }
      sides.add(side);
    }
    if (sides.size() < 2) {
      return Optional.of("all players are from " + sides.iterator().next()
          + "; at least one from each side");
    }
    if (!distinct.contains(captain)) {
      return Optional.of("captain " + captain + " is not one of the team's players");
    }
    if (!distinct.contains(viceCaptain)) {
      return Optional.of("vice-captain " + viceCaptain + " is not one of the team's players");
    }
    if (captain.equals(viceCaptain)) {
      return Optional.of("captain and vice-captain are the same player " + captain);
    }
    if (!savedAt.isBefore(locksAt)) {
      return Optional.of("saved at " + savedAt + ", not before the match locked at " + locksAt);
    }
    return Optional.empty();
  }

  /** Entries, like teams, only before the lock. */
  public Optional<String> entryViolation(Instant joinedAt) {
    return joinedAt.isBefore(locksAt) ? Optional.empty()
        : Optional.of("joined at " + joinedAt + ", not before the match locked at " + locksAt);
  }
}
