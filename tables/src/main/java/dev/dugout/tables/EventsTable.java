package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * {@code raw.events}: every valid event as it arrived, once per {@code event_id}. The envelope's
 * fields are columns; the payload stays the JSON text that was sent (its typed form is in the
 * core table the event's type feeds, see {@link EventPayloads}).
 */
public final class EventsTable {
  private EventsTable() {}

  public static final String EVENT_ID = "event_id";
  public static final String TYPE = "type";
  public static final String SCHEMA_VERSION = "schema_version";
  public static final String OCCURRED_AT = "occurred_at";
  public static final String SOURCE = "source";
  public static final String PAYLOAD = "payload";
  public static final String SOURCE_POSITION = "source_position";
  public static final String LANDED_AT = "landed_at";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, EVENT_ID, Types.StringType.get(), "unique per event; the landing's dedup key"),
          required(2, TYPE, Types.StringType.get(), "delivery, match_status, contest_created, ..."),
          required(3, SCHEMA_VERSION, Types.IntegerType.get(), "version of the payload's schema"),
          required(4, OCCURRED_AT, Types.TimestampType.withZone(), "event time, set by the sender"),
          required(5, SOURCE, Types.StringType.get(), "who sent it: sports-feed, app, wallet, ..."),
          required(6, PAYLOAD, Types.StringType.get(), "the payload's JSON text as it arrived"),
          required(7, SOURCE_POSITION, Types.StringType.get(),
              "topic/partition/offset or file:line it was read from (first time it landed)"),
          required(8, LANDED_AT, Types.TimestampType.withZone(),
              "start of the micro-batch that landed it"),
          required(9, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("raw", "events"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).day(OCCURRED_AT).identity(TYPE).build(),
          SortOrder.builderFor(SCHEMA).asc(OCCURRED_AT).build(),
          TableProperties.standard(TableProperties.plainEncoded(TableProperties.unbounded(Map.of(
              // Micro-batches write small files; `dugout maintain compact` merges them to this.
              "write.target-file-size-bytes", String.valueOf(64L * 1024 * 1024),
              "write.distribution-mode", "hash"), EVENT_ID, PAYLOAD, SOURCE_POSITION),
              EVENT_ID, PAYLOAD, SOURCE_POSITION)),
          "Every accepted event, once, append-only. Rejected input is in raw.quarantine.",
          "days(occurred_at), identity(type): time-range queries of one kind of event; a late"
              + " event lands in its own day.");
}
