package dev.dugout.testing;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import dev.dugout.tables.TableDdl;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.Tables;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (local[2], UI off, few shuffle partitions) on a temporary
 * embedded lakehouse. Test classes call {@link #freshTables()} once to start from empty tables.
 */
public final class TestLakehouse {
  private static SparkSession spark;
  private static DugoutConfig config;

  private TestLakehouse() {}

  public static synchronized SparkSession spark() {
    if (spark == null) {
      try {
        Path home = Files.createTempDirectory("dugout-test-lakehouse");
        config = DugoutConfig.embedded(home);
        spark = Lakehouse.session(config, Map.of(
            "spark.master", "local[2]",
            "spark.ui.enabled", "false",
            "spark.sql.shuffle.partitions", "2"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          spark.stop();
          delete(home);
        }));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return spark;
  }

  public static synchronized DugoutConfig config() {
    spark();
    return config;
  }

  /** Drops every Dugout table (with its data) and creates them all again, empty. */
  public static void freshTables() {
    Catalog catalog = Lakehouse.icebergCatalog(spark());
    for (TableDefinition def : Tables.ALL) {
      if (catalog.tableExists(def.identifier())) {
        catalog.dropTable(def.identifier(), true);
      }
    }
    TableDdl.createAll(catalog);
  }

  /**
   * Empty tables, then the day's real match imported and scored (rule set t20-2026) and its
   * contests, teams and entries generated: where every contest and leaderboard test starts.
   */
  public static void matchDay(GenerateOptions day) {
    SparkSession spark = spark();
    freshTables();
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
    ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
        List.of(DemoData.match(day.matchId()).toString())), quiet);
    ScoreMatchJob.run(spark, new ScoreMatchOptions(List.of(day.matchId()), "t20-2026"), quiet);
    GenerateMatchDayJob.run(spark, day, quiet);
  }

  public static long currentSnapshotId(TableDefinition table) {
    var snapshot = Lakehouse.icebergCatalog(spark()).loadTable(table.identifier()).currentSnapshot();
    return snapshot == null ? -1 : snapshot.snapshotId();
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit; the directory is under the system temp dir
    }
  }
}
