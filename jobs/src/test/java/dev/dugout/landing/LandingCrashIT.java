package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.tables.EventsTable;
import dev.dugout.tables.QuarantineTable;
import dev.dugout.tables.SessionsTable;
import dev.dugout.tables.WalletTxnsTable;
import dev.dugout.testing.TestEvents;
import dev.dugout.testing.DugoutProcess;
import dev.dugout.testing.TestLakehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across crashes: the landing job runs in its own JVM and is killed with SIGKILL at
 * random moments, then restarted on the same checkpoint, until it has landed everything. The
 * tables must then hold every event exactly once, counted against what was written.
 */
class LandingCrashIT {
  static final int FILES = 24;
  static final int EVENTS_PER_FILE = 150;
  static final int KILLS = 4;

  @TempDir Path dir;

  @Test
  void sigkillAtRandomMomentsLosesAndDuplicatesNothing() throws Exception {
    SparkSession spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
    Path landing = dir.resolve("landing");
    // The runs' logs stay in target/ for a post-mortem.
    Path logs = Files.createDirectories(Path.of("target", "landing-crash-it"));
    Files.createDirectories(landing);
    Instant t0 = Instant.parse("2026-07-01T12:00:00Z");
    int sessions = 0;
    int wallet = 0;
    int bad = 0;
    int sent = 0;
    for (int f = 0; f < FILES; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < EVENTS_PER_FILE; i++) {
        int n = f * EVENTS_PER_FILE + i;
        String at = t0.plusSeconds(n).toString();
        if (i % 50 == 49) {
          lines.add("{\"event_id\": \"broken-" + n + "\"");
          bad++;
        } else if (i % 3 == 0) {
          lines.add(TestEvents.wallet("w-" + n, at, String.valueOf(100 + n)));
          wallet++;
        } else {
          lines.add(TestEvents.session("s-" + n, at));
          sessions++;
        }
        // Every tenth event is sent a second time (a producer retry).
        if (i % 10 == 5) {
          lines.add(lines.get(lines.size() - 1));
        }
        sent++;
      }
      Files.writeString(landing.resolve(String.format("events-%03d.jsonl", f)),
          String.join("\n", lines) + "\n");
    }

    Path checkpoint = dir.resolve("checkpoint");
    Random random = new Random(20261122);
    int killedInBatch = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      int planned = batchesPlanned(checkpoint);
      Process land = start(landing, checkpoint, logs.resolve("land-" + kill + ".log"));
      // Kill inside a batch: once the run has planned a new batch (its offsets are in the
      // checkpoint), somewhere in the next 0-5 s: reading, writing, or committing a table.
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (batchesPlanned(checkpoint) == planned && land.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      if (land.waitFor(random.nextInt(5_000), TimeUnit.MILLISECONDS)) {
        break;
      }
      land.destroyForcibly().waitFor();
      killedInBatch++;
    }
    Process last = start(landing, checkpoint, logs.resolve("land-last.log"));
    assertThat(last.waitFor(5, TimeUnit.MINUTES)).as("the last run ends when idle").isTrue();
    assertThat(last.exitValue()).as("see " + logs.resolve("land-last.log")).isZero();
    assertThat(killedInBatch).as("runs killed inside a batch").isEqualTo(KILLS);

    spark.sql("REFRESH TABLE " + EventsTable.DEFINITION.name());
    assertThat(spark.table(EventsTable.DEFINITION.name()).count()).isEqualTo(sent - bad);
    assertThat(spark.table(EventsTable.DEFINITION.name()).select("event_id").distinct().count())
        .isEqualTo(sent - bad);
    assertThat(spark.table(SessionsTable.DEFINITION.name()).count()).isEqualTo(sessions);
    assertThat(spark.table(WalletTxnsTable.DEFINITION.name()).count()).isEqualTo(wallet);
    assertThat(spark.table(WalletTxnsTable.DEFINITION.name()).agg(
        org.apache.spark.sql.functions.sum("amount_minor")).first().getLong(0))
        .isEqualTo(expectedWalletTotal());
    assertThat(spark.table(QuarantineTable.DEFINITION.name()).where("source = 'files'").count())
        .isEqualTo(bad);
  }

  private static int batchesPlanned(Path checkpoint) throws IOException {
    Path offsets = checkpoint.resolve("offsets");
    if (!Files.isDirectory(offsets)) {
      return 0;
    }
    try (var files = Files.list(offsets)) {
      return (int) files.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
  }

  private static long expectedWalletTotal() {
    long total = 0;
    for (int f = 0; f < FILES; f++) {
      for (int i = 0; i < EVENTS_PER_FILE; i++) {
        if (i % 50 != 49 && i % 3 == 0) {
          total += 100 + f * EVENTS_PER_FILE + i;
        }
      }
    }
    return total;
  }

  /** `dugout land` in a JVM of its own, on this test's lakehouse, with the test's classpath. */
  private Process start(Path landing, Path checkpoint, Path log) {
    return DugoutProcess.start(Map.of("DUGOUT_HOME", TestLakehouse.config().home().toString()),
        log, "land", "--source", "files", "--path", landing.toString(), "--every", "1s",
        "--max-per-trigger", "2", "--checkpoint", checkpoint.toString(), "--stop-when-idle", "4s");
  }
}
