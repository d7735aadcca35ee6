package dev.dugout.cli;

import dev.dugout.dev.KafkaBroker;
import dev.dugout.lakehouse.ConfigKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = {"A real Kafka broker on 127.0.0.1 (KRaft, one node, its own JVM), for the landing"
        + " job's Kafka source and the live jobs.",
        "Data, config, state and logs under <home>/kafka."},
    subcommands = {DevKafkaCommand.Start.class, DevKafkaCommand.Stop.class,
        DevKafkaCommand.Status.class})
final class DevKafkaCommand implements Runnable {
  @ParentCommand DevCommand dev;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(dev.cli.out);
  }

  Path directory() {
    return dev.cli.config().home().resolve("kafka");
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start the broker (formats its storage on first start); waits until it answers.")
  static final class Start implements Runnable {
    @ParentCommand DevKafkaCommand parent;

    @Option(names = "--port", defaultValue = "9092", description = "Client port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--controller-port", defaultValue = "9093",
        description = "KRaft controller port; keep it across restarts (default: ${DEFAULT-VALUE}).")
    int controllerPort;

    @Override
    public void run() {
      long start = System.nanoTime();
      KafkaBroker broker = KafkaBroker.startDetached(parent.directory(), port, controllerPort);
      var out = parent.dev.cli.out;
      out.printf("kafka up in %.1f s: bootstrap servers %s (pid %d), log %s%n",
          (System.nanoTime() - start) / 1e9, broker.bootstrapServers(), broker.pid(),
          broker.logFile());
      out.println("use it (the default already points there when the port is 9092):");
      out.println("export " + ConfigKey.KAFKA_BOOTSTRAP.envVar() + "=" + broker.bootstrapServers());
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      description = "Stop the broker; its topics stay on disk for the next start.")
  static final class Stop implements Runnable {
    @ParentCommand DevKafkaCommand parent;

    @Override
    public void run() {
      var broker = KafkaBroker.running(parent.directory());
      broker.ifPresent(KafkaBroker::close);
      parent.dev.cli.out.println(broker.isEmpty() ? "no broker was running"
          : "kafka stopped (pid " + broker.get().pid() + ")");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Say whether the broker runs, and where.")
  static final class Status implements Runnable {
    @ParentCommand DevKafkaCommand parent;

    @Override
    public void run() {
      parent.dev.cli.out.println(KafkaBroker.running(parent.directory())
          .map(b -> "running: bootstrap servers " + b.bootstrapServers() + " (pid " + b.pid() + ")")
          .orElse("no broker running"));
    }
  }
}
