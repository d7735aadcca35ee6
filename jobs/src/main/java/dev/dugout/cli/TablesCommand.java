package dev.dugout.cli;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.TableDdl;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.Tables;
import java.util.List;
import org.apache.iceberg.catalog.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "Create and describe Dugout's Iceberg tables.",
    subcommands = {TablesCommand.Create.class, TablesCommand.Describe.class})
final class TablesCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create every declared table that is missing (idempotent).")
  static final class Create implements Runnable {
    @ParentCommand TablesCommand parent;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      for (TableDdl.Result r : TableDdl.createAll(Lakehouse.icebergCatalog(cli.spark()))) {
        cli.out.printf("%-20s %s%n", r.table().name(),
            switch (r.outcome()) {
              case CREATED -> "created";
              case COLUMNS_ADDED -> "exists, declared optional columns added";
              case PROPERTIES_UPDATED -> "exists, properties updated to the declaration";
              default -> "exists, up to date";
            });
      }
      cli.out.println("catalog: " + cli.config().catalogType().name().toLowerCase()
          + " " + cli.config().catalogUri() + "; warehouse: " + cli.config().warehouse());
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true,
      description = "Describe one table (schema with field ids, partitioning, state) or all.")
  static final class Describe implements Runnable {
    @ParentCommand TablesCommand parent;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "e.g. core.deliveries")
    String name;

    @Override
    public void run() {
      List<TableDefinition> tables = name == null ? Tables.ALL : List.of(Tables.byName(name)
          .orElseThrow(() -> new IllegalArgumentException("no table '" + name + "'; known: "
              + Tables.ALL.stream().map(TableDefinition::name).toList())));
      Catalog catalog = Lakehouse.icebergCatalog(parent.cli.spark());
      for (TableDefinition t : tables) {
        parent.cli.out.println(TableDdl.describe(catalog, t));
      }
    }
  }
}
