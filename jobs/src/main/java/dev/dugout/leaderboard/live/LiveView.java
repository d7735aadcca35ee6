package dev.dugout.leaderboard.live;

/** Shows the live leaderboard after each refresh (on the driver). */
public interface LiveView {
  void show(LiveLeaderboard board, RefreshResult refresh, boolean last);

  LiveView NONE = (board, refresh, last) -> {};
}
