package dev.dugout.cli;

import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import match data into the core tables.",
    subcommands = {ImportCommand.Cricsheet.class})
final class ImportCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  @Command(name = "cricsheet", mixinStandardHelpOptions = true,
      description = {"Import Cricsheet match JSON (formats 1.0.0 to 1.2.0).",
          "Re-importing replaces a match; a lower revision than the stored one is refused;",
          "malformed files go to raw.quarantine with the reason and the other files still land."})
  static final class Cricsheet implements Runnable {
    @ParentCommand ImportCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories of *.json.")
    List<String> paths;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      cli.out.println(ImportCricsheetJob.run(cli.spark(), new ImportCricsheetOptions(paths), cli.out)
          .summary());
    }
  }
}
