package dev.dugout.lakehouse;

import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.TableWrites;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The set of matches a run works on: as a filter column, and as what a run replaces. */
public record MatchScope(List<String> matchIds) {
  public MatchScope {
    matchIds = List.copyOf(matchIds);
  }

  public Column filter(String matchIdColumn) {
    return functions.col(matchIdColumn).isin(matchIds.toArray());
  }

  /** Deletes the scope's rows from {@code tableIdentifier} (a branch identifier works too). */
  public void deleteFrom(SparkSession spark, String tableIdentifier, String matchIdColumn) {
    deleteFrom(spark, tableIdentifier, matchIdColumn, null);
  }

  /** As above, narrowed by {@code andCondition} (SQL; null for none). */
  public void deleteFrom(SparkSession spark, String tableIdentifier, String matchIdColumn,
      String andCondition) {
    if (matchIds.isEmpty()) {
      return;
    }
    String list = matchIds.stream().map(id -> "'" + id.replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
    spark.sql("DELETE FROM " + tableIdentifier + " WHERE " + matchIdColumn + " IN (" + list + ")"
        + (andCondition == null ? "" : " AND " + andCondition));
  }

  /**
   * On the run's audit branch of {@code table}: deletes the scope's rows, then appends
   * {@code rows}, so a re-run replaces instead of duplicating. Published later by the gate.
   */
  public void replaceOnBranch(WriteAuditPublish wap, TableDefinition table, String matchIdColumn,
      Dataset<Row> rows) {
    replaceOnBranch(wap, table, matchIdColumn, null, rows, Map.of());
  }

  /**
   * @param andCondition narrows what is replaced (SQL; null for the whole scope)
   * @param writeOptions Iceberg write options for the append
   */
  public void replaceOnBranch(WriteAuditPublish wap, TableDefinition table, String matchIdColumn,
      String andCondition, Dataset<Row> rows, Map<String, String> writeOptions) {
    String target = wap.branchTable(table);
    deleteFrom(rows.sparkSession(), target, matchIdColumn, andCondition);
    TableWrites.append(rows, table, target, writeOptions);
  }
}
