package dev.dugout.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.testing.TestLakehouse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Kafka 4 broker in its own JVM, used by the Kafka client that Spark's Kafka source brings
 * (3.4): records round-trip through a three-partition topic, Spark reads them, the two JVMs keep
 * their Scala versions apart, and the broker does not outlive a JVM that is killed.
 */
class KafkaBrokerIT {
  static Path root;
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws IOException {
    root = Files.createTempDirectory("dugout-kafka-it");
    long start = System.nanoTime();
    broker = KafkaBroker.start(root.resolve("broker"));
    System.out.printf("Kafka broker (format + start) ready in %.1f s at %s%n",
        (System.nanoTime() - start) / 1e9, broker.bootstrapServers());
  }

  @AfterAll
  static void stopBroker() throws IOException {
    if (broker != null) {
      long pid = broker.pid();
      broker.close();
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }
    delete(root);
  }

  @Test
  void aThousandRecordsRoundTripThroughThreePartitionsWithSparksKafkaClient() {
    assertThat(AppInfoParser.getVersion()).as("the kafka-clients of spark-sql-kafka").startsWith("3.4.");
    broker.createTopic("deliveries", 3);
    produce("deliveries", 1000);

    // Partitions assigned, not subscribed: the round trip, not a consumer group's first join
    // (which creates the offsets topic), is what is under test here.
    Map<String, String> consumed = new HashMap<>();
    Set<Integer> partitions = new HashSet<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> assigned = List.of(new TopicPartition("deliveries", 0),
          new TopicPartition("deliveries", 1), new TopicPartition("deliveries", 2));
      consumer.assign(assigned);
      consumer.seekToBeginning(assigned);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (consumed.size() < 1000 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          consumed.put(record.key(), record.value());
          partitions.add(record.partition());
        }
      }
    }
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      expected.put("ball-" + i, "runs=" + (i % 7));
    }
    assertThat(consumed).as("records read back within 60 s (%d of 1000)", consumed.size())
        .isEqualTo(expected);
    assertThat(partitions).containsExactlyInAnyOrder(0, 1, 2);
  }

  /**
   * A topic is ready when {@code createTopic} returns: an idempotent producer's batches sent at
   * once to fresh partitions all land. (With "a leader in the metadata" as readiness, both runs of
   * this test failed: a partition refused the first batch for good, OutOfOrderSequenceException.)
   */
  @Test
  void freshTopicsTakeAnIdempotentProducersFirstBatchesAtOnce() {
    for (int t = 0; t < 5; t++) {
      broker.createTopic("fresh-" + t, 12);
      produce("fresh-" + t, 1200);
    }
  }

  @Test
  void sparksKafkaSourceReadsATopic() {
    broker.createTopic("landing", 2);
    produce("landing", 250);
    long rows = TestLakehouse.spark().read().format("kafka")
        .option("kafka.bootstrap.servers", broker.bootstrapServers())
        .option("subscribe", "landing")
        .option("startingOffsets", "earliest")
        .load().count();
    assertThat(rows).isEqualTo(250);
  }

  @Test
  void theBrokerRunsOnScala213AndThisJvmOnScala212() throws IOException {
    List<String> brokerClasspath = classpathArgument(broker.pid());
    assertThat(brokerClasspath).anyMatch(jar -> jar.contains("scala-library-2.13."))
        .noneMatch(jar -> jar.contains("scala-library-2.12.") || jar.contains("_2.12"));

    assertThat(scala.util.Properties.versionNumberString()).startsWith("2.12.");
    assertThat(thisJvmsClasspath()).anyMatch(jar -> jar.contains("scala-library-2.12."))
        .noneMatch(jar -> jar.contains("scala-library-2.13.") || jar.contains("_2.13"));
    assertThatThrownBy(() -> Class.forName("kafka.Kafka")).isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aBrokerExitsWhenTheJvmThatStartedItIsKilled() throws Exception {
    Process owner = new ProcessBuilder(BuildArtifacts.javaExecutable(), "-Xmx256m",
        "-Ddugout.root=" + System.getProperty("dugout.root", "."),
        "-cp", System.getProperty("java.class.path"), BrokerOwner.class.getName(),
        root.resolve("orphan").toString())
        .redirectErrorStream(true).start();
    long brokerPid = -1;
    List<String> output = new ArrayList<>();
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (brokerPid < 0 && (line = lines.readLine()) != null) {
        output.add(line);
        if (line.startsWith("broker pid ")) {
          brokerPid = Long.parseLong(line.substring("broker pid ".length()).trim());
        }
      }
      assertThat(brokerPid).as("the child JVM started a broker; its output: %s", output)
          .isPositive();
      ProcessHandle brokerProcess = ProcessHandle.of(brokerPid).orElseThrow();

      owner.destroyForcibly(); // SIGKILL: no shutdown hook runs in the owner
      owner.waitFor(10, TimeUnit.SECONDS);
      long killed = System.nanoTime();
      boolean exited;
      try {
        brokerProcess.onExit().get(20, TimeUnit.SECONDS);
        exited = true;
      } catch (java.util.concurrent.TimeoutException e) {
        brokerProcess.destroyForcibly();
        exited = false;
      }
      assertThat(exited).as("the broker exited within 20 s of its owner's SIGKILL").isTrue();
      System.out.printf("orphaned broker exited %.1f s after its owner was killed%n",
          (System.nanoTime() - killed) / 1e9);
    } finally {
      owner.destroyForcibly();
    }
  }

  /** The child JVM of the kill test: starts a broker, says its pid, waits to be killed. */
  static final class BrokerOwner {
    public static void main(String[] args) throws InterruptedException {
      KafkaBroker orphan = KafkaBroker.start(Path.of(args[0]));
      System.out.println("broker pid " + orphan.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /**
   * Sends {@code count} records and waits for every acknowledgement. A failed send fails here, and
   * its message carries the record, the client's own reason and the broker's last warnings, since
   * a CI log shows little more than that one line.
   */
  static void produce(String topic, int count) {
    long start = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000), // a refused batch fails in 30 s, not 120
        new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sent.add(producer.send(new ProducerRecord<>(topic, "ball-" + i, "runs=" + (i % 7))));
      }
      producer.flush();
      for (int i = 0; i < count; i++) {
        try {
          sent.get(i).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          throw new IllegalStateException(String.format(
              "producing %d records to %s failed at record ball-%d after %.1f s: %s; broker log: %s",
              count, topic, i, (System.nanoTime() - start) / 1e9, causes(e), brokerWarnings()), e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while producing to " + topic, e);
    }
  }

  /** Every cause of {@code e}, outermost first, as "Class: message". */
  static String causes(Throwable e) {
    List<String> chain = new ArrayList<>();
    for (Throwable t = e; t != null && chain.size() < 5; t = t.getCause()) {
      chain.add(t.getClass().getSimpleName() + ": " + t.getMessage());
    }
    return String.join(" <- ", chain);
  }

  /**
   * The broker log's last WARN and ERROR lines (at most three), each with the line after it: the
   * exception, when one was logged.
   */
  static String brokerWarnings() {
    try {
      List<String> lines = Files.readAllLines(broker.logFile());
      List<String> warnings = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("WARN") || lines.get(i).contains("ERROR")) {
          warnings.add(lines.get(i) + (i + 1 < lines.size() && !lines.get(i + 1).startsWith("[")
              ? " / " + lines.get(i + 1) : ""));
        }
      }
      return warnings.isEmpty() ? "no warnings in " + broker.logFile()
          : String.join(" | ", warnings.subList(Math.max(0, warnings.size() - 3), warnings.size()));
    } catch (IOException e) {
      return "unreadable (" + e.getMessage() + ")";
    }
  }

  /**
   * The -cp argument of a running JVM, from /proc (ProcessHandle.Info gives up on command lines as
   * long as a broker's).
   */
  static List<String> classpathArgument(long pid) throws IOException {
    List<String> args = List.of(
        Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).split("\0"));
    int cp = args.indexOf("-cp");
    assertThat(cp).as("-cp in %s", args).isNotNegative();
    return List.of(args.get(cp + 1).split(java.io.File.pathSeparator));
  }

  /** This JVM's classpath; through the manifest when the test runner starts from a booter jar. */
  static List<String> thisJvmsClasspath() throws IOException {
    List<String> entries = new ArrayList<>(
        List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)));
    if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
      try (JarFile booter = new JarFile(entries.get(0))) {
        String manifestPath = booter.getManifest().getMainAttributes().getValue("Class-Path");
        if (manifestPath != null) {
          entries.addAll(List.of(manifestPath.split(" ")));
        }
      }
    }
    return entries;
  }

  static void delete(Path dir) throws IOException {
    if (dir != null && Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
