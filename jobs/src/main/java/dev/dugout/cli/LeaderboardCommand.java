package dev.dugout.cli;

import dev.dugout.leaderboard.BuildLeaderboardJob;
import dev.dugout.leaderboard.LeaderboardOptions;
import dev.dugout.leaderboard.aerospike.AerospikeSink;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveLeaderboardJob;
import dev.dugout.leaderboard.live.LiveOptions;
import dev.dugout.leaderboard.live.LiveSink;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "leaderboard", mixinStandardHelpOptions = true,
    description = {"Rank every contest entry of a match into gold.leaderboard.",
        "Team points: captain x2, vice-captain x1.5, exact; competition ranking (1224).",
        "Batch: one board as of a delivery. --live: follow the match (or replay it) and re-rank",
        "at every refresh from entries held in executor memory."})
final class LeaderboardCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--match", required = true, paramLabel = "ID", description = "Match id.")
  String matchId;

  @Option(names = "--as-of", paramLabel = "DELIVERY",
      description = "Batch: rank as of this delivery_seq (default: the last one, the final board).")
  Integer asOf;

  @Option(names = "--live", description = "Follow the match as deliveries land in core.deliveries"
      + " (until its row is in core.matches), or replay it with --replay-speed.")
  boolean live;

  @Option(names = "--every", paramLabel = "DURATION", defaultValue = "10s",
      description = "Live: time between refreshes, e.g. 10s or 500ms (default: ${DEFAULT-VALUE}).")
  String every;

  @Option(names = "--replay-speed", paramLabel = "SPEED",
      description = "Live: replay the landed match N times faster than real time (40 s per"
          + " delivery), e.g. 60x; `max` refreshes once per over without waiting.")
  String replaySpeed;

  @Option(names = "--snapshot-every", paramLabel = "over|N", defaultValue = "over",
      description = "Live: write a board to gold.leaderboard at the end of every over, or every N"
          + " deliveries; the final board is always written (default: ${DEFAULT-VALUE}).")
  String snapshotEvery;

  @Option(names = "--watch", paramLabel = "CONTEST",
      description = "Live: show this contest's top 10 at each refresh (repeatable).")
  List<String> watch = new ArrayList<>();

  @Option(names = "--user", paramLabel = "USER",
      description = "Live: follow this user's entries at each refresh.")
  String user;

  @Option(names = "--sink", paramLabel = "none|aerospike",
      description = "Live: where each refresh's ranks go (default: aerospike when aerospike.hosts"
          + " or $AEROSPIKE_HOSTS is set, else none).")
  String sink;

  @Option(names = "--shards", paramLabel = "N", defaultValue = "0",
      description = "Partitions of the entries (default: the partitions they are read in when"
          + " they are stored in contest order, else 4 per core, shuffled by contest).")
  int shards;

  @Option(names = "--split-above", paramLabel = "ENTRIES", defaultValue = "0",
      description = "Split contests with more entries across shards (default: entries / (4 x"
          + " shards), at least 1000). With --shards or --split-above the entries are always"
          + " shuffled to that layout.")
  long splitAbove;

  @Override
  public void run() {
    LiveLeaderboard.Layout layout = new LiveLeaderboard.Layout(shards, splitAbove);
    if (!live) {
      if (replaySpeed != null || !watch.isEmpty() || user != null || sink != null) {
        throw new IllegalArgumentException("leaderboard: --replay-speed, --watch, --user and --sink"
            + " need --live");
      }
      cli.out.println(BuildLeaderboardJob.run(cli.spark(), new LeaderboardOptions(matchId, asOf,
          layout), cli.out).summary());
      return;
    }
    if (asOf != null) {
      throw new IllegalArgumentException("leaderboard: --as-of is for a batch board, not --live");
    }
    LiveOptions options = new LiveOptions(matchId, LiveOptions.parseEvery(every),
        LiveOptions.parseSpeed(replaySpeed), LiveOptions.parseSnapshotEvery(snapshotEvery),
        cli.config().ruleSet(), watch, user, layout);
    cli.out.println(LiveLeaderboardJob.run(cli.spark(), options, liveSink(),
        new TerminalView(cli.out, watch, user, TerminalView.interactive()), cli.out).summary());
  }

  private LiveSink liveSink() {
    String kind = sink != null ? sink : cli.config().aerospike().configured() ? "aerospike" : "none";
    switch (kind) {
      case "none":
        return LiveSink.NONE;
      case "aerospike":
        return AerospikeSink.forConfig(cli.spark(), cli.config());
      default:
        throw new IllegalArgumentException("leaderboard: --sink must be none or aerospike; got '"
            + kind + "'");
    }
  }
}
