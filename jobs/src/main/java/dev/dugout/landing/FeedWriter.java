package dev.dugout.landing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Where a producer sends events: a Kafka topic, or JSON-lines files in a landing directory. */
public interface FeedWriter extends AutoCloseable {
  /** Queues one event (a JSON line) under a partitioning key. */
  void send(String key, String json);

  /** Makes everything sent so far visible to the landing job. */
  void flush();

  @Override
  void close();

  /**
   * Files {@code <prefix>-<n>.jsonl[.gz]} in a directory. Each file is written under a hidden
   * name and renamed when complete, so the landing job never reads half a file.
   */
  static FeedWriter files(Path directory, String prefix, boolean gzip) {
    return new FeedWriter() {
      private final List<String> pending = new ArrayList<>();
      private int next = fileCount(directory, prefix);

      @Override
      public void send(String key, String json) {
        pending.add(json);
      }

      @Override
      public void flush() {
        if (pending.isEmpty()) {
          return;
        }
        String name = String.format("%s-%06d.jsonl%s", prefix, next++, gzip ? ".gz" : "");
        try {
          Files.createDirectories(directory);
          Path hidden = directory.resolve("." + name + ".tmp");
          try (OutputStream raw = Files.newOutputStream(hidden);
              OutputStream out = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw) {
            for (String line : pending) {
              out.write(line.getBytes(StandardCharsets.UTF_8));
              out.write('\n');
            }
          }
          Files.move(hidden, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write landing file " + name + " in " + directory, e);
        }
        pending.clear();
      }

      @Override
      public void close() {
        flush();
      }
    };
  }

  private static int fileCount(Path directory, String prefix) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (var files = Files.list(directory)) {
      return (int) files.filter(f -> f.getFileName().toString().startsWith(prefix + "-")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A Kafka topic, keyed (so one match's events stay in order on one partition), acks=all. The
   * topic is created if missing (the broker's default partitions) and served before the first send.
   */
  static FeedWriter kafka(String bootstrapServers, String topic) {
    KafkaTopics.ensureServed(bootstrapServers, topic, java.util.Optional.empty());
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    return new FeedWriter() {
      private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

      @Override
      public void send(String key, String json) {
        inFlight.add(producer.send(new ProducerRecord<>(topic, key, json)));
        if (inFlight.size() >= 100_000) {
          flush();
        }
      }

      @Override
      public void flush() {
        producer.flush();
        try {
          for (Future<RecordMetadata> f : inFlight) {
            f.get();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while sending to " + topic, e);
        } catch (ExecutionException e) {
          throw new IllegalStateException("sending to Kafka topic " + topic + " at "
              + bootstrapServers + " failed: " + e.getCause().getMessage(), e.getCause());
        }
        inFlight.clear();
      }

      @Override
      public void close() {
        try {
          flush();
        } finally {
          producer.close();
        }
      }
    };
  }
}
