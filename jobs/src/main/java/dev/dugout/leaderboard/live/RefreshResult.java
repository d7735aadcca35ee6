package dev.dugout.leaderboard.live;

/**
 * What one live refresh did.
 *
 * @param changed entries whose points or rank changed (the ones handed to the sink)
 * @param splitContests contests ranked from merged histograms of several shards
 */
public record RefreshResult(String matchId, int asOf, long entries, long changed,
    int splitContests, long millis) {}
