package dev.dugout.cli;

import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveView;
import dev.dugout.leaderboard.live.RefreshResult;
import java.io.PrintStream;
import java.util.List;

/**
 * The live leaderboard in a terminal: each watched contest's top 10 and a user's entries with
 * their rank movement. On an interactive terminal every refresh redraws the screen; otherwise
 * (logs, CI) each refresh is one line and a full frame is printed every {@value #FRAME_EVERY}
 * refreshes and at the end.
 */
final class TerminalView implements LiveView {
  static final int FRAME_EVERY = 10;
  static final int USER_LINES = 8;
  private static final String CLEAR = "\033[H\033[2J";

  private final PrintStream out;
  private final List<String> contests;
  private final String user;
  private final boolean interactive;
  private int refreshes;

  TerminalView(PrintStream out, List<String> contests, String user, boolean interactive) {
    this.out = out;
    this.contests = List.copyOf(contests);
    this.user = user;
    this.interactive = interactive;
  }

  static boolean interactive() {
    return System.console() != null && System.getenv("TERM") != null
        && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public void show(LiveLeaderboard board, RefreshResult r, boolean last) {
    refreshes++;
    String line = String.format("as of delivery %3d: %,d entries ranked, %,d changed, %,d ms%s",
        r.asOf(), r.entries(), r.changed(), r.millis(), last ? " (final)" : "");
    boolean frame = interactive || last || refreshes % FRAME_EVERY == 0;
    if (!frame || (contests.isEmpty() && user == null)) {
      out.println(line);
      return;
    }
    StringBuilder s = new StringBuilder(interactive ? CLEAR : "");
    s.append("── live leaderboard, match ").append(board.matchId()).append(" ── ").append(line)
        .append('\n');
    for (String contest : contests) {
      s.append(String.format("%n  %s: top 10%n  %6s %6s %10s  %-22s %s%n", contest, "rank",
          "move", "points", "entry", "user"));
      for (LiveLeaderboard.Standing st : board.top(contest, 10)) {
        s.append(String.format("  %6d %6s %10s  %-22s %s%n", st.rank(), move(st), st.points(),
            st.entryId(), st.userId()));
      }
    }
    if (user != null) {
      List<LiveLeaderboard.Standing> theirs = new java.util.ArrayList<>(board.ofUser(user));
      theirs.sort(java.util.Comparator.comparingInt(LiveLeaderboard.Standing::rank)
          .thenComparing(LiveLeaderboard.Standing::contestId));
      s.append(String.format("%n  user %s: %d entries, best %d%n", user, theirs.size(),
          Math.min(USER_LINES, theirs.size())));
      for (LiveLeaderboard.Standing st : theirs.subList(0, Math.min(USER_LINES, theirs.size()))) {
        s.append(String.format("  %-16s rank %7d %6s %10s points%n", st.contestId(), st.rank(),
            move(st), st.points()));
      }
    }
    out.print(s);
    out.flush();
  }

  /** Places gained (+) or lost (-) since the previous refresh; blank when new or unchanged. */
  static String move(LiveLeaderboard.Standing st) {
    if (st.previousRank() == 0 || st.previousRank() == st.rank()) {
      return "";
    }
    int gained = st.previousRank() - st.rank();
    return (gained > 0 ? "+" : "") + gained;
  }
}
