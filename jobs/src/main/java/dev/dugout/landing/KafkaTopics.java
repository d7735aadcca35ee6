package dev.dugout.landing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure a topic exists and that every partition's leader serves it before anything is
 * produced to it.
 *
 * <p>A leader in the metadata is not enough: a broker publishes a new partition's leadership
 * before its replica manager has created the partition's log, and a produce in that gap is refused
 * (NOT_LEADER_OR_FOLLOWER). An idempotent producer with several batches in flight then retries its
 * first batch after later ones were accepted (a producer the broker has no state for may start at
 * any sequence), and the broker refuses that batch for good (OutOfOrderSequenceException; seen here
 * on a fresh three-partition topic). So readiness is a ListOffsets answered for every partition,
 * which only the serving leader does.
 */
public final class KafkaTopics {
  private static final long READY_TIMEOUT_S = 30;

  private KafkaTopics() {}

  /**
   * Creates {@code topic} if it does not exist ({@code partitions}, or the broker's default when
   * empty; replication factor: the broker's default) and waits until every partition is served.
   */
  public static void ensureServed(String bootstrapServers, String topic,
      Optional<Integer> partitions) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
      create(admin, bootstrapServers, topic, partitions);
      awaitServed(admin, bootstrapServers, topic);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while preparing Kafka topic " + topic, e);
    }
  }

  /** Creates the topic unless it exists (so a client allowed only to write needs no more). */
  private static void create(Admin admin, String bootstrapServers, String topic,
      Optional<Integer> partitions) throws InterruptedException {
    String where = "Kafka topic " + topic + " on " + bootstrapServers;
    try {
      admin.describeTopics(List.of(topic)).allTopicNames().get(READY_TIMEOUT_S, TimeUnit.SECONDS);
      return;
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw new IllegalStateException("cannot describe " + where + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("describing " + where + " took over " + READY_TIMEOUT_S
          + " s: is a broker there?", e);
    }
    NewTopic newTopic = new NewTopic(topic, partitions, Optional.empty());
    try {
      admin.createTopics(List.of(newTopic)).all().get(READY_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) { // or created meanwhile: fine
        throw new IllegalStateException("cannot create " + where + ": "
            + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("creating " + where + " took over " + READY_TIMEOUT_S + " s",
          e);
    }
  }

  private static void awaitServed(Admin admin, String bootstrapServers, String topic)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_S);
    Throwable last = null;
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
            .get(10, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        description.partitions().forEach(
            p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
        return;
      } catch (TimeoutException e) {
        last = e;
      } catch (ExecutionException e) {
        // Not served yet, or not yet in the metadata (UnknownTopicOrPartitionException): both
        // retriable. Anything else will not pass by waiting.
        if (!(e.getCause() instanceof RetriableException)) {
          throw new IllegalStateException("Kafka topic " + topic + " on " + bootstrapServers
              + " cannot be read: " + e.getCause().getMessage(), e.getCause());
        }
        last = e.getCause();
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("Kafka topic " + topic + " on " + bootstrapServers
        + " has partitions no leader serves after " + READY_TIMEOUT_S + " s (last: " + last + ")");
  }
}
