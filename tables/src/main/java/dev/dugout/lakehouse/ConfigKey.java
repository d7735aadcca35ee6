package dev.dugout.lakehouse;

/**
 * Every configuration key, declared once: its property name (in the config file), its environment
 * override and its default. The README's configuration table lists the same keys (a test checks).
 */
public enum ConfigKey {
  HOME("home", "./lakehouse",
      "Local lakehouse directory: holds the SQLite catalog and the warehouse by default."),
  CATALOG_TYPE("catalog.type", "jdbc", "jdbc (local SQLite file), glue or rest."),
  CATALOG_URI("catalog.uri", "jdbc:sqlite:${home}/catalog.db",
      "JDBC URL of the jdbc catalog, or the REST catalog's URL. Unused for glue."),
  WAREHOUSE("warehouse", "${home}/warehouse",
      "Where table data lives: a local path, or s3://bucket/prefix."),
  S3_ENDPOINT("s3.endpoint", "",
      "S3 endpoint override (s3proxy locally); empty means AWS's own endpoints."),
  S3_PATH_STYLE("s3.path-style", "false", "Path-style S3 access (needed by s3proxy)."),
  SPARK_MASTER("spark.master", "local[*]",
      "Spark master when not launched by spark-submit (which sets its own)."),
  KAFKA_BOOTSTRAP("kafka.bootstrap", "127.0.0.1:9092", "Kafka bootstrap servers."),
  AEROSPIKE_HOSTS("aerospike.hosts", "",
      "Aerospike seed hosts, host:port[,host:port]; $AEROSPIKE_HOSTS also sets it."),
  AEROSPIKE_LIVE_NAMESPACE("aerospike.live.namespace", "live",
      "Namespace of the ranks of every live refresh."),
  AEROSPIKE_LIVE_TTL("aerospike.live.ttl", "3600", "Seconds a live record lives."),
  AEROSPIKE_COMPLETE_NAMESPACE("aerospike.complete.namespace", "complete",
      "Namespace of the final leaderboard."),
  AEROSPIKE_COMPLETE_TTL("aerospike.complete.ttl", "604800",
      "Seconds a final-leaderboard record lives (7 days)."),
  AEROSPIKE_ENTRIES_SET("aerospike.set.entries", "entries", "Set of the records per entry."),
  AEROSPIKE_CONTEST_TOP_SET("aerospike.set.contest-top", "contest_top",
      "Set of the records per contest (its top 100)."),
  AEROSPIKE_USER_ENTRIES_SET("aerospike.set.user-entries", "user_entries",
      "Set of the records per user and match (the user's entries)."),
  AEROSPIKE_BATCH_SIZE("aerospike.batch-size", "500", "Records per batch write."),
  AEROSPIKE_MAX_IN_FLIGHT("aerospike.max-in-flight", "4",
      "Batches a Spark partition has in flight at once."),
  AEROSPIKE_TIMEOUT_MS("aerospike.timeout-ms", "1000", "Total timeout of one batch attempt."),
  AEROSPIKE_MAX_ATTEMPTS("aerospike.max-attempts", "4", "Attempts of a batch in a live refresh."),
  AEROSPIKE_BACKOFF_MS("aerospike.backoff-ms", "50",
      "First retry's backoff cap; doubles each attempt, full jitter."),
  AEROSPIKE_BACKOFF_MAX_MS("aerospike.backoff-max-ms", "2000", "Largest backoff cap."),
  AEROSPIKE_BREAKER_FAILURES("aerospike.breaker.failures", "5",
      "Consecutive failed batches that open the circuit breaker."),
  AEROSPIKE_BREAKER_COOL_DOWN_MS("aerospike.breaker.cool-down-ms", "2000",
      "How long an open breaker fails fast before one probe batch."),
  AEROSPIKE_FINAL_DEADLINE_S("aerospike.final-deadline-s", "120",
      "How long the final board's push to the complete namespace is retried before the job fails."),
  RULE_SET("scoring.rule-set", "t20-2026", "Fantasy-points rule set used by `score`."),
  AIRFLOW_URL("airflow.url", "", "Airflow's web or API server, for `dugout ops`."),
  AIRFLOW_API("airflow.api", "v2", "v2 (Airflow 3, JWT from /auth/token) or v1 (Airflow 2, basic auth)."),
  AIRFLOW_USERNAME("airflow.username", "dugout-ops", "Airflow user of `dugout ops`."),
  AIRFLOW_PASSWORD_FILE("airflow.password-file", "",
      "File holding that user's password, outside the repository; else $DUGOUT_AIRFLOW_PASSWORD.");

  private final String property;
  private final String defaultValue;
  private final String description;

  ConfigKey(String property, String defaultValue, String description) {
    this.property = property;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** Name in the config file, e.g. {@code catalog.type}. */
  public String property() {
    return property;
  }

  /** Environment override, e.g. {@code DUGOUT_CATALOG_TYPE}. */
  public String envVar() {
    return "DUGOUT_" + property.toUpperCase().replace('.', '_').replace('-', '_');
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
