package dev.dugout.tables;

import java.util.HashMap;
import java.util.Map;

/** Table properties shared by every Dugout table; a table adds or overrides its own. */
public final class TableProperties {
  private TableProperties() {}

  public static final String ORPHAN_MIN_AGE_MS = "dugout.maintain.orphan-min-age-ms";

  /**
   * {@code overrides} and, for each of {@code columns}, a metrics mode of {@code counts}: value and
   * null counts kept, lower and upper bounds not. For ids in no useful order within the files
   * (entries and users of a board read in contest order), whose bounds span nearly every id in
   * every file and so prune nothing; the columnar writer then compares none of their values.
   */
  static Map<String, String> countsOnly(Map<String, String> overrides, String... columns) {
    Map<String, String> props = new HashMap<>(overrides);
    for (String column : columns) {
      props.put("write.metadata.metrics.column." + column, "counts");
    }
    return props;
  }

  /** Iceberg's per-column switch of Parquet's dictionary encoding; the columnar writer reads it. */
  public static final String DICTIONARY_COLUMN = "write.parquet.dict-encoding-enabled.column.";

  /**
   * {@code overrides} and, for each of {@code columns}, Parquet's dictionary encoding off: for
   * strings nearly every value of which is new in its file (event ids, payloads, entry and user
   * ids). Parquet would hash each of them into a dictionary for the file's first page, then drop
   * the dictionary; in the landing that hashing was a fifth of the writes' time.
   */
  static Map<String, String> plainEncoded(Map<String, String> overrides, String... columns) {
    Map<String, String> props = new HashMap<>(overrides);
    for (String column : columns) {
      props.put(DICTIONARY_COLUMN + column, "false");
    }
    return props;
  }

  /** Iceberg's per-column switch of Parquet's statistics (for Iceberg's own Parquet writer). */
  public static final String STATISTICS_COLUMN = "write.parquet.stats-enabled.column.";

  /**
   * {@link #countsOnly} of {@code columns}, and Parquet's statistics off for them: strings whose
   * min and max prune nothing (random ids, payloads), which Parquet's writer would otherwise
   * compare value by value for each page's min and max. Payloads of one kind share long
   * prefixes. (The columnar writer keeps no statistics for a column of {@code counts} already.)
   */
  static Map<String, String> unbounded(Map<String, String> overrides, String... columns) {
    Map<String, String> props = countsOnly(overrides, columns);
    for (String column : columns) {
      props.put(STATISTICS_COLUMN + column, "false");
    }
    return props;
  }

  static Map<String, String> standard(Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put("format-version", "2");
    props.put("write.format.default", "parquet");
    props.put("write.parquet.compression-codec", "zstd");
    // 128 MiB files: few enough objects on S3 for cheap planning, small enough to parallelise.
    props.put("write.target-file-size-bytes", String.valueOf(128L * 1024 * 1024));
    // Write-audit-publish: jobs write to a branch named after their run, then fast-forward main.
    props.put("write.wap.enabled", "true");
    props.put("write.metadata.delete-after-commit.enabled", "true");
    props.put("write.metadata.previous-versions-max", "50");
    // Maintenance thresholds, read by `dugout maintain` and the nightly DAG.
    props.put("history.expire.max-snapshot-age-ms", String.valueOf(7L * 24 * 3600 * 1000));
    props.put("history.expire.min-snapshots-to-keep", "20");
    // `dugout maintain remove-orphans` leaves files younger than this: longer than any job runs,
    // so a write in flight never loses its files.
    props.put(ORPHAN_MIN_AGE_MS, String.valueOf(3L * 24 * 3600 * 1000));
    props.putAll(overrides);
    return props;
  }
}
