package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code core.sessions}: app sessions (user, device, IP): what fraud features are made of. */
public final class SessionsTable {
  private SessionsTable() {}

  public static final String SESSION_ID = "session_id";
  public static final String USER_ID = "user_id";
  public static final String DEVICE_ID = "device_id";
  public static final String IP = "ip";
  public static final String APP_VERSION = "app_version";
  public static final String STARTED_AT = "started_at";
  public static final String EVENT_ID = "event_id";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, SESSION_ID, Types.StringType.get(), "dedup key"),
          required(2, USER_ID, Types.StringType.get()),
          required(3, DEVICE_ID, Types.StringType.get()),
          required(4, IP, Types.StringType.get(), "IPv4 or IPv6 text"),
          optional(5, APP_VERSION, Types.StringType.get()),
          required(6, STARTED_AT, Types.TimestampType.withZone()),
          required(7, EVENT_ID, Types.StringType.get()),
          required(8, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("core", "sessions"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).day(STARTED_AT).build(),
          SortOrder.builderFor(SCHEMA).asc(USER_ID).asc(STARTED_AT).build(),
          TableProperties.standard(TableProperties.plainEncoded(Map.of(), SESSION_ID, USER_ID,
              DEVICE_ID, IP, EVENT_ID)),
          "App sessions: user, device, IP and app version.",
          "days(started_at): fraud features look at recent days, user by user.");
}
