package dev.dugout.lakehouse;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    Aerospike aerospike,
    String ruleSet,
    Airflow airflow) {

  /** Where `dugout ops` reaches Airflow. The password is never part of the config. */
  public record Airflow(String url, String api, String username, String passwordFile) {}

  /**
   * Where and how the live leaderboard is pushed to Aerospike. Serializable: the Spark executors
   * get it with the sink.
   *
   * @param hosts seed hosts; empty when there is no Aerospike
   * @param liveTtlSeconds lifetime of a live record; completeTtlSeconds that of a final one
   * @param maxAttempts attempts of one batch in a live refresh (the final push retries until
   *     {@code finalDeadline})
   * @param backoff the first retry's backoff cap, doubled each attempt up to {@code backoffMax}
   * @param breakerFailures consecutive failed batches that open the circuit breaker
   */
  public record Aerospike(List<String> hosts, String liveNamespace, int liveTtlSeconds,
      String completeNamespace, int completeTtlSeconds, String entriesSet, String contestTopSet,
      String userEntriesSet, int batchSize, int maxInFlight, Duration timeout, int maxAttempts,
      Duration backoff, Duration backoffMax, int breakerFailures, Duration breakerCoolDown,
      Duration finalDeadline) implements java.io.Serializable {
    public Aerospike {
      hosts = List.copyOf(hosts);
      positive(ConfigKey.AEROSPIKE_LIVE_TTL, liveTtlSeconds);
      positive(ConfigKey.AEROSPIKE_COMPLETE_TTL, completeTtlSeconds);
      positive(ConfigKey.AEROSPIKE_BATCH_SIZE, batchSize);
      positive(ConfigKey.AEROSPIKE_MAX_IN_FLIGHT, maxInFlight);
      positive(ConfigKey.AEROSPIKE_MAX_ATTEMPTS, maxAttempts);
      positive(ConfigKey.AEROSPIKE_BREAKER_FAILURES, breakerFailures);
      if (backoffMax.compareTo(backoff) < 0) {
        throw new IllegalArgumentException(ConfigKey.AEROSPIKE_BACKOFF_MAX_MS.property() + " ("
            + backoffMax.toMillis() + ") must not be below " + ConfigKey.AEROSPIKE_BACKOFF_MS.property()
            + " (" + backoff.toMillis() + ")");
      }
      for (String name : List.of(entriesSet, contestTopSet, userEntriesSet, liveNamespace,
          completeNamespace)) {
        if (name.isBlank() || name.length() > 63) {
          throw new IllegalArgumentException("aerospike namespace and set names must have 1 to 63"
              + " characters; got '" + name + "'");
        }
      }
    }

    public boolean configured() {
      return !hosts.isEmpty();
    }

    /** The same settings against other hosts (the dev server, a test's server). */
    public Aerospike withHosts(List<String> otherHosts) {
      return new Aerospike(otherHosts, liveNamespace, liveTtlSeconds, completeNamespace,
          completeTtlSeconds, entriesSet, contestTopSet, userEntriesSet, batchSize, maxInFlight,
          timeout, maxAttempts, backoff, backoffMax, breakerFailures, breakerCoolDown, finalDeadline);
    }

    private static void positive(ConfigKey key, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(key.property() + " must be positive; was " + value);
      }
    }
  }

  /** Aerospike's seed hosts; empty when none is configured. */
  public List<String> aerospikeHosts() {
    return aerospike.hosts();
  }

  public DugoutConfig {
    if (catalogType != CatalogType.GLUE && (catalogUri == null || catalogUri.isBlank())) {
      throw new IllegalArgumentException(
          ConfigKey.CATALOG_URI.property() + " is required for catalog.type=" + catalogType);
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw new IllegalArgumentException(ConfigKey.WAREHOUSE.property() + " must not be empty");
    }
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
    // The variable Aerospike's own tools and the issue use; DUGOUT_AEROSPIKE_HOSTS still wins.
    if (env.containsKey("AEROSPIKE_HOSTS")) {
      values.put(ConfigKey.AEROSPIKE_HOSTS, env.get("AEROSPIKE_HOSTS"));
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
        aerospike(values, hosts.isBlank() ? List.of() : List.of(hosts.trim().split("\\s*,\\s*"))),
        value(values, ConfigKey.RULE_SET, homeText),
        new Airflow(value(values, ConfigKey.AIRFLOW_URL, homeText),
            value(values, ConfigKey.AIRFLOW_API, homeText),
            value(values, ConfigKey.AIRFLOW_USERNAME, homeText),
            value(values, ConfigKey.AIRFLOW_PASSWORD_FILE, homeText)));
  }

  private static Aerospike aerospike(Map<ConfigKey, String> values, List<String> hosts) {
    return new Aerospike(hosts,
        value(values, ConfigKey.AEROSPIKE_LIVE_NAMESPACE, ""),
        integer(values, ConfigKey.AEROSPIKE_LIVE_TTL),
        value(values, ConfigKey.AEROSPIKE_COMPLETE_NAMESPACE, ""),
        integer(values, ConfigKey.AEROSPIKE_COMPLETE_TTL),
        value(values, ConfigKey.AEROSPIKE_ENTRIES_SET, ""),
        value(values, ConfigKey.AEROSPIKE_CONTEST_TOP_SET, ""),
        value(values, ConfigKey.AEROSPIKE_USER_ENTRIES_SET, ""),
        integer(values, ConfigKey.AEROSPIKE_BATCH_SIZE),
        integer(values, ConfigKey.AEROSPIKE_MAX_IN_FLIGHT),
        Duration.ofMillis(integer(values, ConfigKey.AEROSPIKE_TIMEOUT_MS)),
        integer(values, ConfigKey.AEROSPIKE_MAX_ATTEMPTS),
        Duration.ofMillis(integer(values, ConfigKey.AEROSPIKE_BACKOFF_MS)),
        Duration.ofMillis(integer(values, ConfigKey.AEROSPIKE_BACKOFF_MAX_MS)),
        integer(values, ConfigKey.AEROSPIKE_BREAKER_FAILURES),
        Duration.ofMillis(integer(values, ConfigKey.AEROSPIKE_BREAKER_COOL_DOWN_MS)),
        Duration.ofSeconds(integer(values, ConfigKey.AEROSPIKE_FINAL_DEADLINE_S)));
  }

  private static int integer(Map<ConfigKey, String> values, ConfigKey key) {
    String text = value(values, key, "").trim();
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key.property() + "='" + text + "' is not a whole number", e);
    }
  }

  private static String value(Map<ConfigKey, String> values, ConfigKey key, String home) {
    return values.getOrDefault(key, key.defaultValue()).replace("${home}", home);
  }
}
