package dev.dugout.cli;

import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "score", mixinStandardHelpOptions = true,
    description = "Compute fantasy points into gold.player_points (all matches, or --match).")
final class ScoreCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--match", paramLabel = "ID", split = ",",
      description = "Match id(s) to score; default: every imported match.")
  List<String> matchIds = List.of();

  @Option(names = "--rule-set", paramLabel = "ID|FILE",
      description = "Rule set id or JSON file; default: the scoring.rule-set config (t20-2026).")
  String ruleSet;

  @Override
  public void run() {
    String rules = ruleSet != null ? ruleSet : cli.config().ruleSet();
    cli.out.println(ScoreMatchJob.run(cli.spark(), new ScoreMatchOptions(matchIds, rules), cli.out)
        .summary());
  }
}
