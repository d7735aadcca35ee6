package dev.dugout.cli;

import dev.dugout.maintain.MaintainTables;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.Tables;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = {"Table upkeep with the thresholds each table declares (Iceberg procedures).",
        "The nightly lakehouse_maintenance DAG runs these per table."},
    subcommands = {MaintainCommand.Compact.class, MaintainCommand.Expire.class,
        MaintainCommand.Orphans.class})
final class MaintainCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  abstract static class Action implements Runnable {
    @ParentCommand MaintainCommand parent;

    @Option(names = "--table", paramLabel = "NAME",
        description = "One table, e.g. core.deliveries (default: every table).")
    String table;

    abstract MaintainTables.Action action();

    @Override
    public void run() {
      List<TableDefinition> tables = table == null ? Tables.ALL
          : List.of(Tables.byName(table).orElseThrow(() -> new IllegalArgumentException(
              "maintain: unknown table '" + table + "'; see `dugout tables describe`")));
      for (TableDefinition def : tables) {
        MaintainTables.Outcome o = MaintainTables.run(parent.cli.spark(), def, action());
        parent.cli.out.printf("%-26s %-16s %s%n", o.table(), o.action(), o.result());
      }
    }
  }

  @Command(name = "compact", mixinStandardHelpOptions = true,
      description = "Rewrite small files into files of the table's target size.")
  static final class Compact extends Action {
    @Override
    MaintainTables.Action action() {
      return MaintainTables.Action.COMPACT;
    }
  }

  @Command(name = "expire-snapshots", mixinStandardHelpOptions = true,
      description = "Expire snapshots past the table's age, keeping its minimum count.")
  static final class Expire extends Action {
    @Override
    MaintainTables.Action action() {
      return MaintainTables.Action.EXPIRE_SNAPSHOTS;
    }
  }

  @Command(name = "remove-orphans", mixinStandardHelpOptions = true,
      description = "Delete files no snapshot references, older than the table's orphan age.")
  static final class Orphans extends Action {
    @Override
    MaintainTables.Action action() {
      return MaintainTables.Action.REMOVE_ORPHANS;
    }
  }
}
