package dev.dugout.runs;

import java.time.Duration;
import java.util.Locale;

/** Durations as users type them on the command line: {@code 10s}, {@code 500ms}, {@code 2m}. */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text, String option) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofSeconds(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60));
      }
      return Duration.ofSeconds(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": expected e.g. 10s, 500ms or 2m, got '" + text
          + "'");
    }
  }
}
