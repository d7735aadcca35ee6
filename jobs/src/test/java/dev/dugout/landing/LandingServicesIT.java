package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.dev.KafkaBroker;
import dev.dugout.dev.S3Endpoint;
import dev.dugout.lakehouse.ConfigKey;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.EventsTable;
import dev.dugout.tables.QuarantineTable;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.DugoutProcess;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * The landing job against the real local services: a Kafka broker (KRaft, its own JVM) as the
 * source, and s3proxy (its own JVM) as the warehouse through Iceberg's S3FileIO.
 */
class LandingServicesIT {
  static final String MATCH = "1370353";
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @TempDir Path dir;

  @Test
  void aMatchReplayedToKafkaLandsOnceWithBadMessagesQuarantinedByTopicPartitionOffset()
      throws Exception {
    SparkSession spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
    try (KafkaBroker kafka = KafkaBroker.start(dir.resolve("kafka"))) {
      kafka.createTopic("feed", 3);
      try (FeedWriter writer = FeedWriter.kafka(kafka.bootstrapServers(), "feed")) {
        ReplayCricsheet.replay(DemoData.match(MATCH), writer, Double.POSITIVE_INFINITY, QUIET);
        writer.send("x", "this is not an event");
      }
      LandOptions options = new LandOptions(LandOptions.Source.KAFKA, kafka.bootstrapServers(),
          List.of("feed"), null, true, 100, dir.resolve("cp").toString(), null);
      LandEventsJob.run(spark, options, QUIET);
      // Again on the same checkpoint: nothing new. On a fresh one: every event a duplicate.
      LandEventsJob.run(spark, options, QUIET);
      LandEventsJob.run(spark, new LandOptions(LandOptions.Source.KAFKA, kafka.bootstrapServers(),
          List.of("feed"), null, true, 0, dir.resolve("cp2").toString(), null), QUIET);
    }
    long deliveries = spark.table(DeliveriesTable.DEFINITION.name())
        .where("match_id = '" + MATCH + "'").count();
    assertThat(deliveries).isEqualTo(216);
    assertThat(spark.table(EventsTable.DEFINITION.name()).count()).isEqualTo(216 + 5);
    List<Row> bad = spark.table(QuarantineTable.DEFINITION.name()).where("source = 'kafka'")
        .collectAsList();
    assertThat(bad).hasSize(1);
    assertThat(bad.get(0).<String>getAs(QuarantineTable.SOURCE_POSITION)).matches("feed/[0-2]/\\d+");
    assertThat(bad.get(0).<String>getAs(QuarantineTable.RAW_TEXT)).isEqualTo("this is not an event");
  }

  @Test
  void eventsLandInIcebergTablesOnAnS3EndpointThroughS3FileIo() throws Exception {
    try (S3Endpoint s3 = S3Endpoint.start(dir.resolve("s3"))) {
      s3.createBucket("landing-it");
      Map<String, String> env = new HashMap<>(s3.clientEnvironment());
      env.put("DUGOUT_HOME", dir.resolve("home").toString());
      env.put(ConfigKey.WAREHOUSE.envVar(), "s3://landing-it/warehouse");
      Path landing = Files.createDirectories(dir.resolve("landing"));
      try (FeedWriter files = FeedWriter.files(landing, "feed", false)) {
        ReplayCricsheet.replay(DemoData.match(MATCH), files, Double.POSITIVE_INFINITY, QUIET);
      }
      Path log = dir.resolve("dugout.log");
      run(env, log, "tables", "create");
      run(env, log, "land", "--source", "files", "--path", landing.toString(), "--available-now",
          "--checkpoint", dir.resolve("cp").toString());
      run(env, log, "sql", "--format", "csv",
          "SELECT count(*) AS n FROM core.deliveries WHERE match_id = '" + MATCH + "'");
      assertThat(Files.readAllLines(log)).contains("216");

      try (S3Client client = s3.newClient()) {
        List<String> keys = client.listObjectsV2Paginator(ListObjectsV2Request.builder()
                .bucket("landing-it").prefix("warehouse/").build()).contents().stream()
            .map(o -> o.key()).toList();
        assertThat(keys).anyMatch(k -> k.contains("/core/deliveries/") && k.endsWith(".parquet"));
        assertThat(keys).anyMatch(k -> k.contains("/raw/events/") && k.endsWith(".parquet"));
      }
    }
  }

  private static void run(Map<String, String> env, Path log, String... args) throws Exception {
    Process p = DugoutProcess.start(env, log, args);
    assertThat(p.waitFor(3, TimeUnit.MINUTES)).as("dugout " + String.join(" ", args)).isTrue();
    assertThat(p.exitValue()).as("dugout " + String.join(" ", args) + "; log:\n"
        + Files.readString(log)).isZero();
  }
}
