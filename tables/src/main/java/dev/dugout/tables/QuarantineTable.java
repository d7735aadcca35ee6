package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code raw.quarantine}: input that could not be accepted, with the reason and the raw text. */
public final class QuarantineTable {
  private QuarantineTable() {}

  public static final String QUARANTINE_ID = "quarantine_id";
  public static final String SOURCE = "source";
  public static final String SOURCE_POSITION = "source_position";
  public static final String RECORD_KEY = "record_key";
  public static final String REASON = "reason";
  public static final String RAW_TEXT = "raw_text";
  public static final String QUARANTINED_AT = "quarantined_at";
  public static final String RUN_ID = "run_id";

  public static final Schema SCHEMA =
      new Schema(
          required(1, QUARANTINE_ID, Types.StringType.get()),
          required(2, SOURCE, Types.StringType.get(), "cricsheet, kafka, files, ..."),
          required(3, SOURCE_POSITION, Types.StringType.get(),
              "where: file and JSON path, or topic/partition/offset, or file:line"),
          optional(4, RECORD_KEY, Types.StringType.get(), "match id, event id, ... when known"),
          required(5, REASON, Types.StringType.get()),
          optional(6, RAW_TEXT, Types.StringType.get(), "the input as it arrived"),
          required(7, QUARANTINED_AT, Types.TimestampType.withZone()),
          required(8, RUN_ID, Types.StringType.get()));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("raw", "quarantine"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(SOURCE).day(QUARANTINED_AT).build(),
          SortOrder.builderFor(SCHEMA).asc(QUARANTINED_AT).build(),
          TableProperties.standard(Map.of()),
          "Rejected input with its reason, position and raw text. Append-only.",
          "identity(source), days(quarantined_at): operators triage one source's recent rejects.");
}
