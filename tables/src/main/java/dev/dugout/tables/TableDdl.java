package dev.dugout.tables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.types.Types;

/** Creates the declared tables (idempotently) and describes them. */
public final class TableDdl {
  private TableDdl() {}

  /** What {@link #create} did for one table. */
  public enum Outcome { CREATED, COLUMNS_ADDED, PROPERTIES_UPDATED, UP_TO_DATE }

  public record Result(TableDefinition table, Outcome outcome) {}

  /** Thrown when a table exists with another schema than declared: that needs a migration. */
  public static final class SchemaDriftException extends IllegalStateException {
    public SchemaDriftException(String message) {
      super(message);
    }
  }

  public static List<Result> createAll(Catalog catalog) {
    List<Result> results = new ArrayList<>();
    for (TableDefinition def : Tables.ALL) {
      results.add(create(catalog, def));
    }
    return results;
  }

  /** Creates the table if missing; if present, verifies it still has the declared schema. */
  public static Result create(Catalog catalog, TableDefinition def) {
    if (catalog instanceof SupportsNamespaces namespaces) {
      Namespace ns = def.identifier().namespace();
      if (!namespaces.namespaceExists(ns)) {
        try {
          namespaces.createNamespace(ns);
        } catch (org.apache.iceberg.exceptions.AlreadyExistsException raced) {
          // another process created it between the check and the create: fine
        }
      }
    }
    if (catalog.tableExists(def.identifier())) {
      Table existing = catalog.loadTable(def.identifier());
      boolean added = addDeclaredColumns(existing, def);
      if (!existing.schema().asStruct().equals(def.schema().asStruct())) {
        throw new SchemaDriftException(
            def.name() + " exists with a schema that differs from its declaration in "
                + "dev.dugout.tables; change tables only through a migration.\n  declared: "
                + def.schema().asStruct() + "\n  found:    " + existing.schema().asStruct());
      }
      Outcome properties = syncProperties(existing, def);
      return new Result(def, added ? Outcome.COLUMNS_ADDED : properties);
    }
    catalog
        .buildTable(def.identifier(), def.schema())
        .withPartitionSpec(def.partitionSpec())
        .withSortOrder(def.sortOrder())
        .withProperties(def.properties())
        .create();
    return new Result(def, Outcome.CREATED);
  }

  /**
   * The one migration done automatically: optional columns declared after the table was created
   * (new trailing field ids) are added, so older rows read them as null. Anything else that
   * differs is left for the caller to report as drift.
   */
  private static boolean addDeclaredColumns(Table table, TableDefinition def) {
    List<Types.NestedField> declared = def.schema().columns();
    List<Types.NestedField> found = table.schema().columns();
    if (declared.size() <= found.size()
        || !declared.subList(0, found.size()).equals(found)
        || declared.subList(found.size(), declared.size()).stream()
            .anyMatch(f -> f.isRequired() || f.fieldId() <= table.schema().highestFieldId())) {
      return false;
    }
    var update = table.updateSchema();
    for (Types.NestedField f : declared.subList(found.size(), declared.size())) {
      update.addColumn(f.name(), f.type(), f.doc());
    }
    update.commit();
    table.refresh();
    return true;
  }

  /** Declared properties win over what an older declaration set; format-version is immutable. */
  private static Outcome syncProperties(Table table, TableDefinition def) {
    var update = table.updateProperties();
    boolean changed = false;
    for (Map.Entry<String, String> p : def.properties().entrySet()) {
      if (!p.getKey().equals("format-version")
          && !p.getValue().equals(table.properties().get(p.getKey()))) {
        update.set(p.getKey(), p.getValue());
        changed = true;
      }
    }
    if (!changed) {
      return Outcome.UP_TO_DATE;
    }
    update.commit();
    return Outcome.PROPERTIES_UPDATED;
  }

  /** A human-readable description: schema with field ids, partitioning, sort, state. */
  public static String describe(Catalog catalog, TableDefinition def) {
    StringBuilder out = new StringBuilder();
    out.append(def.name()).append(": ").append(def.description()).append('\n');
    out.append("  partitioned: ").append(def.partitionReason()).append('\n');
    out.append("  sort order:  ").append(def.sortOrder().fields().stream()
        .map(f -> def.schema().findColumnName(f.sourceId()) + " " + f.direction())
        .collect(java.util.stream.Collectors.joining(", "))).append('\n');
    out.append("  columns:\n");
    for (Types.NestedField field : def.schema().columns()) {
      out.append(String.format("    %3d %-24s %-9s %s%s%n", field.fieldId(), field.name(),
          field.isOptional() ? "optional" : "required", field.type(),
          field.doc() == null ? "" : "  -- " + field.doc()));
    }
    if (!catalog.tableExists(def.identifier())) {
      out.append("  state: not created (run `dugout tables create`)\n");
      return out.toString();
    }
    Table table = catalog.loadTable(def.identifier());
    out.append("  location:    ").append(table.location()).append('\n');
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      out.append("  state: created, no data yet\n");
    } else {
      Map<String, String> summary = current.summary();
      out.append("  snapshot:    ").append(current.snapshotId()).append(" (")
          .append(current.operation()).append(", ")
          .append(java.time.Instant.ofEpochMilli(current.timestampMillis())).append(")\n");
      out.append("  rows:        ").append(summary.getOrDefault("total-records", "?"))
          .append(" in ").append(summary.getOrDefault("total-data-files", "?"))
          .append(" data files\n");
    }
    out.append("  branches:    ").append(table.refs().keySet()).append('\n');
    return out.toString();
  }
}
