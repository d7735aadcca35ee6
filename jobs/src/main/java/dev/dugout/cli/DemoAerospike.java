package dev.dugout.cli;

import dev.dugout.dev.DevAerospike;
import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.leaderboard.aerospike.AerospikeSink;
import dev.dugout.leaderboard.aerospike.LiveRanksReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's Aerospike: the cluster {@code AEROSPIKE_HOSTS} names, or else the Aerospike-compatible
 * dev server in a JVM of its own, started for the demo and stopped after it (unless it was already
 * running). The live leaderboard is pushed there, and a user's ranks are read back through the
 * official client.
 */
final class DemoAerospike implements AutoCloseable {
  private final DugoutConfig.Aerospike settings;
  private final DevAerospike started;
  private final PrintStream out;

  private DemoAerospike(DugoutConfig.Aerospike settings, DevAerospike started, PrintStream out) {
    this.settings = settings;
    this.started = started;
    this.out = out;
  }

  static DemoAerospike open(DugoutConfig config, PrintStream out) {
    if (config.aerospike().configured()) {
      out.println("Aerospike: pushing live ranks to " + config.aerospike().hosts());
      return new DemoAerospike(config.aerospike(), null, out);
    }
    DevAerospike dev = new DevAerospike(config.home());
    boolean running = dev.state().filter(DevAerospike.State::alive).isPresent();
    DevAerospike.State state = dev.ensureRunning(freePort());
    out.println("Aerospike: pushing live ranks to the Aerospike-compatible dev server on "
        + state.hostPort() + " (set AEROSPIKE_HOSTS for a real cluster)");
    return new DemoAerospike(config.aerospike().withHosts(List.of(state.hostPort())),
        running ? null : dev, out);
  }

  AerospikeSink sink(SparkSession spark) {
    return AerospikeSink.create(spark, settings);
  }

  /** The user's entries as the app's "my contests" page would read them from `complete`. */
  void printUser(String userId, String matchId) {
    try (LiveRanksReader reader = LiveRanksReader.connect(settings)) {
      List<LiveRanksReader.EntryRank> entries =
          reader.userEntries(settings.completeNamespace(), userId, matchId);
      out.printf("%nRead back from Aerospike (namespace %s, set %s, key %s:%s): %d entries%n",
          settings.completeNamespace(), settings.userEntriesSet(), userId, matchId, entries.size());
      for (LiveRanksReader.EntryRank e : entries.subList(0, Math.min(8, entries.size()))) {
        out.printf("  %-28s %-22s rank %6d  points %8s  as of delivery %d%n", e.entryId(),
            e.contestId(), e.rank(), e.points().toPlainString(), e.asOf());
      }
      if (entries.size() > 8) {
        out.printf("  ... and %d more%n", entries.size() - 8);
      }
    }
  }

  @Override
  public void close() {
    if (started != null) {
      started.stop();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the dev Aerospike server", e);
    }
  }
}
