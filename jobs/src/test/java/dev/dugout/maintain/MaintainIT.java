package dev.dugout.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.SettlementsTable;
import dev.dugout.tables.TableWrites;
import dev.dugout.testing.TestLakehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Compaction and snapshot expiry follow the thresholds the table declares. */
class MaintainIT {
  static void appendOneRow(SparkSession spark, int i) {
    RowBuilder b = new RowBuilder(SettlementsTable.DEFINITION)
        .set(SettlementsTable.SETTLEMENT_ID, "s" + i).set(SettlementsTable.MATCH_ID, "m")
        .set(SettlementsTable.OPERATOR, "test").set(SettlementsTable.INPUT_SNAPSHOTS, Map.of())
        .set(SettlementsTable.STATUS, "PUBLISHED").set(SettlementsTable.TOTALS, Map.of())
        .set(SettlementsTable.STARTED_AT, Timestamp.from(Instant.now()))
        .set(SettlementsTable.ENDED_AT, Timestamp.from(Instant.now()));
    Row row = b.build();
    TableWrites.append(spark.createDataFrame(List.of(row), b.sparkSchema()),
        SettlementsTable.DEFINITION);
  }

  @Test
  void smallFilesAreCompactedAndOldSnapshotsExpireAsTheTableDeclares() {
    SparkSession spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
    for (int i = 0; i < 6; i++) {
      appendOneRow(spark, i);
    }
    Table table = Lakehouse.icebergCatalog(spark).loadTable(SettlementsTable.DEFINITION.identifier());
    assertThat(table.currentSnapshot().summary().get("total-data-files")).isEqualTo("6");

    var compacted = MaintainTables.run(spark, SettlementsTable.DEFINITION,
        MaintainTables.Action.COMPACT);
    assertThat(compacted.result()).containsEntry("rewritten_data_files_count", 6)
        .containsEntry("added_data_files_count", 1);
    table.refresh();
    assertThat(table.currentSnapshot().summary().get("total-data-files")).isEqualTo("1");
    assertThat(spark.table(SettlementsTable.DEFINITION.name()).count()).isEqualTo(6);

    // The table now says: snapshots expire at once, keep the last 2.
    table.updateProperties().set("history.expire.max-snapshot-age-ms", "0")
        .set("history.expire.min-snapshots-to-keep", "2").commit();
    MaintainTables.run(spark, SettlementsTable.DEFINITION, MaintainTables.Action.EXPIRE_SNAPSHOTS);
    table.refresh();
    assertThat(table.snapshots()).hasSize(2);
    assertThat(spark.table(SettlementsTable.DEFINITION.name()).count()).isEqualTo(6);
  }
}
