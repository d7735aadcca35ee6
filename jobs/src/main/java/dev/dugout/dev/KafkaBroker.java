package dev.dugout.dev;

import dev.dugout.landing.KafkaTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker on 127.0.0.1 for local runs and tests: one node in KRaft mode, broker
 * and controller in one JVM of its own (Kafka 4, Scala 2.13: never on Spark's classpath). Its data,
 * config and log live under the directory it is given; the storage is formatted on first start.
 *
 * <p>{@link #start} (tests) picks free ports and ties the broker to this JVM: it exits when this
 * JVM does, even when killed. {@link #startDetached} (`dugout dev kafka start`) outlives this JVM;
 * {@link #running} finds it again and {@link #close} stops it.
 */
public final class KafkaBroker implements AutoCloseable {
  static final String SERVICE = "kafka-broker";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

  private final Path dir;
  private final int port;
  private final ProcessHandle process;
  private final boolean detached;

  private KafkaBroker(Path dir, int port, ProcessHandle process, boolean detached) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.detached = detached;
  }

  /** A broker on free ports, tied to this JVM's life; returns once it answers an admin client. */
  public static KafkaBroker start(Path dir) {
    int[] ports = ServiceJvm.freePorts(2);
    return launch(dir, ports[0], ports[1], ServiceJvm.Lifetime.TIED);
  }

  /**
   * A broker that outlives this JVM, on the given ports, recorded in {@code <dir>/state.properties}.
   * Restarting on existing data needs the same controller port as its first start.
   */
  public static KafkaBroker startDetached(Path dir, int port, int controllerPort) {
    Optional<KafkaBroker> existing = running(dir);
    if (existing.isPresent()) {
      throw new IllegalStateException("a broker already runs at " + existing.get().bootstrapServers()
          + " (pid " + existing.get().pid() + "); `dugout dev kafka stop` first");
    }
    return launch(dir, port, controllerPort, ServiceJvm.Lifetime.DETACHED);
  }

  /** The detached broker of {@code dir}, if its process still runs. */
  public static Optional<KafkaBroker> running(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    return ServiceJvm.runningState(absolute.resolve("state.properties"),
            absolute.resolve("server.properties").toString())
        .map(state -> new KafkaBroker(absolute, Integer.parseInt(state.getProperty("port")),
            ProcessHandle.of(Long.parseLong(state.getProperty("pid"))).orElseThrow(), true));
  }

  public String bootstrapServers() {
    return ServiceJvm.HOST + ":" + port;
  }

  public long pid() {
    return process.pid();
  }

  public Path logFile() {
    return dir.resolve("logs").resolve("broker.log");
  }

  /**
   * Creates a topic (the broker's default replication: 1, one node) and returns once every
   * partition's leader serves it (see {@link KafkaTopics} for why a leader in the metadata is not
   * enough).
   */
  public void createTopic(String name, int partitions) {
    KafkaTopics.ensureServed(bootstrapServers(), name, Optional.of(partitions));
  }

  /** Stops the broker (its own clean shutdown, killed after 30 s) and waits until it is gone. */
  @Override
  public void close() {
    ServiceJvm.stop(process, Duration.ofSeconds(30));
    if (detached) {
      try {
        Files.deleteIfExists(stateFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + stateFile(), e);
      }
    }
  }

  private static KafkaBroker launch(Path dir, int port, int controllerPort,
      ServiceJvm.Lifetime lifetime) {
    Path home = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(home.resolve("logs"));
      Path config = home.resolve("server.properties");
      writeServerProperties(config, home.resolve("data"), port, controllerPort);
      Path logConfig = home.resolve("log4j2.properties");
      Files.writeString(logConfig, LOG_CONFIG);
      List<String> jvm = new java.util.ArrayList<>(JVM_OPTIONS);
      jvm.add("-Dlog4j2.configurationFile=" + logConfig);
      if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
        // KRaft storage: a cluster id, and this node as the only voter of the metadata quorum.
        ServiceJvm.run(SERVICE, home, jvm, "kafka.tools.StorageTool", List.of("format",
            "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString(),
            "--standalone"), home.resolve("logs").resolve("format.log"), Duration.ofSeconds(60));
      }
      Process process = ServiceJvm.launch(SERVICE, lifetime, home, jvm, "kafka.Kafka",
          List.of(config.toString()), home.resolve("logs").resolve("broker.log"));
      KafkaBroker broker = new KafkaBroker(home, port, process.toHandle(),
          lifetime == ServiceJvm.Lifetime.DETACHED);
      if (broker.detached) {
        // Recorded before it is ready, so `stop` finds it whatever happens next.
        ServiceJvm.saveState(broker.stateFile(), broker.pid(),
            Map.of("port", String.valueOf(port), "bootstrap.servers", broker.bootstrapServers()));
      }
      ServiceJvm.awaitReady("the Kafka broker on " + broker.bootstrapServers(), process.toHandle(),
          broker.logFile(), START_TIMEOUT, broker::answers);
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a Kafka broker in " + home, e);
    }
  }

  private static void writeServerProperties(Path file, Path data, int port, int controllerPort)
      throws IOException {
    String host = ServiceJvm.HOST;
    Properties props = new Properties();
    props.setProperty("process.roles", "broker,controller");
    props.setProperty("node.id", "1");
    props.setProperty("listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    props.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.setProperty("controller.listener.names", "CONTROLLER");
    props.setProperty("inter.broker.listener.name", "PLAINTEXT");
    props.setProperty("controller.quorum.bootstrap.servers", host + ":" + controllerPort);
    props.setProperty("log.dirs", data.toString());
    // One node: every internal topic has a single replica.
    props.setProperty("offsets.topic.replication.factor", "1");
    // A dev broker's consumer groups are few: 50 offset partitions only slow the first join.
    props.setProperty("offsets.topic.num.partitions", "3");
    props.setProperty("transaction.state.log.replication.factor", "1");
    props.setProperty("transaction.state.log.min.isr", "1");
    props.setProperty("share.coordinator.state.topic.replication.factor", "1");
    props.setProperty("share.coordinator.state.topic.min.isr", "1");
    // A consumer group's first member should not wait 3 s for others that never come.
    props.setProperty("group.initial.rebalance.delay.ms", "0");
    try (var writer = Files.newBufferedWriter(file)) {
      props.store(writer, "written by dev.dugout.dev.KafkaBroker on every start");
    }
  }

  /** Ready: the listener accepts connections and the broker describes its cluster. */
  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ServiceJvm.HOST, port), 500);
    } catch (IOException e) {
      return false;
    }
    try (Admin admin = admin()) {
      return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000)).nodes()
          .get(3, TimeUnit.SECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  private Path stateFile() {
    return dir.resolve("state.properties");
  }

  /** The broker logs at INFO to its console (the log file), without its long config dumps. */
  private static final String LOG_CONFIG = String.join("\n",
      "rootLogger.level = info",
      "rootLogger.appenderRef.out.ref = out",
      "appender.out.type = Console",
      "appender.out.name = out",
      "appender.out.layout.type = PatternLayout",
      "appender.out.layout.pattern = [%d] %p %m (%c)%n",
      "logger.config.name = org.apache.kafka.common.config.AbstractConfig",
      "logger.config.level = warn",
      "");
}
