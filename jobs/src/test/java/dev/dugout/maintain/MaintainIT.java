package dev.dugout.maintain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.ContestEntriesTable;
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

  /**
   * Entries landed as they came, six small files each holding contests from all over, are
   * compacted into the table's order (contest, then entry) across several files: each file holds
   * its own range of contests (a bin-packing compaction gives files that each span nearly all of
   * them). That is what lets a leaderboard keep the entries in the partitions it reads them in.
   */
  @Test
  void compactionRewritesATableInItsSortOrder() {
    SparkSession spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
    java.util.Random random = new java.util.Random(5);
    for (int batch = 0; batch < 6; batch++) {
      List<Row> rows = new java.util.ArrayList<>();
      RowBuilder b = new RowBuilder(ContestEntriesTable.DEFINITION);
      for (int i = 0; i < 400; i++) {
        rows.add(b.set(ContestEntriesTable.ENTRY_ID, "m-e" + (batch * 400 + i))
            .set(ContestEntriesTable.CONTEST_ID, String.format("m-c%03d", random.nextInt(600)))
            .set(ContestEntriesTable.MATCH_ID, "m")
            .set(ContestEntriesTable.TEAM_ID, "m-t" + random.nextInt(100_000))
            .set(ContestEntriesTable.USER_ID, "u" + random.nextInt(100_000))
            .set(ContestEntriesTable.JOINED_AT, Timestamp.from(Instant.now())).build());
      }
      TableWrites.append(spark.createDataFrame(rows, b.sparkSchema()),
          ContestEntriesTable.DEFINITION);
    }
    Table table = Lakehouse.icebergCatalog(spark).loadTable(ContestEntriesTable.DEFINITION.identifier());
    // Files of about a third of the 2,400 rows, so the compaction writes several.
    table.updateProperties().set("write.target-file-size-bytes", "12000").commit();

    var compacted = MaintainTables.run(spark, ContestEntriesTable.DEFINITION,
        MaintainTables.Action.COMPACT);
    assertThat(compacted.result()).containsEntry("rewritten_data_files_count", 6);
    List<Row> files = spark.sql("SELECT readable_metrics.contest_id.lower_bound AS lo,"
        + " readable_metrics.contest_id.upper_bound AS hi FROM "
        + ContestEntriesTable.DEFINITION.name() + ".files ORDER BY lo").collectAsList();
    assertThat(files).hasSizeGreaterThan(1);
    for (int i = 1; i < files.size(); i++) {
      assertThat(files.get(i).<String>getAs("lo")).as("file %d starts where file %d ended", i, i - 1)
          .isGreaterThanOrEqualTo(files.get(i - 1).getAs("hi"));
    }
    assertThat(spark.table(ContestEntriesTable.DEFINITION.name()).count()).isEqualTo(2_400);
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
