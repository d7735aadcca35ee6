package dev.dugout.cli;

import dev.dugout.leaderboard.BuildLeaderboardJob;
import dev.dugout.leaderboard.LeaderboardOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "leaderboard", mixinStandardHelpOptions = true,
    description = {"Rank every contest entry of a match into gold.leaderboard (batch).",
        "Team points: captain x2, vice-captain x1.5, exact; competition ranking (1224)."})
final class LeaderboardCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--match", required = true, paramLabel = "ID", description = "Match id.")
  String matchId;

  @Option(names = "--as-of", paramLabel = "DELIVERY",
      description = "Rank as of this delivery_seq (default: the last one, the final board).")
  Integer asOf;

  @Override
  public void run() {
    cli.out.println(BuildLeaderboardJob.run(cli.spark(), new LeaderboardOptions(matchId, asOf),
        cli.out).summary());
  }
}
