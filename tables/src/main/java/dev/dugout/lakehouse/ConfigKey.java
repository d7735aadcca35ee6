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
  AEROSPIKE_HOSTS("aerospike.hosts", "", "Aerospike seed hosts, host:port[,host:port]."),
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
