package dev.dugout.quality;

import dev.dugout.tables.TableDefinition;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The checks of one table: one implementation per table, columns from its definition. */
public interface TableChecks {
  TableDefinition table();

  List<TableCheck> checks();

  /**
   * The rows to verify. {@code read} gives each table as the auditing run sees it (its audit
   * branch when the run writes that table, else {@code main}), so cross-table checks (players in
   * the match pool) see the run's own writes.
   */
  default Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
    return read.apply(table());
  }
}
