package dev.dugout.dev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.columnar.ColumnarAppend;
import dev.dugout.testing.TestLakehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.spark.SparkCatalog;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Iceberg on the local S3 endpoint, configured the way a user configures Dugout for it: the
 * {@code DUGOUT_*} variables `dugout dev s3 start` prints (warehouse {@code s3://...}, endpoint,
 * path style) and the AWS default chain's credentials. Table data and metadata must land in the
 * bucket, through S3FileIO.
 */
class S3EndpointIT {
  static final String BUCKET = "dugout-it";
  /** A second catalog on the test JVM's one session, so the shared {@code dugout} one stays local. */
  static final String CATALOG = "s3lake";
  /** The AWS default chain reads these system properties before AWS_ACCESS_KEY_ID & co. */
  static final Map<String, String> AWS_PROPERTIES = Map.of(
      "aws.accessKeyId", S3Endpoint.ACCESS_KEY,
      "aws.secretAccessKey", S3Endpoint.SECRET_KEY,
      "aws.region", S3Endpoint.REGION);

  static Path root;
  static S3Endpoint s3;

  @BeforeAll
  static void startS3() throws IOException {
    root = Files.createTempDirectory("dugout-s3-it");
    long start = System.nanoTime();
    s3 = S3Endpoint.start(root.resolve("s3"));
    System.out.printf("s3proxy ready in %.1f s at %s%n", (System.nanoTime() - start) / 1e9,
        s3.endpoint());
    s3.createBucket(BUCKET);
    AWS_PROPERTIES.forEach(System::setProperty);
  }

  @AfterAll
  static void stopS3() throws IOException {
    AWS_PROPERTIES.keySet().forEach(System::clearProperty);
    if (s3 != null) {
      long pid = s3.pid();
      s3.close();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
    KafkaBrokerIT.delete(root);
  }

  @Test
  void sparkAppendsToAnIcebergTableInTheBucketAndReadsItBack() throws Exception {
    SparkSession spark = TestLakehouse.spark();
    Files.createDirectories(root.resolve("lakehouse"));
    Map<String, String> env = new HashMap<>(s3.clientEnvironment());
    env.put("DUGOUT_HOME", root.resolve("lakehouse").toString());
    env.put("DUGOUT_WAREHOUSE", "s3://" + BUCKET + "/warehouse");
    registerCatalog(spark, DugoutConfig.load(null, env));

    spark.sql("CREATE NAMESPACE IF NOT EXISTS " + CATALOG + ".landing");
    spark.sql("CREATE TABLE " + CATALOG + ".landing.points (player STRING, points INT) USING iceberg");
    StructType schema = new StructType()
        .add("player", DataTypes.StringType).add("points", DataTypes.IntegerType);
    List<Row> rows = List.of(RowFactory.create("Kohli", 54), RowFactory.create("Bumrah", 87),
        RowFactory.create("Rashid", 61));
    spark.createDataFrame(rows, schema).writeTo(CATALOG + ".landing.points").append();
    // The second append through the columnar writer, which writes through the table's FileIO.
    ColumnarAppend.append(spark.createDataFrame(List.of(RowFactory.create("Buttler", 40)), schema),
        ((SparkCatalog) spark.sessionState().catalogManager().catalog(CATALOG)).icebergCatalog()
            .loadTable(TableIdentifier.of("landing", "points")), null);

    assertThat(spark.sql("SELECT player, points FROM " + CATALOG + ".landing.points ORDER BY player")
        .collectAsList().stream().map(Row::toString).toList())
        .containsExactly("[Bumrah,87]", "[Buttler,40]", "[Kohli,54]", "[Rashid,61]");

    Table table = ((SparkCatalog) spark.sessionState().catalogManager().catalog(CATALOG))
        .icebergCatalog().loadTable(TableIdentifier.of("landing", "points"));
    assertThat(table.io()).isInstanceOf(S3FileIO.class);
    assertThat(table.location()).startsWith("s3://" + BUCKET + "/warehouse/");
    assertThat(table.snapshots()).hasSize(2);

    List<String> keys;
    try (S3Client client = s3.newClient()) {
      keys = client.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("warehouse/")).contents()
          .stream().map(S3Object::key).toList();
    }
    List<String> dataFiles = new java.util.ArrayList<>();
    try (var tasks = table.newScan().planFiles()) {
      tasks.forEach(task -> dataFiles.add(task.file().location()));
    }
    assertThat(dataFiles).isNotEmpty();
    assertThat(keys.stream().filter(k -> k.endsWith(".parquet")).map(k -> "s3://" + BUCKET + "/" + k))
        .as("the table's data files are the bucket's parquet objects")
        .containsExactlyInAnyOrderElementsOf(dataFiles);
    assertThat(keys).anyMatch(k -> k.contains("/metadata/") && k.endsWith(".metadata.json"));
    assertThat(s3.dataDirectory().resolve(BUCKET).resolve(keys.get(0))).as("stored by s3proxy")
        .exists();
  }

  /**
   * Registers Dugout's catalog settings for {@code config} ({@link Lakehouse#sparkConf}, the same
   * code a job's session uses) under another name on the running session.
   */
  static void registerCatalog(SparkSession spark, DugoutConfig config) {
    String dugoutPrefix = "spark.sql.catalog." + Lakehouse.CATALOG;
    Lakehouse.sparkConf(config).forEach((key, value) -> {
      if (key.equals(dugoutPrefix) || key.startsWith(dugoutPrefix + ".")) {
        spark.conf().set("spark.sql.catalog." + CATALOG + key.substring(dugoutPrefix.length()), value);
      }
    });
  }
}
