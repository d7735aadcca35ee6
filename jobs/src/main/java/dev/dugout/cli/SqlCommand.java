package dev.dugout.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run Spark SQL against the lakehouse catalog.",
        "Tables are namespace.table (core.deliveries); time travel: ... VERSION AS OF <snapshot>."})
final class SqlCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT * FROM core.matches\"")
  String query;

  @Option(names = "--format", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--limit", defaultValue = "1000",
      description = "Print at most this many rows (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public void run() {
    Dataset<Row> result = cli.spark().sql(query);
    ResultPrinter.print(result.schema(), result.limit(limit).collectAsList(), format, cli.out);
  }
}
