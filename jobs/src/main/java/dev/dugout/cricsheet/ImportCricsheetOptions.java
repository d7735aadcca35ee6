package dev.dugout.cricsheet;

import java.util.List;
import java.util.Map;

/** Options of {@code dugout import cricsheet}: files or directories (their *.json files). */
public record ImportCricsheetOptions(List<String> paths) {
  public ImportCricsheetOptions {
    if (paths == null || paths.isEmpty()) {
      throw new IllegalArgumentException("import cricsheet: give at least one file or directory");
    }
    paths = List.copyOf(paths);
  }

  public Map<String, String> asMap() {
    return Map.of("paths", String.join(",", paths));
  }
}
