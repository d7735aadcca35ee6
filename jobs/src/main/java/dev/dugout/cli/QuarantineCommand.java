package dev.dugout.cli;

import dev.dugout.tables.QuarantineTable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "quarantine", mixinStandardHelpOptions = true,
    description = "What was refused on the way in (raw.quarantine), and why.",
    subcommands = {QuarantineCommand.ListRecords.class, QuarantineCommand.Show.class})
final class QuarantineCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "The newest quarantined records: id, when, source, position, reason.")
  static final class ListRecords implements Runnable {
    @ParentCommand QuarantineCommand parent;

    @Option(names = "--source", description = "Only this source: files, kafka, cricsheet.")
    String source;

    @Option(names = "--limit", defaultValue = "50", description = "(default: ${DEFAULT-VALUE})")
    int limit;

    @Mixin FormatOption output;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      Dataset<Row> q = cli.spark().table(QuarantineTable.DEFINITION.name());
      if (source != null) {
        q = q.where(q.col(QuarantineTable.SOURCE).equalTo(source));
      }
      long total = q.count();
      Dataset<Row> rows = q.orderBy(q.col(QuarantineTable.QUARANTINED_AT).desc(),
              q.col(QuarantineTable.SOURCE_POSITION))
          .selectExpr("substr(quarantine_id, 1, 12) AS id", "quarantined_at", "source",
              "source_position", "record_key",
              "CASE WHEN length(reason) > 90 THEN concat(substr(reason, 1, 87), '...')"
                  + " ELSE reason END AS reason")
          .limit(limit);
      ResultPrinter.print(rows.schema(), rows.collectAsList(), output.format, cli.out);
      if (output.format == OutputFormat.table) {
        cli.out.printf("%d of %d quarantined record(s)%s; `dugout quarantine show ID` shows one"
            + " whole%n", Math.min(limit, total), total, source == null ? "" : " from " + source);
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "One quarantined record whole: reason, position, key and the raw text.")
  static final class Show implements Runnable {
    @ParentCommand QuarantineCommand parent;

    @Parameters(paramLabel = "ID", description = "The id, or a unique prefix of it, from `list`.")
    String id;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      if (!id.matches("[0-9a-zA-Z-]+")) {
        throw new IllegalArgumentException("quarantine show: '" + id + "' is not a quarantine id");
      }
      List<Row> rows = cli.spark().table(QuarantineTable.DEFINITION.name())
          .where("quarantine_id LIKE '" + id + "%'").limit(2).collectAsList();
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("quarantine show: no quarantined record has id " + id);
      }
      if (rows.size() > 1) {
        throw new IllegalArgumentException("quarantine show: several records start with " + id
            + "; give more of the id");
      }
      Row r = rows.get(0);
      for (String column : List.of(QuarantineTable.QUARANTINE_ID, QuarantineTable.QUARANTINED_AT,
          QuarantineTable.SOURCE, QuarantineTable.SOURCE_POSITION, QuarantineTable.RECORD_KEY,
          QuarantineTable.REASON, QuarantineTable.RUN_ID)) {
        cli.out.printf("%-16s %s%n", column, r.getAs(column) == null ? "" : r.getAs(column));
      }
      cli.out.println("raw_text:");
      cli.out.println(r.getAs(QuarantineTable.RAW_TEXT) == null ? "(none)"
          : r.<String>getAs(QuarantineTable.RAW_TEXT));
    }
  }
}
