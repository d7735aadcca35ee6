package dev.dugout.lakehouse;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** The set of matches a run works on: as a filter column and as a branch delete. */
public record MatchScope(List<String> matchIds) {
  public MatchScope {
    matchIds = List.copyOf(matchIds);
  }

  public Column filter(String matchIdColumn) {
    return functions.col(matchIdColumn).isin(matchIds.toArray());
  }

  /** Deletes the scope's rows from {@code tableIdentifier} (a branch identifier works too). */
  public void deleteFrom(SparkSession spark, String tableIdentifier, String matchIdColumn) {
    if (matchIds.isEmpty()) {
      return;
    }
    String list = matchIds.stream().map(id -> "'" + id.replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
    spark.sql("DELETE FROM " + tableIdentifier + " WHERE " + matchIdColumn + " IN (" + list + ")");
  }
}
