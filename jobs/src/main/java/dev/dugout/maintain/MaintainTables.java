package dev.dugout.maintain;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.TableProperties;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.NullOrder;
import org.apache.iceberg.SortDirection;
import org.apache.iceberg.SortField;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Table upkeep with Iceberg's Spark procedures, each with the thresholds the table's definition
 * declares (as table properties): compaction to {@code write.target-file-size-bytes}, in the
 * table's sort order when it has one; snapshot
 * expiry older than {@code history.expire.max-snapshot-age-ms}, keeping at least
 * {@code history.expire.min-snapshots-to-keep} (and every snapshot a branch still needs); orphan
 * files older than {@value TableProperties#ORPHAN_MIN_AGE_MS}.
 */
public final class MaintainTables {
  /** Compaction only rewrites a file group worth rewriting. */
  static final int MIN_INPUT_FILES = 5;

  private MaintainTables() {}

  public enum Action { COMPACT, EXPIRE_SNAPSHOTS, REMOVE_ORPHANS }

  /** What one action did to one table, as the procedure reported it. */
  public record Outcome(String table, Action action, Map<String, Object> result) {}

  public static Outcome run(SparkSession spark, TableDefinition def, Action action) {
    Table table = Lakehouse.icebergCatalog(spark).loadTable(def.identifier());
    Map<String, String> props = table.properties();
    String name = def.name();
    String catalog = Lakehouse.CATALOG;
    String sql = switch (action) {
      case COMPACT -> String.format("CALL %s.system.rewrite_data_files(table => '%s',%s options =>"
          + " map('target-file-size-bytes', '%s', 'min-input-files', '%d'))", catalog, name,
          sortedBy(table),
          props.getOrDefault("write.target-file-size-bytes", String.valueOf(512L << 20)),
          MIN_INPUT_FILES);
      case EXPIRE_SNAPSHOTS -> String.format("CALL %s.system.expire_snapshots(table => '%s',"
          + " older_than => TIMESTAMP '%s', retain_last => %s)", catalog, name,
          Timestamp.from(Instant.now().minusMillis(Long.parseLong(props.getOrDefault(
              "history.expire.max-snapshot-age-ms", String.valueOf(5L * 24 * 3600 * 1000))))),
          props.getOrDefault("history.expire.min-snapshots-to-keep", "1"));
      case REMOVE_ORPHANS -> String.format("CALL %s.system.remove_orphan_files(table => '%s',"
          + " older_than => TIMESTAMP '%s')", catalog, name,
          Timestamp.from(Instant.now().minusMillis(Long.parseLong(props.getOrDefault(
              TableProperties.ORPHAN_MIN_AGE_MS, String.valueOf(3L * 24 * 3600 * 1000))))));
    };
    if (table.currentSnapshot() == null) {
      return new Outcome(name, action, Map.of("skipped", "no snapshot yet"));
    }
    List<Row> rows = spark.sql(sql).collectAsList();
    Map<String, Object> result = new java.util.LinkedHashMap<>();
    if (action == Action.REMOVE_ORPHANS) {
      result.put("orphan_files_removed", rows.size());
    } else if (!rows.isEmpty()) {
      Row r = rows.get(0);
      for (String field : r.schema().fieldNames()) {
        result.put(field, r.getAs(field));
      }
    }
    return new Outcome(name, action, result);
  }

  /**
   * The procedure's arguments that rewrite a table with a sort order into that order (the sort
   * strategy, the order spelled out); none for a table without one, which is bin-packed. Readers
   * count on the order: a leaderboard keeps entries sorted by contest in the partitions it reads
   * them in, and entries landed as they came are only sorted once compacted.
   */
  static String sortedBy(Table table) {
    SortOrder order = table.sortOrder();
    if (order.isUnsorted()) {
      return "";
    }
    List<String> fields = new java.util.ArrayList<>();
    for (SortField f : order.fields()) {
      if (!f.transform().isIdentity()) {
        throw new IllegalStateException(table.name() + " sorts by " + f + ": compaction spells out"
            + " sort orders of plain columns only");
      }
      fields.add(table.schema().findColumnName(f.sourceId()) + " "
          + (f.direction() == SortDirection.ASC ? "ASC" : "DESC") + " "
          + (f.nullOrder() == NullOrder.NULLS_FIRST ? "NULLS FIRST" : "NULLS LAST"));
    }
    return " strategy => 'sort', sort_order => '" + String.join(", ", fields) + "',";
  }
}
