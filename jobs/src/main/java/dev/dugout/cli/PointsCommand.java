package dev.dugout.cli;

import static org.apache.spark.sql.functions.col;

import dev.dugout.tables.PlayerPointsTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "points", mixinStandardHelpOptions = true,
    description = "Print a match's fantasy points per player, highest first.")
final class PointsCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--match", required = true, paramLabel = "ID", description = "Match id.")
  String matchId;

  @Mixin FormatOption output;

  @Override
  public void run() {
    Dataset<Row> points = cli.spark().table(PlayerPointsTable.DEFINITION.name())
        .where(col(PlayerPointsTable.MATCH_ID).equalTo(matchId))
        .orderBy(col(PlayerPointsTable.POINTS).desc(), col(PlayerPointsTable.PLAYER_ID))
        .select(col(PlayerPointsTable.MATCH_ID), col(PlayerPointsTable.PLAYER_ID),
            col(PlayerPointsTable.PLAYER_NAME).as("name"), col(PlayerPointsTable.POINTS));
    List<Row> rows = points.collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no points for match " + matchId
          + "; import and score it first (dugout import cricsheet PATH; dugout score --match "
          + matchId + ")");
    }
    ResultPrinter.print(points.schema(), rows, output.format, cli.out);
  }
}
