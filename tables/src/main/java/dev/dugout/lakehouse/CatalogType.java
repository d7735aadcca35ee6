package dev.dugout.lakehouse;

/** The Iceberg catalogs Dugout runs on; switching is configuration, never a code fork. */
public enum CatalogType {
  /** Iceberg's JDBC catalog, here on an SQLite file: the embedded local default and CI. */
  JDBC,
  /** AWS Glue Data Catalog, with S3FileIO: production on EMR. */
  GLUE,
  /** An Iceberg REST catalog, with S3FileIO. */
  REST
}
