package dev.dugout.cli;

import dev.dugout.landing.FeedWriter;
import dev.dugout.landing.ReplayCricsheet;
import dev.dugout.leaderboard.live.LiveOptions;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay real data as the live events a feed would send.",
    subcommands = {ReplayCommand.Cricsheet.class})
final class ReplayCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  @Command(name = "cricsheet", mixinStandardHelpOptions = true,
      description = {"Send a Cricsheet match as match_status and delivery events, in order.",
          "`dugout land` then rebuilds core.deliveries as a direct import would."})
  static final class Cricsheet implements Runnable {
    @ParentCommand ReplayCommand parent;

    @Parameters(paramLabel = "FILE", description = "A Cricsheet match JSON file.")
    Path file;

    @Option(names = "--to", required = true, description = "kafka or files")
    String to;

    @Option(names = "--speed", defaultValue = "60x",
        description = "60x (a delivery every 40/60 s) or max (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--path", description = "Landing directory (files; default: <home>/landing).")
    Path path;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (kafka; default:"
        + " the kafka.bootstrap setting, $DUGOUT_KAFKA_BOOTSTRAP, else 127.0.0.1:9092).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "dugout.events",
        description = "Kafka topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--gzip", description = "Write .jsonl.gz files (files).")
    boolean gzip;

    @Override
    public void run() {
      DugoutCli cli = parent.cli;
      double pace = LiveOptions.parseSpeed(speed);
      FeedWriter writer = switch (to) {
        case "files" -> FeedWriter.files(path != null ? path : cli.config().home().resolve("landing"),
            "feed-" + file.getFileName().toString().replaceAll("\\.json$", ""), gzip);
        case "kafka" -> FeedWriter.kafka(bootstrapServers != null ? bootstrapServers
            : cli.config().kafkaBootstrap(), topic);
        default -> throw new IllegalArgumentException("replay: --to must be kafka or files, got '"
            + to + "'");
      };
      ReplayCricsheet.Result r;
      try (writer) {
        r = ReplayCricsheet.replay(file, writer, pace, cli.out);
      }
      cli.out.printf("replay cricsheet: match %s, %d events (%d deliveries) sent to %s in %.1f s%n",
          r.matchId(), r.events(), r.deliveries(), to, r.millis() / 1000.0);
    }
  }
}
