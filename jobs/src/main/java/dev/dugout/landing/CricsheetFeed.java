package dev.dugout.landing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dugout.cricsheet.CricsheetMatch;
import dev.dugout.cricsheet.CricsheetRows;
import dev.dugout.tables.EventPayloads;
import dev.dugout.tables.EventPayloads.Type;
import dev.dugout.tables.MatchStatusTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A real match as the sports feed would have sent it: the status changes (scheduled, toss,
 * lineups with the players, live), every delivery in order, then the result (completed, or
 * abandoned when no ball was bowled). Rows are made by the same code as the direct import
 * ({@link CricsheetRows}), so landing these events rebuilds the same core rows. Event ids are
 * derived from the match and position, so replaying a match twice sends the same events.
 */
public final class CricsheetFeed {
  public static final String SOURCE = "sports-feed";

  private CricsheetFeed() {}

  /** One event to send; the replay paces deliveries ({@code delivery}) at its speed. */
  public record FeedEvent(String eventId, String key, Type type, boolean delivery,
      ObjectNode payload) {
    public String json(Instant occurredAt) {
      return EventJson.envelope(eventId, type, occurredAt, SOURCE, payload);
    }
  }

  public static List<FeedEvent> events(CricsheetMatch m) {
    String id = m.matchId();
    List<FeedEvent> events = new ArrayList<>();
    events.add(status(m, "SCHEDULED", m.team1() + " v " + m.team2()
        + (m.venue() == null ? "" : " at " + m.venue()), null, null));
    if (m.tossWinner() != null) {
      events.add(status(m, "TOSS", m.tossWinner() + " won the toss and chose to "
          + m.tossDecision(), null, null));
    }
    ArrayNode players = EventJson.object().arrayNode();
    for (Row p : CricsheetRows.players(m, "feed")) {
      players.add(playerFields(p));
    }
    events.add(status(m, "LINEUPS", players.size() + " players", players, null));
    List<Row> deliveries = CricsheetRows.deliveries(m, "feed");
    if (!deliveries.isEmpty()) {
      events.add(status(m, "LIVE", null, null, null));
    }
    for (Row d : deliveries) {
      ObjectNode payload = EventJson.payload(d, d.schema(), Type.DELIVERY);
      events.add(new FeedEvent("cricsheet-" + id + "-delivery-" + payload.get("delivery_seq"),
          id, Type.DELIVERY, true, payload));
    }
    Row match = CricsheetRows.match(m, new Timestamp(0), "feed");
    ObjectNode result = EventJson.row(match, match.schema());
    result.remove(List.of("imported_at", "run_id"));
    events.add(status(m, deliveries.isEmpty() ? "ABANDONED" : "COMPLETED", m.result(), null,
        result));
    return events;
  }

  private static ObjectNode playerFields(Row p) {
    ObjectNode all = EventJson.row(p, p.schema());
    all.remove("run_id");
    return all;
  }

  private static FeedEvent status(CricsheetMatch m, String status, String detail,
      ArrayNode players, ObjectNode match) {
    if (!MatchStatusTable.STATUSES.contains(status)) {
      throw new IllegalArgumentException(status);
    }
    ObjectNode payload = EventJson.object();
    payload.put(MatchStatusTable.MATCH_ID, m.matchId());
    payload.put(MatchStatusTable.STATUS, status);
    if (detail != null) {
      payload.put(MatchStatusTable.DETAIL, detail);
    }
    if (players != null) {
      payload.set(EventPayloads.MATCH_STATUS_PLAYERS, players);
    }
    if (match != null) {
      payload.set(EventPayloads.MATCH_STATUS_MATCH, match);
    }
    return new FeedEvent("cricsheet-" + m.matchId() + "-status-" + status.toLowerCase(),
        m.matchId(), Type.MATCH_STATUS, false, payload);
  }
}
