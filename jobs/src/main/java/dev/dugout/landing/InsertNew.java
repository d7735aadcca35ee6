package dev.dugout.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import dev.dugout.lakehouse.Futures;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.TableWrites;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The landing's one way of writing: insert the rows whose key the table does not hold yet, in one
 * commit per table. Writing the same rows twice (a replayed micro-batch after a crash, an event
 * sent twice) therefore changes nothing, and an append never conflicts with a concurrent
 * compaction.
 *
 * <p>A batch's tables are checked together, before any of them is written ({@link #check}), and
 * only keys move: the batch's keys are gathered (repeats within the batch are found there) and
 * each table's set of them filters its scan of the stored keys, pruned to the partitions its new
 * rows can be in. Normally every key is new, and each table's rows go to its write as they are: no
 * join, no sort.
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

  /**
   * What the check found for one table's rows: the filter that bounds its stored rows, whether a
   * key repeats within the batch, and the batch's keys the table already holds (as {@link #KEY}
   * strings; empty normally, every key for a replayed batch).
   */
  record Check(String prune, boolean repeated, List<String> held) {}

  private static final int ATTEMPTS = 5;

  /** Values of {@code VALUES} pruning beyond which the stored rows are not pruned at all. */
  private static final int MAX_PRUNE_VALUES = 1000;

  /** How far back a time-partitioned table is searched for a key it may already hold. */
  static final java.time.Duration DEDUP_WINDOW = java.time.Duration.ofDays(3);

  private static final String TAG = "_table";
  private static final String KEY = "_key";

  /**
   * Checks every insert-only target's rows in three queries, whatever the number of tables: the
   * batch's keys gathered (repeats found on the driver) alongside the pruning bounds, then the
   * batch's keys already stored.
   *
   * @param rows each target's rows, in the order of {@code targets}
   */
  static List<Check> check(List<Dataset<Row>> rows, List<Target> targets) {
    int n = targets.size();
    if (n == 0) {
      return List.of();
    }
    // The stored keys are read in the session of the rows (a micro-batch's own session).
    SparkSession session = rows.get(0).sparkSession();
    // The batch's keys, gathered to the driver by one job on a thread of its own while this one
    // finds the pruning bounds: repeats are found there, and each table's set of keys is then
    // shipped to the executors to filter its stored keys.
    Dataset<Row> batchKeys = null;
    for (int i = 0; i < n; i++) {
      batchKeys = union(batchKeys, rows.get(i).select(lit(i).as(TAG),
          key(targets.get(i)).as(KEY)));
    }
    Dataset<Row> gathered = batchKeys;
    ExecutorService gatherer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "land-batch-keys");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<List<Row>> keys = gatherer.submit(gathered::collectAsList);
      // Pruning bounds: per table, the oldest and newest time or the distinct values.
      Dataset<Row> bounds = null;
      for (int i = 0; i < n; i++) {
        Target t = targets.get(i);
        Column time = t.prune() == Prune.RANGE ? col(t.pruneColumn()) : lit(null).cast("timestamp");
        Column value = t.prune() == Prune.VALUES ? col(t.pruneColumn()).cast("string")
            : lit(null).cast("string");
        bounds = union(bounds, rows.get(i).select(lit(i).as(TAG), time.as("time"),
            value.as("value")));
      }
      // A table whose rows are empty (say, a contest with no prizes) gets no bounds: nothing of it
      // needs reading.
      String[] prunes = new String[n];
      Arrays.fill(prunes, "false");
      for (Row r : bounds.groupBy(TAG).agg(min("time"), max("time"), functions.slice(
          functions.collect_set("value"), 1, MAX_PRUNE_VALUES + 1)).collectAsList()) {
        int i = r.getInt(0);
        prunes[i] = pruning(targets.get(i), r.isNullAt(1) ? null : r.getTimestamp(1),
            r.isNullAt(2) ? null : r.getTimestamp(2), r.getList(3));
      }
      boolean[] repeated = new boolean[n];
      List<Set<String>> keysOf = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        keysOf.add(new HashSet<>());
      }
      for (Row r : Futures.result(keys, "land: gathering the batch's keys")) {
        int i = r.getInt(0);
        repeated[i] |= !keysOf.get(i).add(r.getString(1));
      }
      List<List<String>> held = held(session, keysOf, targets, prunes);
      List<Check> checks = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        checks.add(new Check(prunes[i], repeated[i], held.get(i)));
      }
      return checks;
    } finally {
      gatherer.shutdownNow();
    }
  }

  /**
   * The batch's keys already stored: in one query, each table's scan of its stored keys, pruned,
   * filtered by a lookup in that table's batch keys (shipped once per executor).
   */
  private static List<List<String>> held(SparkSession session, List<Set<String>> keysOf,
      List<Target> targets, String[] prunes) {
    int n = targets.size();
    Broadcast<List<Set<String>>> shared = JavaSparkContext.fromSparkContext(
        session.sparkContext()).broadcast(keysOf);
    try {
      Dataset<Row> stored = null;
      for (int i = 0; i < n; i++) {
        if (keysOf.get(i).isEmpty()) {
          continue;
        }
        Target t = targets.get(i);
        Dataset<Row> table = session.table(t.table().name()).alias("t");
        if (!prunes[i].isEmpty()) {
          table = table.where(prunes[i]);
        }
        int tag = i;
        UserDefinedFunction inBatch = functions.udf((UDF1<String, Boolean>) k ->
            shared.value().get(tag).contains(k), DataTypes.BooleanType);
        stored = union(stored, table.select(lit(i).as(TAG), key(t).as(KEY))
            .where(inBatch.apply(col(KEY))));
      }
      List<List<String>> held = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        held.add(new ArrayList<>());
      }
      if (stored != null) {
        for (Row r : stored.collectAsList()) {
          held.get(r.getInt(0)).add(r.getString(1));
        }
      }
      return held;
    } finally {
      shared.destroy();
    }
  }

  /**
   * Writes the rows (exactly the table's columns, any order) and returns how many were new.
   * Insert-only targets come with their {@link Check}. With {@code upsertWhen} (no check), a
   * matched row is replaced when that condition on {@code t} (stored) and {@code s} (new) holds,
   * e.g. a higher revision.
   */
  static long write(SparkSession spark, Dataset<Row> rows, Target target, Check check,
      String viewName) {
    TableDefinition table = target.table();
    List<String> columns = table.schema().columns().stream().map(f -> f.name()).toList();
    Dataset<Row> source = rows.select(columns.stream().map(functions::col).toArray(Column[]::new));
    // The view lives in the session of the rows (a micro-batch's own session).
    SparkSession session = source.sparkSession();
    long t0 = System.nanoTime();
    try {
      if (target.upsertWhen() == null) {
        // Insert-only: the rows the check found new, appended, which never conflicts with a
        // concurrent compaction. The parser guarantees required fields, and selects out of
        // structs lose their nullability: Iceberg's check is off here.
        Dataset<Row> fresh = source;
        if (check.repeated()) {
          fresh = fresh.dropDuplicates(target.keys().toArray(String[]::new));
        }
        if (!check.held().isEmpty()) {
          Dataset<Row> held = session.createDataset(check.held(), Encoders.STRING()).toDF(KEY);
          fresh = fresh.join(functions.broadcast(held), key(target).equalTo(col(KEY)), "left_anti");
        }
        Table iceberg = load(spark, table);
        Snapshot before = iceberg.currentSnapshot();
        Dataset<Row> append = fresh;
        retrying(() -> {
          try {
            // Each task writes its own rows: a batch is small, and shuffling it to one writer per
            // partition cost more than the few extra files it saves (compaction merges them).
            // Iceberg's writer: the columnar one was no faster here (see the README's Tables).
            append.writeTo(table.name()).option("check-nullability", "false")
                .options(TableWrites.IN_GIVEN_ORDER).append();
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
      try {
        source.dropDuplicates(target.keys().toArray(String[]::new))
            .createOrReplaceTempView(viewName);
        String on = target.keys().stream().map(k -> "t." + k + " = s." + k)
            .collect(Collectors.joining(" AND "));
        Dataset<Row> anti = session.sql("SELECT s.* FROM " + viewName + " s LEFT ANTI JOIN "
            + table.name() + " t ON " + on + " AND NOT (" + target.upsertWhen() + ")");
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
        return upserted;
      } finally {
        // Dropped even when the MERGE failed: a long-running session must not collect views.
        session.catalog().dropTempView(viewName + "_changed");
        session.catalog().dropTempView(viewName);
      }
    } finally {
      if (System.getenv("DUGOUT_LAND_TRACE") != null) {
        System.err.printf("  %s: %d ms (prune %s; %s)%n", table.name(),
            (System.nanoTime() - t0) / 1_000_000, check == null ? "none" : check.prune(),
            check == null ? "upsert" : check.held().size() + " held"
                + (check.repeated() ? ", repeats" : ""));
      }
    }
  }

  /** A row's key as one string (parts joined by U+0001), to check many tables' keys at once. */
  private static Column key(Target target) {
    if (target.keys().size() == 1) {
      return col(target.keys().get(0)).cast("string");
    }
    return functions.concat_ws("\u0001", target.keys().stream()
        .map(k -> col(k).cast("string")).toArray(Column[]::new));
  }

  private static Dataset<Row> union(Dataset<Row> all, Dataset<Row> more) {
    return all == null ? more : all.unionAll(more);
  }

  private static String pruning(Target target, Timestamp oldest, Timestamp newest,
      List<String> values) {
    String column = target.pruneColumn();
    switch (target.prune()) {
      case VALUES:
        if (values.isEmpty() || values.size() > MAX_PRUNE_VALUES) {
          return "";
        }
        return "t." + column + " IN (" + values.stream()
            .map(v -> "'" + v.replace("'", "''") + "'")
            .collect(Collectors.joining(", ")) + ")";
      case RANGE:
        if (oldest == null) {
          return "";
        }
        return "t." + column + " BETWEEN TIMESTAMP '" + oldest.toInstant().minus(DEDUP_WINDOW)
            + "' AND TIMESTAMP '" + newest.toInstant() + "'";
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
