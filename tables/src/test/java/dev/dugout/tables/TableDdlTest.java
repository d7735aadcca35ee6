package dev.dugout.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.jdbc.JdbcCatalog;

import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables as code against a real Iceberg JDBC catalog on SQLite (no Spark needed). */
class TableDdlTest {
  @TempDir Path home;
  JdbcCatalog catalog;

  @BeforeEach
  void catalog() {
    catalog = new JdbcCatalog();
    catalog.initialize("test", Map.of(
        "uri", "jdbc:sqlite:" + home.resolve("catalog.db"),
        "warehouse", home.resolve("warehouse").toUri().toString(),
        "jdbc.schema-version", "V1"));
  }

  @AfterEach
  void close() throws Exception {
    catalog.close();
  }

  @Test
  void createdTablesCarryExactlyTheDeclaredDefinition() {
    assertThat(TableDdl.createAll(catalog)).allMatch(r -> r.outcome() == TableDdl.Outcome.CREATED);
    for (TableDefinition def : Tables.ALL) {
      Table table = catalog.loadTable(def.identifier());
      // Field ids included: the declarations are the source of truth for DDL, jobs and checks.
      assertThat(table.schema().asStruct()).as(def.name()).isEqualTo(def.schema().asStruct());
      assertThat(table.spec().fields()).as(def.name()).hasSameSizeAs(def.partitionSpec().fields());
      assertThat(table.spec().toString()).isEqualTo(def.partitionSpec().toString());
      assertThat(table.sortOrder().fields().toString()).isEqualTo(def.sortOrder().fields().toString());
      // format-version is reserved: Iceberg consumes it into the table metadata.
      Map<String, String> declared = new java.util.HashMap<>(def.properties());
      int formatVersion = Integer.parseInt(declared.remove("format-version"));
      assertThat(table.properties()).containsAllEntriesOf(declared);
      assertThat(((org.apache.iceberg.BaseTable) table).operations().current().formatVersion())
          .isEqualTo(formatVersion);
    }
  }

  @Test
  void createIsIdempotent() {
    TableDdl.createAll(catalog);
    assertThat(TableDdl.createAll(catalog)).allMatch(r -> r.outcome() == TableDdl.Outcome.UP_TO_DATE);
  }

  @Test
  void propertiesFollowTheDeclaration() {
    TableDdl.createAll(catalog);
    catalog.loadTable(LeaderboardTable.DEFINITION.identifier()).updateProperties()
        .set("write.distribution-mode", "hash").commit();
    assertThat(TableDdl.create(catalog, LeaderboardTable.DEFINITION).outcome())
        .isEqualTo(TableDdl.Outcome.PROPERTIES_UPDATED);
    assertThat(catalog.loadTable(LeaderboardTable.DEFINITION.identifier()).properties())
        .containsEntry("write.distribution-mode", "none");
  }

  @Test
  void optionalColumnsDeclaredLaterAreAddedToAnExistingTable() {
    Schema declared = LeaderboardTable.SCHEMA;
    Schema older = new Schema(declared.columns().subList(0, declared.columns().size() - 1));
    catalog.createTable(LeaderboardTable.DEFINITION.identifier(), older);
    assertThat(TableDdl.create(catalog, LeaderboardTable.DEFINITION).outcome())
        .isEqualTo(TableDdl.Outcome.COLUMNS_ADDED);
    assertThat(catalog.loadTable(LeaderboardTable.DEFINITION.identifier()).schema().asStruct())
        .isEqualTo(declared.asStruct());
    assertThat(TableDdl.create(catalog, LeaderboardTable.DEFINITION).outcome())
        .isEqualTo(TableDdl.Outcome.UP_TO_DATE);
  }

  @Test
  void aTableThatDriftedFromItsDeclarationIsReported() {
    TableDdl.createAll(catalog);
    catalog.loadTable(DeliveriesTable.DEFINITION.identifier()).updateSchema()
        .addColumn("surprise", Types.StringType.get()).commit();
    assertThatThrownBy(() -> TableDdl.create(catalog, DeliveriesTable.DEFINITION))
        .isInstanceOf(TableDdl.SchemaDriftException.class)
        .hasMessageContaining("core.deliveries exists with a schema that differs")
        .hasMessageContaining("surprise");
  }

  @Test
  void namesFollowTheConventions() {
    for (TableDefinition def : Tables.ALL) {
      assertThat(def.namespace()).isIn("raw", "core", "gold", "ops", "dq");
      assertThat(def.identifier().name()).matches("[a-z][a-z0-9_]*");
      for (Types.NestedField field : def.schema().columns()) {
        assertThat(field.name()).as(def.name()).matches("[a-z][a-z0-9_]*");
        if (field.name().endsWith("_at")) {
          assertThat(field.type()).as(def.name() + "." + field.name())
              .isEqualTo(Types.TimestampType.withZone());
        }
        if (field.name().endsWith("_date")) {
          assertThat(field.type()).isEqualTo(Types.DateType.get());
        }
      }
    }
  }

  @Test
  void describeShowsFieldIdsAndState() {
    String before = TableDdl.describe(catalog, DeliveriesTable.DEFINITION);
    assertThat(before).contains("not created");
    TableDdl.createAll(catalog);
    String after = TableDdl.describe(catalog, DeliveriesTable.DEFINITION);
    assertThat(after).contains("core.deliveries").contains("  3 delivery_seq")
        .contains("created, no data yet").contains("identity(match_id)");
  }
}
