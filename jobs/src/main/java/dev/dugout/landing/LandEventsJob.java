package dev.dugout.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.MatchStatusTable;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code dugout land}: Spark Structured Streaming from Kafka topics or a landing directory of
 * JSON-lines files into {@code raw.events}, {@code raw.quarantine} and the typed core tables. The
 * same job serves live micro-batches ({@code --every 10s}) and scheduled catch-up runs
 * ({@code --available-now}).
 *
 * <p>Exactly once: the checkpoint records which input each batch covers, so a restarted job
 * replays at most the batch it was in when it died; every write of a batch inserts only keys its
 * table does not hold yet ({@link EventBatch}), so the replay adds nothing twice.
 */
public final class LandEventsJob {
  private LandEventsJob() {}

  /** The binaryFile source's schema: a landing file whole, with its path. */
  private static final StructType FILES = new StructType()
      .add("path", DataTypes.StringType, false)
      .add("modificationTime", DataTypes.TimestampType, false)
      .add("length", DataTypes.LongType, false)
      .add("content", DataTypes.BinaryType, true);

  public static JobOutcome run(SparkSession spark, LandOptions options, PrintStream out) {
    return JobRunner.run(spark, "land", options.asMap(), run -> {
      EventBatch batches = new EventBatch(spark, run.runId(), options.sourceName());
      List<EventBatch.Result> results = new java.util.concurrent.CopyOnWriteArrayList<>();
      // One task reads a file whole. Spark packs a batch's files into at least this many tasks
      // (up to 128 MiB each): two per core, so that the last file's task does not parse alone
      // while the other cores wait (eight files in three tasks on two cores took a fifth longer).
      // The file source plans each batch in this session: the setting lasts as long as the query.
      String minTasks = "spark.sql.files.minPartitionNum";
      String before = spark.conf().get(minTasks, null);
      spark.conf().set(minTasks, 2L * spark.sparkContext().defaultParallelism());
      try {
        StreamingQuery query = start(spark, options, (input, batchId) -> {
          EventBatch.Result r = batches.land(records(input, options), batchId);
          results.add(r);
          if (r.records() > 0) {
            out.printf("  batch %d: %d record(s), %d new event(s), %d duplicate(s), %d"
                    + " quarantined; %s in %d ms%n", batchId, r.records(), r.newEvents(),
                r.events() - r.newEvents(), r.quarantined(), r.rowsAdded(),
                Duration.between(r.startedAt(), r.committedAt()).toMillis());
          }
        });
        awaitEnd(spark, query, options);
      } finally {
        if (before == null) {
          spark.conf().unset(minTasks);
        } else {
          spark.conf().set(minTasks, before);
        }
      }
      return outcome(run.runId(), options, results);
    });
  }

  private static StreamingQuery start(SparkSession spark, LandOptions o,
      VoidFunction2<Dataset<Row>, Long> land) {
    Dataset<Row> input;
    if (o.source() == LandOptions.Source.FILES) {
      var reader = spark.readStream().format("binaryFile").schema(FILES)
          .option("pathGlobFilter", "*.jsonl*");
      if (o.maxPerTrigger() > 0) {
        reader = reader.option("maxFilesPerTrigger", o.maxPerTrigger());
      }
      input = reader.load(o.location());
    } else {
      var reader = spark.readStream().format("kafka")
          .option("kafka.bootstrap.servers", o.location())
          .option("subscribe", String.join(",", o.topics()))
          .option("startingOffsets", "earliest")
          // Offsets expired by retention are a loss to report, not to skip silently.
          .option("failOnDataLoss", "true");
      if (o.maxPerTrigger() > 0) {
        reader = reader.option("maxOffsetsPerTrigger", o.maxPerTrigger());
      }
      input = reader.load();
    }
    try {
      return input.writeStream()
          .queryName("dugout-land-" + o.sourceName())
          .option("checkpointLocation", o.checkpoint())
          .trigger(o.availableNow() ? Trigger.AvailableNow()
              : Trigger.ProcessingTime(o.every().toMillis()))
          .foreachBatch(land)
          .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("land: the streaming query did not start", e);
    }
  }

  /** The batch's input as (position, bytes, error) records. */
  static Dataset<Row> records(Dataset<Row> input, LandOptions o) {
    if (o.source() == LandOptions.Source.FILES) {
      return input.select(col("path"), col("content"))
          .mapPartitions(LandedRecords::lines, Encoders.row(LandedRecords.INPUT));
    }
    return input.select(
        concat_ws("/", col("topic"), col("partition").cast("string"), col("offset").cast("string"))
            .as(LandedRecords.POSITION),
        col("value").as("bytes"), lit(null).cast("string").as("error"));
  }

  private static void awaitEnd(SparkSession spark, StreamingQuery query, LandOptions o) {
    Thread stopOnSignal = new Thread(() -> {
      try {
        query.stop();
      } catch (TimeoutException ignored) {
        // The JVM is going down anyway; the checkpoint makes the next run resume.
      }
    }, "dugout-land-stop");
    Runtime.getRuntime().addShutdownHook(stopOnSignal);
    try {
      if (o.availableNow()) {
        query.awaitTermination();
      } else {
        Instant lastInput = Instant.now();
        Instant lastCheck = Instant.EPOCH;
        while (!query.awaitTermination(500)) {
          // Busy while a batch runs or the last trigger found input.
          var status = query.status();
          if (status.isTriggerActive() || status.isDataAvailable()) {
            lastInput = Instant.now();
          }
          if (o.stopWhenIdle() != null
              && Duration.between(lastInput, Instant.now()).compareTo(o.stopWhenIdle()) > 0) {
            query.stop();
          }
          if (o.untilComplete() != null && !status.isTriggerActive()
              && Duration.between(lastCheck, Instant.now()).getSeconds() >= 5) {
            lastCheck = Instant.now();
            if (completed(spark, o.untilComplete())) {
              query.stop();
            }
          }
        }
      }
    } catch (StreamingQueryException e) {
      throw new IllegalStateException("land: " + e.getMessage(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("land: the query did not stop", e);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnSignal);
      } catch (IllegalStateException shuttingDown) {
        // Already running: nothing to remove.
      }
    }
  }

  /** Whether the match's final status (COMPLETED or ABANDONED) has landed. */
  private static boolean completed(SparkSession spark, String matchId) {
    return !spark.table(MatchStatusTable.DEFINITION.name())
        .where(col(MatchStatusTable.MATCH_ID).equalTo(matchId)
            .and(col(MatchStatusTable.STATUS).isin("COMPLETED", "ABANDONED")))
        .isEmpty();
  }

  private static JobOutcome outcome(String runId, LandOptions o, List<EventBatch.Result> results) {
    long records = 0;
    long quarantined = 0;
    long newEvents = 0;
    long events = 0;
    Map<String, Long> added = new LinkedHashMap<>();
    for (EventBatch.Result r : results) {
      records += r.records();
      quarantined += r.quarantined();
      newEvents += r.newEvents();
      events += r.events();
      r.rowsAdded().forEach((table, n) -> added.merge(table, n, Long::sum));
    }
    String summary = String.format("land %s: %d batch(es), %d record(s) read, %d new event(s),"
            + " %d duplicate(s), %d quarantined; rows added %s; run %s", o.sourceName(),
        results.stream().filter(r -> r.records() > 0).count(), records, newEvents,
        events - newEvents, quarantined, added, runId);
    return new JobOutcome(runId, records, newEvents + quarantined, Map.of(), summary);
  }
}
