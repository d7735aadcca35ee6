package dev.dugout.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DugoutConfigTest {
  @TempDir Path dir;

  @Test
  void withNothingSetItIsTheEmbeddedLakehouseUnderDotLakehouse() {
    DugoutConfig config = DugoutConfig.load(null, Map.of());
    Path home = Path.of("lakehouse").toAbsolutePath().normalize();
    assertThat(config.catalogType()).isEqualTo(CatalogType.JDBC);
    assertThat(config.catalogUri()).isEqualTo("jdbc:sqlite:" + home + "/catalog.db");
    assertThat(config.warehouse()).isEqualTo(home.resolve("warehouse").toUri().toString());
    assertThat(config.sparkMaster()).isEqualTo("local[*]");
  }

  @Test
  void environmentBeatsFileBeatsDefault() throws IOException {
    Path file = dir.resolve("dugout.properties");
    Files.writeString(file, "catalog.type=glue\nwarehouse=s3://bucket/lake\nspark.master=yarn\n");
    DugoutConfig config = DugoutConfig.load(file, Map.of("DUGOUT_SPARK_MASTER", "local[2]",
        "DUGOUT_AEROSPIKE_HOSTS", "10.0.0.1:3000, 10.0.0.2:3000"));
    assertThat(config.catalogType()).isEqualTo(CatalogType.GLUE);
    assertThat(config.warehouse()).isEqualTo("s3://bucket/lake");
    assertThat(config.sparkMaster()).isEqualTo("local[2]");
    assertThat(config.aerospikeHosts()).containsExactly("10.0.0.1:3000", "10.0.0.2:3000");
    assertThat(Lakehouse.sparkConf(config))
        .containsEntry("spark.sql.catalog.dugout.type", "glue")
        .containsEntry("spark.sql.catalog.dugout.io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
  }

  @Test
  void aerospikeHostsComeFromAerospikeHostsUnlessTheDugoutVariableIsSet() {
    assertThat(DugoutConfig.load(null, Map.of()).aerospike().configured()).isFalse();
    DugoutConfig plain = DugoutConfig.load(null, Map.of("AEROSPIKE_HOSTS", "a:3000,b:3100"));
    assertThat(plain.aerospikeHosts()).containsExactly("a:3000", "b:3100");
    assertThat(plain.aerospike().liveNamespace()).isEqualTo("live");
    assertThat(plain.aerospike().liveTtlSeconds()).isEqualTo(3600);
    assertThat(plain.aerospike().completeNamespace()).isEqualTo("complete");
    assertThat(plain.aerospike().completeTtlSeconds()).isEqualTo(604_800);
    assertThat(DugoutConfig.load(null, Map.of("AEROSPIKE_HOSTS", "a:3000",
        "DUGOUT_AEROSPIKE_HOSTS", "c:3000")).aerospikeHosts()).containsExactly("c:3000");
    assertThatThrownBy(() -> DugoutConfig.load(null, Map.of("DUGOUT_AEROSPIKE_BATCH_SIZE", "0")))
        .hasMessageContaining("aerospike.batch-size must be positive; was 0");
    assertThatThrownBy(() -> DugoutConfig.load(null, Map.of("DUGOUT_AEROSPIKE_LIVE_TTL", "1h")))
        .hasMessageContaining("aerospike.live.ttl='1h' is not a whole number");
  }

  @Test
  void homeMovesCatalogAndWarehouseTogether() {
    DugoutConfig config = DugoutConfig.load(null, Map.of("DUGOUT_HOME", dir.toString()));
    assertThat(config.catalogUri()).isEqualTo("jdbc:sqlite:" + dir + "/catalog.db");
    assertThat(config.warehouse()).startsWith(dir.toUri().toString());
  }

  @Test
  void unknownKeysAndBadValuesAreNamed() throws IOException {
    Path file = dir.resolve("bad.properties");
    Files.writeString(file, "catalog.kind=jdbc\n");
    assertThatThrownBy(() -> DugoutConfig.load(file, Map.of()))
        .hasMessageContaining("Unknown key 'catalog.kind'").hasMessageContaining(file.toString());
    assertThatThrownBy(() -> DugoutConfig.load(null, Map.of("DUGOUT_CATALOG_TYPE", "hive")))
        .hasMessageContaining("catalog.type='hive' is not one of jdbc, glue, rest");
  }

  @Test
  void restCatalogWithS3ProxyIsConfigurationOnly() {
    DugoutConfig config = DugoutConfig.load(null, Map.of(
        "DUGOUT_CATALOG_TYPE", "rest", "DUGOUT_CATALOG_URI", "http://127.0.0.1:8181",
        "DUGOUT_WAREHOUSE", "s3://lake/", "DUGOUT_S3_ENDPOINT", "http://127.0.0.1:9000",
        "DUGOUT_S3_PATH_STYLE", "true"));
    assertThat(Lakehouse.sparkConf(config))
        .containsEntry("spark.sql.catalog.dugout.type", "rest")
        .containsEntry("spark.sql.catalog.dugout.uri", "http://127.0.0.1:8181")
        .containsEntry("spark.sql.catalog.dugout.s3.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.sql.catalog.dugout.s3.path-style-access", "true");
  }

  @Test
  void theReadmeDocumentsEveryKey() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (ConfigKey key : ConfigKey.values()) {
      assertThat(readme).as("README documents " + key.property())
          .contains("`" + key.property() + "`").contains("`" + key.envVar() + "`");
    }
  }
}
