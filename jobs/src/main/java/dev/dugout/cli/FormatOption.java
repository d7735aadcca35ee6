package dev.dugout.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option shared by commands that print rows. */
final class FormatOption {
  @Option(names = "--format", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  OutputFormat format;
}
