package dev.dugout.quarantine;

import dev.dugout.tables.QuarantineTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.TableWrites;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Appends rejected input to {@code raw.quarantine}. Append-only: nothing is ever dropped. */
public final class Quarantine {
  private Quarantine() {}

  public static void append(SparkSession spark, String runId, List<QuarantineRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    Timestamp now = Timestamp.from(Instant.now());
    RowBuilder row = new RowBuilder(QuarantineTable.DEFINITION);
    List<Row> rows = new ArrayList<>();
    for (QuarantineRecord r : records) {
      rows.add(row
          .set(QuarantineTable.QUARANTINE_ID, UUID.randomUUID().toString())
          .set(QuarantineTable.SOURCE, r.source())
          .set(QuarantineTable.SOURCE_POSITION, r.position())
          .set(QuarantineTable.RECORD_KEY, r.recordKey())
          .set(QuarantineTable.REASON, r.reason())
          .set(QuarantineTable.RAW_TEXT, r.rawText())
          .set(QuarantineTable.QUARANTINED_AT, now)
          .set(QuarantineTable.RUN_ID, runId)
          .build());
    }
    TableWrites.append(spark.createDataFrame(rows, row.sparkSchema()), QuarantineTable.DEFINITION);
  }
}
