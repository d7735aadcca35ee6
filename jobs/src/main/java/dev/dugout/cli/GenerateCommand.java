package dev.dugout.cli;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate a realistic match day (contests, prize tables, teams, entries).",
        "Deterministic by seed; the match must be imported. Replaces the match's generated data."})
final class GenerateCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--match", required = true, paramLabel = "ID", description = "An imported match.")
  String matchId;

  @Option(names = "--users", required = true, paramLabel = "N", description = "Users taking part.")
  int users;

  @Option(names = "--entries", required = true, paramLabel = "M", description = "Contest entries in all.")
  long entries;

  @Option(names = "--mega", paramLabel = "K",
      description = "Entries of the mega contest (default: a fifth of --entries).")
  Integer mega;

  @Option(names = "--seed", defaultValue = "1", description = "(default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public void run() {
    int megaEntries = mega != null ? mega : GenerateOptions.defaultMega(entries);
    cli.out.println(GenerateMatchDayJob.run(cli.spark(),
        new GenerateOptions(matchId, users, entries, megaEntries, seed), cli.out).summary());
  }
}
