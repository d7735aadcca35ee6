package dev.dugout.lakehouse;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Dugout's one typed configuration.
 *
 * <p>Precedence, highest first: a {@code DUGOUT_*} environment variable, the config file
 * ({@code --config FILE}, else {@code $DUGOUT_CONFIG}, else {@code ./dugout.properties} when it
 * exists), the default. With nothing set at all it describes the embedded local platform under
 * {@code ./lakehouse/}. Credentials never come from here: S3 and Glue use the AWS default provider
 * chain.
 */
public record DugoutConfig(
    Path home,
    CatalogType catalogType,
    String catalogUri,
    String warehouse,
    String s3Endpoint,
    boolean s3PathStyle,
    String sparkMaster,
    String kafkaBootstrap,
    List<String> aerospikeHosts,
    String ruleSet,
    Airflow airflow) {

  /** Where `dugout ops` reaches Airflow. The password is never part of the config. */
  public record Airflow(String url, String api, String username, String passwordFile) {}

  public DugoutConfig {
    if (catalogType != CatalogType.GLUE && (catalogUri == null || catalogUri.isBlank())) {
      throw new IllegalArgumentException(
          ConfigKey.CATALOG_URI.property() + " is required for catalog.type=" + catalogType);
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw new IllegalArgumentException(ConfigKey.WAREHOUSE.property() + " must not be empty");
    }
    aerospikeHosts = List.copyOf(aerospikeHosts);
  }

  /** The defaults, for a lakehouse rooted at {@code home} (tests use a temporary directory). */
  public static DugoutConfig embedded(Path home) {
    return resolve(Map.of(ConfigKey.HOME, home.toString()));
  }

  /** Reads the config file (if any) and the environment. */
  public static DugoutConfig load(Path explicitFile, Map<String, String> env) {
    Path file = explicitFile;
    if (file == null && env.containsKey("DUGOUT_CONFIG")) {
      file = Path.of(env.get("DUGOUT_CONFIG"));
    }
    if (file == null && Files.exists(Path.of("dugout.properties"))) {
      file = Path.of("dugout.properties");
    }
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    if (file != null) {
      values.putAll(readFile(file));
    }
    for (ConfigKey key : ConfigKey.values()) {
      String fromEnv = env.get(key.envVar());
      if (fromEnv != null) {
        values.put(key, fromEnv);
      }
    }
    return resolve(values);
  }

  private static Map<ConfigKey, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read config file " + file + ": " + e.getMessage(), e);
    }
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (String name : props.stringPropertyNames()) {
      ConfigKey key = keyFor(name);
      if (key == null) {
        throw new IllegalArgumentException(
            "Unknown key '" + name + "' in config file " + file + "; known keys: "
                + java.util.Arrays.stream(ConfigKey.values()).map(ConfigKey::property).toList());
      }
      values.put(key, props.getProperty(name).trim());
    }
    return values;
  }

  private static ConfigKey keyFor(String property) {
    for (ConfigKey key : ConfigKey.values()) {
      if (key.property().equals(property)) {
        return key;
      }
    }
    return null;
  }

  private static DugoutConfig resolve(Map<ConfigKey, String> values) {
    Path home = Path.of(value(values, ConfigKey.HOME, "")).toAbsolutePath().normalize();
    String homeText = home.toString();
    String typeText = value(values, ConfigKey.CATALOG_TYPE, homeText);
    CatalogType type;
    try {
      type = CatalogType.valueOf(typeText.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          ConfigKey.CATALOG_TYPE.property() + "='" + typeText + "' is not one of jdbc, glue, rest", e);
    }
    String warehouse = value(values, ConfigKey.WAREHOUSE, homeText);
    if (!warehouse.contains("://")) {
      warehouse = Path.of(warehouse).toAbsolutePath().normalize().toUri().toString();
    }
    String hosts = value(values, ConfigKey.AEROSPIKE_HOSTS, homeText);
    return new DugoutConfig(
        home,
        type,
        value(values, ConfigKey.CATALOG_URI, homeText),
        warehouse,
        value(values, ConfigKey.S3_ENDPOINT, homeText),
        Boolean.parseBoolean(value(values, ConfigKey.S3_PATH_STYLE, homeText)),
        value(values, ConfigKey.SPARK_MASTER, homeText),
        value(values, ConfigKey.KAFKA_BOOTSTRAP, homeText),
        hosts.isBlank() ? List.of() : List.of(hosts.split("\\s*,\\s*")),
        value(values, ConfigKey.RULE_SET, homeText),
        new Airflow(value(values, ConfigKey.AIRFLOW_URL, homeText),
            value(values, ConfigKey.AIRFLOW_API, homeText),
            value(values, ConfigKey.AIRFLOW_USERNAME, homeText),
            value(values, ConfigKey.AIRFLOW_PASSWORD_FILE, homeText)));
  }

  private static String value(Map<ConfigKey, String> values, ConfigKey key, String home) {
    return values.getOrDefault(key, key.defaultValue()).replace("${home}", home);
  }
}
