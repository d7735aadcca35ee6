package dev.dugout.landing;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * App events of a busy match day for the landing benchmark, deterministic by seed: mostly contest
 * joins and saved teams, then sessions and wallet transactions (the mix a fantasy app sends
 * before a match locks). Lines are built as text: a producer at 100k events/s cannot afford a
 * JSON tree per event.
 */
public final class SyntheticEvents {
  private final SplittableRandom random;
  private final String prefix;
  private final String matchId;

  public SyntheticEvents(long seed, String prefix, String matchId) {
    this.random = new SplittableRandom(seed);
    this.prefix = prefix;
    this.matchId = matchId;
  }

  /** The n-th event, occurring at {@code at}. */
  public String next(long n, Instant at) {
    int kind = random.nextInt(100);
    String user = "u" + random.nextInt(2_000_000);
    String time = at.toString();
    StringBuilder b = new StringBuilder(420);
    String id = prefix + n;
    if (kind < 45) {
      b.append(head(id, "contest_joined", time, "app"))
          .append("\"entry_id\":\"").append(id).append("\",\"contest_id\":\"").append(matchId)
          .append("-c").append(random.nextInt(5000)).append("\",\"match_id\":\"").append(matchId)
          .append("\",\"team_id\":\"").append(prefix).append('t').append(random.nextInt(3_000_000))
          .append("\",\"user_id\":\"").append(user).append("\",\"joined_at\":\"").append(time)
          .append("\"}}");
    } else if (kind < 65) {
      b.append(head(id, "team_saved", time, "app"))
          .append("\"team_id\":\"").append(id).append("\",\"match_id\":\"").append(matchId)
          .append("\",\"user_id\":\"").append(user).append("\",\"player_ids\":[");
      int first = random.nextInt(11);
      for (int p = 0; p < 11; p++) {
        b.append(p == 0 ? "" : ",").append("\"p").append(first + p * 2).append('"');
      }
      b.append("],\"captain_id\":\"p").append(first).append("\",\"vice_captain_id\":\"p")
          .append(first + 2).append("\",\"saved_at\":\"").append(time).append("\"}}");
    } else if (kind < 85) {
      b.append(head(id, "session", time, "app"))
          .append("\"session_id\":\"").append(id).append("\",\"user_id\":\"").append(user)
          .append("\",\"device_id\":\"d").append(random.nextInt(3_000_000))
          .append("\",\"ip\":\"10.").append(random.nextInt(256)).append('.')
          .append(random.nextInt(256)).append('.').append(random.nextInt(256))
          .append("\",\"app_version\":\"9.").append(random.nextInt(30))
          .append("\",\"started_at\":\"").append(time).append("\"}}");
    } else {
      String[] kinds = {"DEPOSIT", "ENTRY_FEE", "ENTRY_FEE", "WINNING", "BONUS", "WITHDRAWAL"};
      b.append(head(id, "wallet_txn", time, "wallet"))
          .append("\"txn_id\":\"").append(id).append("\",\"user_id\":\"").append(user)
          .append("\",\"kind\":\"").append(kinds[random.nextInt(kinds.length)])
          .append("\",\"amount_minor\":").append(100 + random.nextInt(100_000))
          .append(",\"currency\":\"INR\",\"match_id\":\"").append(matchId).append("\"}}");
    }
    return b.toString();
  }

  private static String head(String id, String type, String time, String source) {
    return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"occurred_at\":\"" + time
        + "\",\"source\":\"" + source + "\",\"schema_version\":1,\"payload\":{";
  }
}
