package dev.dugout.cli;

import dev.dugout.dev.BuildArtifacts;
import dev.dugout.dev.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Local development services: a real multi-JVM Spark cluster, a Kafka broker, an"
        + " S3 endpoint.",
    subcommands = {DevCommand.Cluster.class, DevKafkaCommand.class, DevS3Command.class,
        DevAerospikeCommand.class})
final class DevCommand implements Runnable {
  @ParentCommand DugoutCli cli;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(cli.out);
  }

  @Command(name = "cluster", mixinStandardHelpOptions = true,
      description = {"A Spark standalone cluster on 127.0.0.1: one master, N one-core workers.",
          "Jobs run on it with `dugout submit COMMAND...`; state and logs under <home>/cluster."},
      subcommands = {Cluster.Start.class, Cluster.Stop.class, Cluster.Status.class})
  static final class Cluster implements Runnable {
    @ParentCommand DevCommand dev;

    @Override
    public void run() {
      new picocli.CommandLine(this).usage(dev.cli.out);
    }

    LocalCluster cluster() {
      return new LocalCluster(dev.cli.config().home());
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the master and the workers; waits until every worker registered.")
    static final class Start implements Runnable {
      @ParentCommand Cluster parent;

      @Option(names = "--workers", defaultValue = "2", description = "Workers (default: ${DEFAULT-VALUE}).")
      int workers;

      @Option(names = "--worker-memory", defaultValue = "1536m",
          description = "Memory each worker offers its executor (default: ${DEFAULT-VALUE}).")
      String workerMemory;

      @Option(names = "--master-port", defaultValue = "7077", description = "(default: ${DEFAULT-VALUE})")
      int masterPort;

      @Option(names = "--webui-port", defaultValue = "8080", description = "(default: ${DEFAULT-VALUE})")
      int webUiPort;

      @Override
      public void run() {
        LocalCluster.State state = parent.cluster().start(
            new LocalCluster.Spec(workers, workerMemory, masterPort, webUiPort),
            BuildArtifacts.locate());
        parent.dev.cli.out.printf("cluster up: %s, %d workers, master UI http://127.0.0.1:%d,"
            + " logs in %s%n", state.masterUrl(), workers, state.webUiPort(),
            parent.cluster().directory().resolve("logs"));
        parent.dev.cli.out.println("run a job on it: ./dugout submit --master " + state.masterUrl()
            + " demo");
      }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the master, the workers and their executors.")
    static final class Stop implements Runnable {
      @ParentCommand Cluster parent;

      @Override
      public void run() {
        int stopped = parent.cluster().stop();
        parent.dev.cli.out.println(stopped == 0 ? "no cluster was running"
            : "cluster stopped (" + stopped + " processes)");
      }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
        description = "Say whether the cluster runs, its master URL and live workers.")
    static final class Status implements Runnable {
      @ParentCommand Cluster parent;

      @Override
      public void run() {
        LocalCluster cluster = parent.cluster();
        var state = cluster.state().filter(LocalCluster.State::alive);
        if (state.isEmpty()) {
          parent.dev.cli.out.println("no cluster running");
          return;
        }
        parent.dev.cli.out.printf("running: %s, %d live worker(s), master UI http://127.0.0.1:%d%n",
            state.get().masterUrl(), cluster.aliveWorkers(state.get()), state.get().webUiPort());
      }
    }
  }
}
