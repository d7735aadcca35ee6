package dev.dugout.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Splits a worksheet into statements: separated by a {@code ;} at the end of a line. */
public final class SqlScript {
  private SqlScript() {}

  /** A statement and the comment lines just above it (its title). */
  public record Statement(String title, String sql) {}

  public static List<Statement> statements(String script) {
    List<Statement> out = new ArrayList<>();
    for (String chunk : script.split(";[ \\t]*(\\r?\\n|$)")) {
      List<String> comments = chunk.lines().map(String::trim).filter(l -> l.startsWith("--"))
          .map(l -> l.substring(2).trim()).toList();
      String sql = chunk.lines().filter(l -> !l.trim().startsWith("--"))
          .collect(Collectors.joining("\n")).trim();
      if (!sql.isEmpty()) {
        out.add(new Statement(comments.isEmpty() ? "" : comments.get(comments.size() - 1), sql));
      }
    }
    return out;
  }
}
