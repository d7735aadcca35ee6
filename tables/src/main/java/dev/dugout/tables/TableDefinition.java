package dev.dugout.tables;

import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Everything Dugout declares about one Iceberg table: the single source of truth for DDL, jobs,
 * checks and notebooks.
 *
 * <p>Field ids are declared in the order Iceberg assigns them on creation (top-level fields first,
 * then nested ones), so the created table carries exactly the declared ids; a test checks that.
 *
 * @param partitionReason one line: why this partitioning suits the queries users make
 */
public record TableDefinition(
    TableIdentifier identifier,
    Schema schema,
    PartitionSpec partitionSpec,
    SortOrder sortOrder,
    Map<String, String> properties,
    String description,
    String partitionReason) {

  public TableDefinition {
    Objects.requireNonNull(identifier, "identifier");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(partitionSpec, "partitionSpec");
    Objects.requireNonNull(sortOrder, "sortOrder");
    properties = Map.copyOf(properties);
    if (partitionReason == null || partitionReason.isBlank()) {
      throw new IllegalArgumentException(identifier + ": every table states why it is partitioned so");
    }
  }

  /** {@code namespace.table}, as users write it in SQL. */
  public String name() {
    return identifier.toString();
  }

  public String namespace() {
    return identifier.namespace().toString();
  }
}
