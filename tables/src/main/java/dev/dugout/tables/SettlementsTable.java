package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code ops.settlements}: every settlement run, its inputs' snapshots, outcome and totals. */
public final class SettlementsTable {
  private SettlementsTable() {}

  public static final String SETTLEMENT_ID = "settlement_id";
  public static final String MATCH_ID = "match_id";
  public static final String OPERATOR = "operator";
  public static final String REASON = "reason";
  public static final String RERUN_OF = "rerun_of";
  public static final String INPUT_SNAPSHOTS = "input_snapshots";
  public static final String OUTPUT_SNAPSHOTS = "output_snapshots";
  public static final String STATUS = "status";
  public static final String TOTALS = "totals";
  public static final String STARTED_AT = "started_at";
  public static final String ENDED_AT = "ended_at";
  public static final String MESSAGE = "message";

  /**
   * PUBLISHED is the match's settlement of record (the latest one); AUDITED passed the gate but was
   * not published (a rerun without --publish); UNCHANGED found nothing to change; FAILED did not
   * publish (the gate, or another rerun published first).
   */
  public enum Status { PUBLISHED, AUDITED, UNCHANGED, FAILED }

  public static final Schema SCHEMA =
      new Schema(
          required(1, SETTLEMENT_ID, Types.StringType.get()),
          required(2, MATCH_ID, Types.StringType.get()),
          required(3, OPERATOR, Types.StringType.get()),
          optional(4, REASON, Types.StringType.get(), "why a rerun was run"),
          optional(5, RERUN_OF, Types.StringType.get(), "the published settlement a rerun replaces"),
          required(6, INPUT_SNAPSHOTS, Types.MapType.ofRequired(13, 14, Types.StringType.get(),
              Types.LongType.get()), "table -> snapshot id read: the settlement can be recomputed"),
          optional(7, OUTPUT_SNAPSHOTS, Types.MapType.ofRequired(15, 16, Types.StringType.get(),
              Types.LongType.get()), "table -> snapshot id published"),
          required(8, STATUS, Types.StringType.get(), "PUBLISHED, AUDITED, UNCHANGED or FAILED"),
          required(9, TOTALS, Types.MapType.ofRequired(17, 18, Types.StringType.get(),
              Types.LongType.get()), "entries, paid, refunded, remainders, shortfall (minor units)"),
          required(10, STARTED_AT, Types.TimestampType.withZone()),
          required(11, ENDED_AT, Types.TimestampType.withZone()),
          optional(12, MESSAGE, Types.StringType.get(), "why it failed, or what it found"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("ops", "settlements"),
          SCHEMA,
          PartitionSpec.unpartitioned(),
          SortOrder.builderFor(SCHEMA).asc(MATCH_ID).asc(STARTED_AT).build(),
          TableProperties.standard(Map.of()),
          "Settlements: who settled which match when, from which snapshots, with what result.",
          "unpartitioned: a few rows per match; operators read it whole.");
}
