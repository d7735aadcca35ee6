package dev.dugout.cli;

import dev.dugout.dev.DevAerospike;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "aerospike", mixinStandardHelpOptions = true,
    description = {"An Aerospike-compatible server for development (the test server: the real",
        "client's wire protocol, namespaces live, complete and test; not a database).",
        "Point the live leaderboard at it with AEROSPIKE_HOSTS=127.0.0.1:PORT."},
    subcommands = {DevAerospikeCommand.Start.class, DevAerospikeCommand.Stop.class,
        DevAerospikeCommand.Status.class})
final class DevAerospikeCommand implements Runnable {
  @ParentCommand DevCommand dev;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(dev.cli.out);
  }

  DevAerospike server() {
    return new DevAerospike(dev.cli.config().home());
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      description = "Start the server in its own JVM, detached; waits until it listens.")
  static final class Start implements Runnable {
    @ParentCommand DevAerospikeCommand parent;

    @Option(names = "--port", defaultValue = "3000", description = "(default: ${DEFAULT-VALUE})")
    int port;

    @Override
    public void run() {
      DevAerospike.State state = parent.server().start(port);
      parent.dev.cli.out.printf("dev aerospike up on %s (pid %d), log in %s%n", state.hostPort(),
          state.pid(), parent.server().directory().resolve("server.log"));
      parent.dev.cli.out.println("use it: AEROSPIKE_HOSTS=" + state.hostPort()
          + " ./dugout leaderboard --live --match ID --replay-speed max");
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the server.")
  static final class Stop implements Runnable {
    @ParentCommand DevAerospikeCommand parent;

    @Override
    public void run() {
      parent.dev.cli.out.println(parent.server().stop() ? "dev aerospike stopped"
          : "no dev aerospike was running");
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Say whether the server runs, and where.")
  static final class Status implements Runnable {
    @ParentCommand DevAerospikeCommand parent;

    @Override
    public void run() {
      var state = parent.server().state().filter(DevAerospike.State::alive);
      parent.dev.cli.out.println(state.map(s -> "running on " + s.hostPort() + " (pid " + s.pid()
          + ")").orElse("no dev aerospike running"));
    }
  }
}
