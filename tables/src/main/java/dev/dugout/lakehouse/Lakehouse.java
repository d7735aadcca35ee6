package dev.dugout.lakehouse;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a process uses, wired to Dugout's Iceberg catalog.
 *
 * <p>The catalog is registered as {@code dugout} and made the default, so users and jobs write
 * {@code core.deliveries}, not {@code dugout.core.deliveries}.
 */
public final class Lakehouse {
  public static final String CATALOG = "dugout";

  private Lakehouse() {}

  /** Spark settings for the catalog: the only place that knows catalog types apart. */
  public static Map<String, String> sparkConf(DugoutConfig config) {
    String prefix = "spark.sql.catalog." + CATALOG;
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.extensions",
        "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions");
    conf.put(prefix, SparkCatalog.class.getName());
    conf.put(prefix + ".warehouse", config.warehouse());
    // Other processes (landing, live jobs, operators) commit too: always read fresh metadata.
    conf.put(prefix + ".cache-enabled", "false");
    switch (config.catalogType()) {
      case JDBC -> {
        conf.put(prefix + ".type", "jdbc");
        conf.put(prefix + ".uri", config.catalogUri());
        // V1 adds view support and the record type column; new catalogs should start there.
        conf.put(prefix + ".jdbc.schema-version", "V1");
      }
      case GLUE -> conf.put(prefix + ".type", "glue");
      case REST -> {
        conf.put(prefix + ".type", "rest");
        conf.put(prefix + ".uri", config.catalogUri());
      }
    }
    if (config.warehouse().startsWith("s3")) {
      conf.put(prefix + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
    }
    if (!config.s3Endpoint().isBlank()) {
      conf.put(prefix + ".s3.endpoint", config.s3Endpoint());
    }
    if (config.s3PathStyle()) {
      conf.put(prefix + ".s3.path-style-access", "true");
    }
    conf.put("spark.sql.defaultCatalog", CATALOG);
    conf.put("spark.sql.session.timeZone", "UTC");
    return conf;
  }

  /**
   * The session for this process. Under spark-submit the master and any {@code --conf} given there
   * win; locally the configured master (default {@code local[*]}) is used.
   */
  public static SparkSession session(DugoutConfig config, Map<String, String> extraConf) {
    createLocalCatalogDirectory(config);
    SparkSession.Builder builder = SparkSession.builder().appName("dugout");
    SparkConf submitted = new SparkConf();
    if (!submitted.contains("spark.master")) {
      builder.master(config.sparkMaster());
      builder.config("spark.ui.enabled", "false");
      builder.config("spark.ui.showConsoleProgress", "false");
      // Local data is small: 200 shuffle partitions would be 200 tiny tasks per stage.
      builder.config("spark.sql.shuffle.partitions", "8");
    }
    sparkConf(config).forEach(builder::config);
    extraConf.forEach(builder::config);
    return builder.getOrCreate();
  }

  private static void createLocalCatalogDirectory(DugoutConfig config) {
    String sqlitePrefix = "jdbc:sqlite:";
    if (config.catalogType() == CatalogType.JDBC && config.catalogUri().startsWith(sqlitePrefix)) {
      java.nio.file.Path db = java.nio.file.Path.of(config.catalogUri().substring(sqlitePrefix.length()));
      try {
        java.nio.file.Files.createDirectories(db.toAbsolutePath().getParent());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("Cannot create the catalog directory for " + db, e);
      }
    }
  }

  /** The Iceberg catalog behind the session's {@code dugout} catalog, for table-level work. */
  public static Catalog icebergCatalog(SparkSession spark) {
    SparkCatalog sparkCatalog =
        (SparkCatalog) spark.sessionState().catalogManager().catalog(CATALOG);
    return sparkCatalog.icebergCatalog();
  }
}
