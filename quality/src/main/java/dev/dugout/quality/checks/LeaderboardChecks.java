package dev.dugout.quality.checks;

import static dev.dugout.tables.LeaderboardTable.*;

import dev.dugout.quality.TableCheck;
import dev.dugout.quality.TableChecks;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.TableDefinition;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/** Checks of {@code gold.leaderboard}. */
public final class LeaderboardChecks implements TableChecks {
  static final String CONTEST_ENTRIES = "contest_entries";
  static final String CONTEST_BEST_RANK = "contest_best_rank";
  static final String BETTER_ENTRIES = "better_entries";
  static final String SAME_POINTS = "same_points";

  @Override
  public TableDefinition table() {
    return LeaderboardTable.DEFINITION;
  }

  @Override
  public List<TableCheck> checks() {
    return List.of(
        TableCheck.error("keys")
            .complete(MATCH_ID, AS_OF_DELIVERY, CONTEST_ID, ENTRY_ID, POINTS, RANK)
            .unique(MATCH_ID, AS_OF_DELIVERY, ENTRY_ID),
        TableCheck.error("competition ranking")
            .holds("every contest has a first place", CONTEST_BEST_RANK + " = 1")
            .holds("a rank is never past the contest's size", RANK + " <= " + CONTEST_ENTRIES)
            .holds("rank is one more than the entries with more points",
                RANK + " = " + BETTER_ENTRIES + " + 1")
            .holds("tied counts the entries with the same points",
                TIED + " IS NULL OR " + TIED + " = " + SAME_POINTS));
  }

  /**
   * Adds per contest its size and best rank, and per entry how many entries of its contest have
   * more points and the same points, recounted from the points as written, so a rank that does not follow from them
   * is caught whatever the job did.
   */
  @Override
  public Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
    Dataset<Row> board = read.apply(table());
    var contest = Window.partitionBy(MATCH_ID, AS_OF_DELIVERY, CONTEST_ID);
    var byPointsDesc = contest.orderBy(functions.col(POINTS).desc())
        .rangeBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> histogram = board.groupBy(MATCH_ID, AS_OF_DELIVERY, CONTEST_ID, POINTS)
        .agg(functions.count("*").as(SAME_POINTS))
        .withColumn(BETTER_ENTRIES, functions.sum(SAME_POINTS).over(byPointsDesc)
            .minus(functions.col(SAME_POINTS)));
    return board
        .withColumn(CONTEST_ENTRIES, functions.count("*").over(contest))
        .withColumn(CONTEST_BEST_RANK, functions.min(RANK).over(contest))
        .join(histogram, scala.collection.JavaConverters.asScalaBuffer(
            List.of(MATCH_ID, AS_OF_DELIVERY, CONTEST_ID, POINTS)).toSeq(), "left");
  }
}
