package dev.dugout.leaderboard.live;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A contest's best entries after a refresh, best first (ties by entry id): its first page. */
public record ContestTop(String contestId, List<LiveLeaderboard.Standing> standings)
    implements Serializable {
  public static final Comparator<LiveLeaderboard.Standing> ORDER =
      Comparator.comparingInt(LiveLeaderboard.Standing::rank)
          .thenComparing(LiveLeaderboard.Standing::entryId);

  public ContestTop {
    standings = List.copyOf(standings);
  }

  /**
   * The tops of contests split across shards, from each shard's top of its piece: the best
   * {@code n} of a contest are among the best {@code n} of its pieces.
   */
  static List<ContestTop> merge(List<ContestTop> pieces, int n) {
    Map<String, List<LiveLeaderboard.Standing>> byContest = new HashMap<>();
    for (ContestTop piece : pieces) {
      byContest.computeIfAbsent(piece.contestId(), k -> new ArrayList<>())
          .addAll(piece.standings());
    }
    List<ContestTop> merged = new ArrayList<>();
    byContest.forEach((contest, all) -> {
      all.sort(ORDER);
      merged.add(new ContestTop(contest, all.subList(0, Math.min(n, all.size()))));
    });
    merged.sort(Comparator.comparing(ContestTop::contestId));
    return merged;
  }
}
