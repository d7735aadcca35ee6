package dev.dugout.contests;

import java.util.Map;

/**
 * Options of {@code dugout generate}.
 *
 * @param mega entries of the mega contest (default: a fifth of all entries)
 */
public record GenerateOptions(String matchId, int users, long entries, int mega, long seed) {
  public GenerateOptions {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("generate: --match is required");
    }
    if (users < 1) {
      throw new IllegalArgumentException("generate: --users must be at least 1, was " + users);
    }
    if (entries < 2) {
      throw new IllegalArgumentException("generate: --entries must be at least 2, was " + entries);
    }
  }

  public static int defaultMega(long entries) {
    return (int) Math.max(2, Math.min(Integer.MAX_VALUE, entries / 5));
  }

  public Map<String, String> asMap() {
    return Map.of("match", matchId, "users", String.valueOf(users), "entries",
        String.valueOf(entries), "mega", String.valueOf(mega), "seed", String.valueOf(seed));
  }
}
