package dev.dugout.leaderboard.aerospike;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import dev.dugout.lakehouse.ConfigKey;
import dev.dugout.lakehouse.DugoutConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One Aerospike client, circuit breaker and batch thread pool per executor JVM and cluster: tasks
 * come and go, the client's connections and cluster view stay, and all tasks of the JVM see the
 * same breaker. Closed by a shutdown hook when the JVM exits.
 */
final class AerospikeClients {
  /** What the tasks of a JVM share for one cluster. */
  record Connection(AerospikeClient client, CircuitBreaker breaker, ExecutorService batches) {}

  private static final Map<DugoutConfig.Aerospike, Connection> OPEN = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(AerospikeClients::closeAll,
        "aerospike-clients-close"));
  }

  private AerospikeClients() {}

  static Connection of(DugoutConfig.Aerospike settings) {
    return OPEN.computeIfAbsent(settings, AerospikeClients::connect);
  }

  private static Connection connect(DugoutConfig.Aerospike s) {
    ClientPolicy policy = new ClientPolicy();
    // The cluster may be down when an executor starts: the client is made anyway and finds the
    // nodes when they come back (its tend thread re-seeds), while the breaker fails batches fast.
    policy.failIfNotConnected = false;
    policy.timeout = (int) s.timeout().toMillis();
    AerospikeClient client = new AerospikeClient(policy, hosts(s.hosts()));
    // Batches wait in these threads (an in-flight sync call, or a backoff sleep); the sink bounds
    // how many a partition has at once, so the pool only grows to tasks x max-in-flight.
    ExecutorService batches = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "aerospike-batch");
      t.setDaemon(true);
      return t;
    });
    return new Connection(client, new CircuitBreaker(s.breakerFailures(), s.breakerCoolDown()),
        batches);
  }

  /** {@code host:port} (port 3000 when left out) to the client's hosts. */
  static Host[] hosts(List<String> hosts) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException(ConfigKey.AEROSPIKE_HOSTS.property() + " is empty: set it"
          + " (or $AEROSPIKE_HOSTS) to host:port[,host:port]");
    }
    Host[] out = new Host[hosts.size()];
    for (int i = 0; i < out.length; i++) {
      String h = hosts.get(i).trim();
      int colon = h.lastIndexOf(':');
      try {
        out[i] = colon < 0 ? new Host(h, 3000)
            : new Host(h.substring(0, colon), Integer.parseInt(h.substring(colon + 1)));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(ConfigKey.AEROSPIKE_HOSTS.property() + ": '" + h
            + "' is not host:port", e);
      }
    }
    return out;
  }

  /** Closes every client of this JVM (tests that stop their server; the shutdown hook). */
  static void closeAll() {
    for (var key : List.copyOf(OPEN.keySet())) {
      Connection c = OPEN.remove(key);
      if (c != null) {
        c.batches().shutdownNow();
        c.client().close();
      }
    }
  }
}
