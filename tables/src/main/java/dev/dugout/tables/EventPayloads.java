package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;

/**
 * The payload schema of every event type, declared once, beside the tables the events feed. A
 * payload's fields are the columns of its table (same names, same types), less what the landing
 * adds itself ({@code run_id}, {@code event_id}, ...), so the landing maps a payload to its row by
 * name. Required fields must be present and non-null; optional ones may be missing or null; a
 * field of another JSON type is refused. Timestamps are ISO-8601 instants, dates ISO dates,
 * decimals JSON numbers or strings.
 */
public final class EventPayloads {
  private EventPayloads() {}

  /** The envelope's own fields, around every payload. */
  public static final String EVENT_ID = "event_id";
  public static final String TYPE = "type";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String SOURCE = "source";
  public static final String SCHEMA_VERSION = "schema_version";
  public static final String PAYLOAD = "payload";

  /** An event type: its name in the envelope, payload schema, version and the tables it feeds. */
  public enum Type {
    /** A ball bowled, from the sports feed. Feeds core.deliveries, keyed by (match, sequence). */
    DELIVERY(without(DeliveriesTable.SCHEMA, DeliveriesTable.RUN_ID),
        List.of(DeliveriesTable.DEFINITION)),
    /**
     * A match's status changed. LINEUPS carries {@code players} (core.match_players); COMPLETED and
     * ABANDONED carry {@code match}, the match's facts and result (core.matches).
     */
    MATCH_STATUS(matchStatus(), List.of(MatchStatusTable.DEFINITION, MatchPlayersTable.DEFINITION,
        MatchesTable.DEFINITION)),
    /** A contest opened, with its prize table. Feeds core.contests and core.prize_tables. */
    CONTEST_CREATED(contestCreated(),
        List.of(ContestsTable.DEFINITION, PrizeTablesTable.DEFINITION)),
    /** A user saved a fantasy team. Feeds core.user_teams. */
    TEAM_SAVED(without(UserTeamsTable.SCHEMA, UserTeamsTable.RUN_ID),
        List.of(UserTeamsTable.DEFINITION)),
    /** A team joined a contest. Feeds core.contest_entries. */
    CONTEST_JOINED(without(ContestEntriesTable.SCHEMA, ContestEntriesTable.RUN_ID),
        List.of(ContestEntriesTable.DEFINITION)),
    /** Money or coins moved in a user's wallet; the transaction time is the event's time. */
    WALLET_TXN(without(WalletTxnsTable.SCHEMA, WalletTxnsTable.OCCURRED_AT,
        WalletTxnsTable.EVENT_ID, WalletTxnsTable.RUN_ID), List.of(WalletTxnsTable.DEFINITION)),
    /** A user opened the app. Feeds core.sessions. */
    SESSION(without(SessionsTable.SCHEMA, SessionsTable.EVENT_ID, SessionsTable.RUN_ID),
        List.of(SessionsTable.DEFINITION));

    /** The payload schema version this build writes and accepts. */
    public static final int VERSION = 1;

    private final Schema payload;
    private final List<TableDefinition> feeds;
    private final String wireName;

    Type(Schema payload, List<TableDefinition> feeds) {
      this.payload = payload;
      this.feeds = feeds;
      this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public Schema payload() {
      return payload;
    }

    public List<TableDefinition> feeds() {
      return feeds;
    }

    /** The name in the envelope's {@code type}: {@code delivery}, {@code match_status}, ... */
    public String wireName() {
      return wireName;
    }

    public static Optional<Type> ofWireName(String name) {
      return name == null ? Optional.empty() : Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    private static final java.util.Map<String, Type> BY_WIRE_NAME = java.util.Map.copyOf(
        Arrays.stream(values()).collect(java.util.stream.Collectors.toMap(Type::wireName, t -> t)));
  }

  public static final String MATCH_STATUS_MATCH = "match";
  public static final String MATCH_STATUS_PLAYERS = "players";
  public static final String CONTEST_PRIZES = "prizes";

  private static Schema matchStatus() {
    Schema match = without(MatchesTable.SCHEMA, MatchesTable.IMPORTED_AT, MatchesTable.RUN_ID);
    Schema player = without(MatchPlayersTable.SCHEMA, MatchPlayersTable.RUN_ID);
    return fresh(
        required(1, MatchStatusTable.MATCH_ID, Types.StringType.get()),
        required(2, MatchStatusTable.STATUS, Types.StringType.get(),
            String.join(", ", MatchStatusTable.STATUSES)),
        optional(3, MatchStatusTable.DETAIL, Types.StringType.get()),
        optional(4, MATCH_STATUS_MATCH, match.asStruct(), "required when COMPLETED or ABANDONED"),
        optional(5, MATCH_STATUS_PLAYERS, Types.ListType.ofRequired(6, player.asStruct()),
            "required when LINEUPS"));
  }

  private static Schema contestCreated() {
    Schema prize = without(PrizeTablesTable.SCHEMA, PrizeTablesTable.PRIZE_TABLE_ID,
        PrizeTablesTable.MATCH_ID, PrizeTablesTable.RUN_ID);
    List<Types.NestedField> fields = new ArrayList<>(
        without(ContestsTable.SCHEMA, ContestsTable.RUN_ID).columns());
    fields.add(required(1000, CONTEST_PRIZES, Types.ListType.ofRequired(1001, prize.asStruct()),
        "rank ranges of the contest's prize table"));
    return fresh(fields.toArray(Types.NestedField[]::new));
  }

  private static Schema without(Schema schema, String... columns) {
    Set<String> dropped = Set.of(columns);
    return new Schema(schema.columns().stream().filter(f -> !dropped.contains(f.name())).toList());
  }

  /** A schema of fields taken from several tables, renumbered so its field ids are unique. */
  private static Schema fresh(Types.NestedField... fields) {
    java.util.concurrent.atomic.AtomicInteger id = new java.util.concurrent.atomic.AtomicInteger();
    Types.StructType struct = TypeUtil.assignFreshIds(Types.StructType.of(fields),
        id::incrementAndGet).asStructType();
    return new Schema(struct.fields());
  }
}
