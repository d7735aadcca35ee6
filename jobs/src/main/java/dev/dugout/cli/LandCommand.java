package dev.dugout.cli;

import dev.dugout.landing.LandEventsJob;
import dev.dugout.landing.LandOptions;
import dev.dugout.runs.Durations;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "land", mixinStandardHelpOptions = true,
    description = {"Land events from Kafka or from JSON-lines files into raw.events and the core"
        + " tables, exactly once.",
        "Live micro-batches: --every 10s. Scheduled catch-up: --available-now.",
        "Invalid records go to raw.quarantine with the reason and their position."})
final class LandCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Option(names = "--source", required = true, description = "files or kafka")
  String source;

  @Option(names = "--path", description = "Landing directory or S3 prefix of *.jsonl[.gz] files"
      + " (files; default: <home>/landing).")
  String path;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (kafka; default:"
      + " the kafka.bootstrap setting, $DUGOUT_KAFKA_BOOTSTRAP, else 127.0.0.1:9092).")
  String bootstrapServers;

  @Option(names = "--topic", split = ",", defaultValue = "dugout.events",
      description = "Kafka topic(s) (default: ${DEFAULT-VALUE}).")
  List<String> topics;

  @Option(names = "--every", description = "Micro-batch trigger interval, e.g. 10s.")
  String every;

  @Option(names = "--available-now", description = "Land what is there now, then stop.")
  boolean availableNow;

  @Option(names = "--max-per-trigger", defaultValue = "0",
      description = "Files (files) or offsets (kafka) per micro-batch; 0 = no limit.")
  long maxPerTrigger;

  @Option(names = "--checkpoint", description = "Streaming checkpoint (default:"
      + " <home>/checkpoints/land-<source>).")
  String checkpoint;

  @Option(names = "--stop-when-idle", description = "With --every: stop after this long with no"
      + " new input, e.g. 30s.")
  String stopWhenIdle;

  @Option(names = "--until-complete", paramLabel = "MATCH", description = "With --every: stop"
      + " once this match's COMPLETED or ABANDONED status has landed.")
  String untilComplete;

  @Override
  public void run() {
    LandOptions.Source src = switch (source.toLowerCase(java.util.Locale.ROOT)) {
      case "files" -> LandOptions.Source.FILES;
      case "kafka" -> LandOptions.Source.KAFKA;
      default -> throw new IllegalArgumentException("land: --source must be files or kafka, got '"
          + source + "'");
    };
    var home = cli.config().home();
    String location = src == LandOptions.Source.FILES
        ? (path != null ? path : home.resolve("landing").toString())
        : (bootstrapServers != null ? bootstrapServers : cli.config().kafkaBootstrap());
    String cp = checkpoint != null ? checkpoint
        : home.resolve("checkpoints").resolve("land-" + src.name().toLowerCase()).toString();
    LandOptions options = new LandOptions(src, location, topics,
        every == null ? null : Durations.parse(every, "--every"), availableNow, maxPerTrigger, cp,
        stopWhenIdle == null ? null : Durations.parse(stopWhenIdle, "--stop-when-idle"),
        untilComplete);
    cli.out.println(LandEventsJob.run(cli.spark(), options, cli.out).summary());
  }
}
