package dev.dugout.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = {"Run Spark SQL against the lakehouse catalog.",
        "Tables are namespace.table (core.deliveries); time travel: ... VERSION AS OF <snapshot>.",
        "--file runs every statement of a worksheet (e.g. notebooks/fantasy_points.sql)."})
final class SqlCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @ArgGroup(multiplicity = "1")
  Source source;

  static final class Source {
    @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT * FROM core.matches\"")
    String query;

    @Option(names = "--file", paramLabel = "FILE", description = "A worksheet of ;-separated statements.")
    Path file;
  }

  @Mixin FormatOption output;

  @Option(names = "--limit", defaultValue = "1000",
      description = "Print at most this many rows per statement (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public void run() {
    if (source.query != null) {
      print(source.query);
      return;
    }
    List<SqlScript.Statement> statements = SqlScript.statements(read(source.file));
    for (SqlScript.Statement statement : statements) {
      if (output.format == OutputFormat.table) {
        cli.out.println("-- " + (statement.title().isEmpty() ? statement.sql() : statement.title()));
      }
      print(statement.sql());
      if (output.format == OutputFormat.table) {
        cli.out.println();
      }
    }
  }

  private void print(String sql) {
    Dataset<Row> result = cli.spark().sql(sql);
    ResultPrinter.print(result.schema(), result.limit(limit).collectAsList(), output.format,
        cli.out);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read worksheet " + file, e);
    }
  }
}
