package dev.dugout.bench;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.TableDefinition;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.spark.sql.SparkSession;

/**
 * A branch of some tables that a benchmark writes its measured rows to, so that main is left as
 * it was; made at each table's current snapshot (or empty), dropped on close.
 */
final class ScratchBranch implements AutoCloseable {
  private final SparkSession spark;
  private final String name;
  private final List<TableDefinition> tables;

  private ScratchBranch(SparkSession spark, String name, List<TableDefinition> tables) {
    this.spark = spark;
    this.name = name;
    this.tables = tables;
  }

  static ScratchBranch create(SparkSession spark, String prefix, TableDefinition... tables) {
    String name = prefix + "_" + System.currentTimeMillis();
    for (TableDefinition t : tables) {
      Table table = Lakehouse.icebergCatalog(spark).loadTable(t.identifier());
      if (table.currentSnapshot() == null) {
        table.manageSnapshots().createBranch(name).commit();
      } else {
        table.manageSnapshots().createBranch(name, table.currentSnapshot().snapshotId()).commit();
      }
    }
    return new ScratchBranch(spark, name, List.of(tables));
  }

  /** The name Spark writes {@code table}'s branch by, e.g. gold.payouts.branch_bench_1. */
  String target(TableDefinition table) {
    return table.name() + ".branch_" + name;
  }

  @Override
  public void close() {
    for (TableDefinition t : tables) {
      Lakehouse.icebergCatalog(spark).loadTable(t.identifier()).manageSnapshots()
          .removeBranch(name).commit();
    }
  }
}
