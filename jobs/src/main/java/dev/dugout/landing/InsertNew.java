package dev.dugout.landing;

import dev.dugout.tables.TableDefinition;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The landing's one way of writing: insert the rows whose key the table does not hold yet, in one
 * commit (an anti-join on the keys, then an append). Writing the same rows twice (a replayed
 * micro-batch after a crash, an event sent twice) therefore changes nothing, and an append never
 * conflicts with a concurrent compaction. The probe of existing keys is pruned to the partitions
 * the new rows can be in.
 */
final class InsertNew {
  private InsertNew() {}

  /** How to bound the existing rows a key can match. */
  record Target(TableDefinition table, List<String> keys, String pruneColumn, Prune prune,
      String upsertWhen) {
    static Target insertOnly(TableDefinition table, List<String> keys, String pruneColumn,
        Prune prune) {
      return new Target(table, keys, pruneColumn, prune, null);
    }
  }

  enum Prune {
    /** Partitioned by the column's identity: the existing rows are in the new rows' values. */
    VALUES,
    /**
     * Partitioned by time: a key is looked for from {@link #DEDUP_WINDOW} before the new rows'
     * oldest time to their newest. An event id sent again within that window is a duplicate;
     * the same batch replayed after a crash always is (same times).
     */
    RANGE,
    NONE
  }

  private static final int ATTEMPTS = 5;

  /** How far back a time-partitioned table is searched for a key it may already hold. */
  static final java.time.Duration DEDUP_WINDOW = java.time.Duration.ofDays(3);

  /**
   * Writes the rows (exactly the table's columns, any order) and returns how many were new.
   * With {@code upsertWhen}, a matched row is replaced when that condition on {@code t} (stored)
   * and {@code s} (new) holds, e.g. a higher revision.
   */
  static long write(SparkSession spark, Dataset<Row> rows, Target target, String viewName) {
    TableDefinition table = target.table();
    List<String> columns = table.schema().columns().stream().map(f -> f.name()).toList();
    Dataset<Row> source = rows.select(columns.stream().map(functions::col).toArray(
        org.apache.spark.sql.Column[]::new)).dropDuplicates(target.keys().toArray(String[]::new));
    // The view lives in the session of the rows (a micro-batch's own session).
    SparkSession session = source.sparkSession();
    source.createOrReplaceTempView(viewName);
    String on = target.keys().stream().map(k -> "t." + k + " = s." + k)
        .collect(Collectors.joining(" AND "));
    String prune = pruning(source, target);
    String stored = "(SELECT * FROM " + table.name() + (prune.isEmpty() ? "" : " t WHERE " + prune)
        + ") t";
    long t0 = System.nanoTime();
    try {
      if (target.upsertWhen() == null) {
        // Insert-only: an anti-join on the keys (pruned to where they can be) and an append,
        // which never conflicts with a concurrent compaction. The parser guarantees required
        // fields, and selects out of structs lose their nullability: Iceberg's check is off here.
        Dataset<Row> fresh = session.sql("SELECT s.* FROM " + viewName + " s LEFT ANTI JOIN "
            + stored + " ON " + on);
        Table iceberg = load(spark, table);
        Snapshot before = iceberg.currentSnapshot();
        retrying(() -> {
          try {
            fresh.writeTo(table.name()).option("check-nullability", "false").append();
          } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException(table.name() + " is missing: run `dugout tables"
                + " create`", e);
          }
          return null;
        }, table.name());
        iceberg.refresh();
        Snapshot after = iceberg.currentSnapshot();
        if (after == null || (before != null && after.snapshotId() == before.snapshotId())) {
          return 0;
        }
        return Long.parseLong(after.summary().getOrDefault("added-records", "0"));
      }
      // Upsert: only rows that insert or replace something (a no-op update still rewrites files).
      Dataset<Row> anti = session.sql("SELECT s.* FROM " + viewName + " s LEFT ANTI JOIN "
          + stored + " ON " + on + " AND NOT (" + target.upsertWhen() + ")");
      // Re-declared with the table's nullability, which MERGE checks (few rows: match results).
      Dataset<Row> changed = session.createDataFrame(anti.javaRDD(),
          org.apache.iceberg.spark.SparkSchemaUtil.convert(table.schema()));
      changed.createOrReplaceTempView(viewName + "_changed");
      long upserted = changed.count();
      if (upserted > 0) {
        retrying(() -> session.sql("MERGE INTO " + table.name() + " t USING " + viewName
            + "_changed s ON " + on + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN"
            + " INSERT *").collect(), table.name());
      }
      session.catalog().dropTempView(viewName + "_changed");
      return upserted;
    } finally {
      session.catalog().dropTempView(viewName);
      if (System.getenv("DUGOUT_LAND_TRACE") != null) {
        System.err.printf("  %s: %d ms (prune %s)%n", table.name(),
            (System.nanoTime() - t0) / 1_000_000, prune);
      }
    }
  }

  private static String pruning(Dataset<Row> source, Target target) {
    String column = target.pruneColumn();
    switch (target.prune()) {
      case VALUES: {
        List<Row> values = source.select(column).distinct().collectAsList();
        if (values.isEmpty() || values.size() > 1000) {
          return "";
        }
        return "t." + column + " IN (" + values.stream()
            .map(r -> "'" + r.getString(0).replace("'", "''") + "'")
            .collect(Collectors.joining(", ")) + ")";
      }
      case RANGE: {
        Row bounds = source.agg(functions.min(column), functions.max(column)).first();
        if (bounds.isNullAt(0)) {
          return "";
        }
        return "t." + column + " BETWEEN TIMESTAMP '"
            + ((Timestamp) bounds.get(0)).toInstant().minus(DEDUP_WINDOW)
            + "' AND TIMESTAMP '" + ((Timestamp) bounds.get(1)).toInstant() + "'";
      }
      default:
        return "";
    }
  }

  /** Retries a commit that lost a race with another writer (a compaction, an upsert). */
  static <T> T retrying(Supplier<T> commit, String table) {
    for (int attempt = 1; ; attempt++) {
      try {
        return commit.get();
      } catch (RuntimeException e) {
        if (attempt >= ATTEMPTS || !isConflict(e)) {
          throw e;
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommitFailedException || t instanceof ValidationException) {
        return true;
      }
    }
    return false;
  }

  static Table load(SparkSession spark, TableDefinition table) {
    try {
      return Spark3Util.loadIcebergTable(spark, table.name());
    } catch (Exception e) {
      throw new IllegalStateException(table.name() + " is missing: run `dugout tables create`", e);
    }
  }

}
