package dev.dugout.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.dugout.lakehouse.SparkRows;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.TableWrites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * only hashes of keys move: the batch's are gathered (repeats within the batch are found there)
 * and each table's set of them filters its scan of the stored keys, pruned to the partitions its
 * new rows can be in. Normally every key is new, and each table's rows go to its write as they
 * are: no join, no sort. A key whose hash repeats or is stored is compared in full by the write.
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
   * key may repeat within the batch (two rows share a key's hash), and the stored keys that may be
   * among the batch's (as {@link #KEY} strings; a stored key's hash is among the batch's): empty
   * normally, every key for a replayed batch. The write compares the keys themselves.
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
   * Checks every insert-only target's rows in two queries, whatever the number of tables: one
   * pass over the batch summarises each table's keys as hashes, with the pruning bounds
   * ({@link BatchKeys}; repeats are found on the driver), then the stored keys whose hashes are
   * among the batch's are gathered.
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
    Dataset<Row> batch = null;
    for (int i = 0; i < n; i++) {
      Target t = targets.get(i);
      Column time = t.prune() == Prune.RANGE ? col(t.pruneColumn()) : lit(null).cast("timestamp");
      Column value = t.prune() == Prune.VALUES ? col(t.pruneColumn()).cast("string")
          : lit(null).cast("string");
      // Columns in BatchKeys' order: tag, key hash, time, value.
      batch = union(batch, rows.get(i).select(lit(i).as(TAG), functions.xxhash64(key(t)).as(KEY),
          time.as("time"), value.as("value")));
    }
    BatchKeys keys = BatchKeys.merge(SparkRows.internalRows(batch)
        .mapPartitions(part -> List.of(BatchKeys.of(part, n, MAX_PRUNE_VALUES)).iterator())
        .collect(), n, MAX_PRUNE_VALUES);
    // A table whose rows are empty (say, a contest with no prizes) gets no bounds: nothing of it
    // needs reading.
    String[] prunes = new String[n];
    Arrays.fill(prunes, "false");
    for (int i = 0; i < n; i++) {
      if (keys.count(i) > 0) {
        prunes[i] = pruning(targets.get(i), keys.oldest(i), keys.newest(i), keys.values(i));
      }
    }
    List<List<String>> held = held(session, keys, targets, prunes);
    List<Check> checks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      checks.add(new Check(prunes[i], keys.mayRepeat(i), held.get(i)));
    }
    return checks;
  }

  /**
   * The stored keys that may be among the batch's: in one query, each table's scan of its stored
   * keys, pruned, filtered by a lookup of their hashes in a set of that table's batch hashes
   * ({@link HashSetOfLongs}, shipped once per executor). Normally empty; every key for a replayed
   * batch. A stored key that only shares a hash with one of the batch's comes along too, and
   * matches no new row when the write compares keys.
   */
  private static List<List<String>> held(SparkSession session, BatchKeys keys,
      List<Target> targets, String[] prunes) {
    int n = targets.size();
    HashSetOfLongs[] hashes = new HashSetOfLongs[n];
    for (int i = 0; i < n; i++) {
      hashes[i] = HashSetOfLongs.of(keys.hashes(i));
    }
    Broadcast<HashSetOfLongs[]> shared = JavaSparkContext.fromSparkContext(
        session.sparkContext()).broadcast(hashes);
    try {
      Dataset<Row> stored = null;
      for (int i = 0; i < n; i++) {
        if (keys.count(i) == 0) {
          continue;
        }
        Target t = targets.get(i);
        Dataset<Row> table = session.table(t.table().name()).alias("t");
        if (!prunes[i].isEmpty()) {
          table = table.where(prunes[i]);
        }
        UserDefinedFunction inBatch = functions.udf(new InBatch(shared, i), DataTypes.BooleanType);
        stored = union(stored, table.select(lit(i).as(TAG), key(t).as(KEY))
            .where(inBatch.apply(functions.xxhash64(col(KEY)))));
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
   * Whether a stored key's hash is among table {@code tag}'s batch hashes. The set is taken from
   * the broadcast once per task (each task gets its own copy of this function): Spark's
   * {@code Broadcast.value()} takes a lock, which called for every stored key was most of the
   * lookups' time.
   */
  private static final class InBatch implements UDF1<Long, Boolean> {
    private final Broadcast<HashSetOfLongs[]> shared;
    private final int tag;
    private transient HashSetOfLongs batch;

    InBatch(Broadcast<HashSetOfLongs[]> shared, int tag) {
      this.shared = shared;
      this.tag = tag;
    }

    @Override
    public Boolean call(Long hash) {
      HashSetOfLongs hashes = batch;
      if (hashes == null) {
        hashes = shared.value()[tag];
        batch = hashes;
      }
      return hashes.contains(hash);
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
        // By the keys themselves: a repeat of a hash alone removes nothing, nor does a stored key
        // that only shares a hash with a new one.
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

  private static String pruning(Target target, java.time.Instant oldest,
      java.time.Instant newest, List<String> values) {
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
        return "t." + column + " BETWEEN TIMESTAMP '" + oldest.minus(DEDUP_WINDOW)
            + "' AND TIMESTAMP '" + newest + "'";
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
