package dev.dugout.scoring;

import java.util.List;
import java.util.Map;

/**
 * Options of {@code dugout score}.
 *
 * @param matchIds the matches to score; empty means every imported match
 * @param ruleSet a bundled rule set id or a path to a rule set file
 */
public record ScoreMatchOptions(List<String> matchIds, String ruleSet) {
  public ScoreMatchOptions {
    matchIds = matchIds == null ? List.of() : List.copyOf(matchIds);
    if (ruleSet == null || ruleSet.isBlank()) {
      throw new IllegalArgumentException("score: --rule-set must not be empty");
    }
  }

  public Map<String, String> asMap() {
    return Map.of("match", matchIds.isEmpty() ? "all" : String.join(",", matchIds),
        "rule_set", ruleSet);
  }
}
