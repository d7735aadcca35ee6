package dev.dugout.landing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the instants events carry ({@code 2030-01-01T00:00:00.123Z}) without a
 * {@code DateTimeFormatter}, which took a quarter of the parse. Only that exact form (UTC,
 * four-digit year, 0 to 9 fraction digits) takes the fast path; anything else goes to
 * {@link Instant#parse}, so what is accepted or refused, and how, does not change.
 */
final class IsoInstants {
  private IsoInstants() {}

  private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};

  /** Like {@link Instant#parse}: the instant, or a {@code DateTimeParseException}. */
  static Instant parse(String text) {
    Instant fast = fast(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** The instant if the text has the plain UTC form and valid fields; otherwise null. */
  static Instant fast(String s) {
    int n = s.length();
    if (n < 20 || n == 21 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-'
        || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':' || (n > 20 && s.charAt(19) != '.')) {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int fraction = n > 20 ? digits(s, 20, n - 21) : 0;
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59 || fraction < 0
        || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int nanos = n > 20 ? fraction * POW10[9 - (n - 21)] : 0;
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The value of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
