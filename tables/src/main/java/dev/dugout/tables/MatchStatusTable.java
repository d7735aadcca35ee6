package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code core.match_status}: a match's status changes as the sports feed announced them
 * (scheduled, toss, lineups announced, live, completed, abandoned), one row per event.
 */
public final class MatchStatusTable {
  private MatchStatusTable() {}

  public static final String MATCH_ID = "match_id";
  public static final String STATUS = "status";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String DETAIL = "detail";
  public static final String EVENT_ID = "event_id";
  public static final String RUN_ID = "run_id";

  /** The statuses a feed announces, in the order a match normally goes through them. */
  public static final List<String> STATUSES =
      List.of("SCHEDULED", "TOSS", "LINEUPS", "LIVE", "COMPLETED", "ABANDONED");

  public static final Schema SCHEMA =
      new Schema(
          required(1, MATCH_ID, Types.StringType.get()),
          required(2, STATUS, Types.StringType.get(), String.join(", ", STATUSES)),
          required(3, OCCURRED_AT, Types.TimestampType.withZone()),
          optional(4, DETAIL, Types.StringType.get(), "free text from the feed, e.g. the toss"),
          required(5, EVENT_ID, Types.StringType.get()),
          required(6, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "match_status"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(MATCH_ID).asc(OCCURRED_AT).build(),
          TableProperties.standard(Map.of()),
          "Status changes of matches as the feed announced them.",
          "identity(match_id): the DAGs and the live jobs ask for one match's latest status.");
}
