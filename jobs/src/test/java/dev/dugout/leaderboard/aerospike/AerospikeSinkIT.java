package dev.dugout.leaderboard.aerospike;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.LiveLeaderboardJob;
import dev.dugout.leaderboard.live.LiveOptions;
import dev.dugout.leaderboard.live.ForwardingLiveSink;
import dev.dugout.leaderboard.live.LiveSink;
import dev.dugout.leaderboard.live.LiveView;
import dev.dugout.leaderboard.live.RankChange;
import dev.dugout.leaderboard.live.RefreshResult;
import dev.dugout.tables.JobRunsTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.testing.TestLakehouse;
import dev.dugout.testing.aerospike.AerospikeTestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live replays of a real match over a generated match day into the Aerospike-compatible test
 * server, through the real client and wire protocol. What lands in Aerospike is checked against
 * the final board the same job wrote to gold.leaderboard, read back through the client.
 */
class AerospikeSinkIT {
  static final String MATCH = "1370353";
  static final int LAST = 216;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final GenerateOptions DAY = new GenerateOptions(MATCH, 300, 1_500, 300, 11);
  static SparkSession spark;
  static AerospikeTestServer server;
  static AerospikeClient client;

  @BeforeAll
  static void matchDay() {
    spark = TestLakehouse.spark();
    TestLakehouse.matchDay(DAY);
    server = AerospikeTestServer.start(0);
    client = new AerospikeClient(server.host(), server.port());
  }

  @AfterAll
  static void stop() {
    AerospikeClients.closeAll();
    client.close();
    server.close();
  }

  @AfterEach
  void freshServerAndClients() {
    AerospikeClients.closeAll();
    server.faults().clear();
    server.upNow();
    server.clear();
  }

  /** Quick timeouts and a short cool-down, so a fault run takes seconds. */
  static DugoutConfig.Aerospike settings() {
    return settings(Duration.ofSeconds(60));
  }

  static DugoutConfig.Aerospike settings(Duration finalDeadline) {
    DugoutConfig.Aerospike d = TestLakehouse.config().aerospike();
    return new DugoutConfig.Aerospike(List.of(server.host() + ":" + server.port()),
        d.liveNamespace(), d.liveTtlSeconds(), d.completeNamespace(), d.completeTtlSeconds(),
        d.entriesSet(), d.contestTopSet(), d.userEntriesSet(), 200, 2, Duration.ofMillis(500), 3,
        Duration.ofMillis(20), Duration.ofMillis(200), 3, Duration.ofMillis(500), finalDeadline);
  }

  static void replay(LiveSink sink) {
    LiveLeaderboardJob.run(spark, new LiveOptions(MATCH, Duration.ZERO, Double.POSITIVE_INFINITY,
        60, "t20-2026", List.of(), null, new LiveLeaderboard.Layout(3, 50)), sink, LiveView.NONE,
        QUIET);
  }

  @Test
  void aFullReplayLeavesEveryFinalRankInCompleteWithTheConfiguredTtls() {
    AerospikeSink sink = AerospikeSink.create(spark, settings());
    replay(sink);

    assertMatchesTheFinalBoard(settings());
    PushStats total = sink.total();
    assertThat(total.written()).isPositive();
    assertThat(total.skipped()).as("unchanged entries are not written").isPositive();
    assertThat(total.failed() + total.deferred()).isZero();
    assertThat(total.finalAcked()).isEqualTo(DAY.entries());
    // The counters are stored with the job run.
    Row run = spark.table(JobRunsTable.DEFINITION.name())
        .where(col(JobRunsTable.COMMAND).equalTo("leaderboard-live"))
        .orderBy(col(JobRunsTable.STARTED_AT).desc()).first();
    assertThat(run.<String, String>getJavaMap(run.fieldIndex(JobRunsTable.OPTIONS)))
        .containsEntry("metric.aerospike.written", Long.toString(total.written()))
        .containsKey("metric.aerospike.latency_p99_ms");
  }

  @Test
  void aClusterDownMidMatchEndsInTheSameFinalStateWithRetriesAndAnOpenedBreaker() {
    AerospikeSink sink = AerospikeSink.create(spark, settings());
    List<RefreshResult> refreshes = DownMidMatch.SEEN;
    replay(new DownMidMatch(sink));

    assertMatchesTheFinalBoard(settings());
    PushStats total = sink.total();
    assertThat(total.retried()).as("retries").isPositive();
    assertThat(total.failed() + total.deferred()).as("failed or deferred").isPositive();
    assertThat(total.breakerOpens()).as("breaker opened").isPositive();
    assertThat(total.finalAcked()).isEqualTo(DAY.entries());
    // It caught up from the newest state: a refresh before the last handed it every entry.
    assertThat(refreshes.subList(0, refreshes.size() - 1)).anyMatch(RefreshResult::full);
    assertThat(DownMidMatch.DOWNED).isTrue();
  }

  @Test
  void aFinalBoardThatCannotReachCompleteFailsTheRunAfterTheIcebergBoardIsWritten() {
    server.faults().down(Duration.ofMinutes(10));
    AerospikeSink sink = AerospikeSink.create(spark, settings(Duration.ofSeconds(2)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> replay(sink))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(DAY.entries() + " of " + DAY.entries() + " entries of the final board")
        .hasMessageContaining("not acknowledged by namespace complete");
    assertThat(spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(LAST)).count())
        .as("the Iceberg board is written").isGreaterThanOrEqualTo(DAY.entries());
    Row run = spark.table(JobRunsTable.DEFINITION.name())
        .orderBy(col(JobRunsTable.STARTED_AT).desc()).first();
    assertThat(run.<String>getAs(JobRunsTable.STATUS)).isEqualTo("FAILED");
    assertThat(run.<String, String>getJavaMap(run.fieldIndex(JobRunsTable.OPTIONS)))
        .containsEntry("metric.aerospike.final_acked", "0");
  }

  /** Takes the server down for three seconds once the match passes delivery 100. */
  static final class DownMidMatch extends ForwardingLiveSink {
    /** On the driver only: the sink itself travels to the executors. */
    static final List<RefreshResult> SEEN = new CopyOnWriteArrayList<>();
    static final java.util.concurrent.atomic.AtomicBoolean DOWNED =
        new java.util.concurrent.atomic.AtomicBoolean();

    DownMidMatch(AerospikeSink sink) {
      super(sink);
    }

    @Override
    public void refreshed(RefreshResult result) {
      super.refreshed(result);
      SEEN.add(result);
      if (result.asOf() >= 100 && DOWNED.compareAndSet(false, true)) {
        server.faults().down(Duration.ofSeconds(3));
      }
    }
  }

  @Test
  void anOlderAsOfNeverOverwritesANewerOne() throws Exception {
    AerospikeSink sink = AerospikeSink.create(spark, settings());
    List<RankChange> newer = List.of(change("e-1", 50, 1), change("e-2", 50, 2));
    List<RankChange> older = List.of(change("e-1", 40, 7), change("e-2", 40, 9));
    sink.write(new LiveSink.Refresh(MATCH, 50, false), newer.iterator());
    PushStats before = sink.total();
    sink.write(new LiveSink.Refresh(MATCH, 40, false), older.iterator());   // a delayed retry

    try (LiveRanksReader reader = LiveRanksReader.connect(settings())) {
      assertThat(reader.entry("live", "e-1").orElseThrow().rank()).isEqualTo(1);
      assertThat(reader.entry("live", "e-2").orElseThrow().rank()).isEqualTo(2);
      assertThat(reader.entry("live", "e-2").orElseThrow().asOf()).isEqualTo(50);
      assertThat(reader.userEntries("live", "u-1", MATCH)).extracting(LiveRanksReader.EntryRank::rank)
          .containsExactly(1, 2);
    }
    PushStats delayed = sink.total().minus(before);
    // Two entry records and the user's record, all filtered out by the as-of guard.
    assertThat(delayed.stale()).isEqualTo(3);
    assertThat(delayed.written()).isZero();
    assertThat(delayed.failed()).isZero();
    // The same as-of again (a retried task) is written: the guard lets equal as-of through.
    sink.write(new LiveSink.Refresh(MATCH, 50, false), newer.iterator());
    assertThat(sink.total().written()).isEqualTo(before.written() + 3);
  }

  static RankChange change(String entry, int asOf, int rank) {
    return new RankChange(MATCH, asOf, "c-1", entry, "t-" + entry, "u-1", 200L * (100 - rank), rank,
        0);
  }

  /**
   * Every entry of gold.leaderboard's final board is in complete with its rank and points, the
   * contest records hold each contest's top 100, the user records each user's entries.
   */
  static void assertMatchesTheFinalBoard(DugoutConfig.Aerospike s) {
    List<Row> board = spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.MATCH_ID).equalTo(MATCH)
            .and(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(LAST))).collectAsList();
    assertThat(board).hasSize((int) DAY.entries());
    Map<String, List<Row>> byContest = new HashMap<>();
    Map<String, Map<String, Integer>> byUser = new HashMap<>();
    for (Row r : board) {
      String entry = r.getAs(LeaderboardTable.ENTRY_ID);
      int rank = r.<Integer>getAs(LeaderboardTable.RANK);
      Record rec = client.get(null, new Key(s.completeNamespace(), s.entriesSet(), entry));
      assertThat(rec).as("entry %s in %s", entry, s.completeNamespace()).isNotNull();
      assertThat(rec.getInt(RecordLayout.RANK)).as("rank of %s", entry).isEqualTo(rank);
      assertThat(new BigDecimal(rec.getString(RecordLayout.POINTS)))
          .isEqualByComparingTo(r.<BigDecimal>getAs(LeaderboardTable.POINTS));
      assertThat(rec.getInt(RecordLayout.AS_OF)).isEqualTo(LAST);
      assertThat(rec.getTimeToLive()).isBetween(s.completeTtlSeconds() - 120,
          s.completeTtlSeconds());
      Record live = client.get(null, new Key(s.liveNamespace(), s.entriesSet(), entry));
      assertThat(live.getInt(RecordLayout.RANK)).isEqualTo(rank);
      assertThat(live.getTimeToLive()).isBetween(s.liveTtlSeconds() - 120, s.liveTtlSeconds());
      byContest.computeIfAbsent(r.getAs(LeaderboardTable.CONTEST_ID), k -> new ArrayList<>()).add(r);
      byUser.computeIfAbsent(r.getAs(LeaderboardTable.USER_ID), k -> new HashMap<>())
          .put(entry, rank);
    }
    try (LiveRanksReader reader = LiveRanksReader.connect(s)) {
      for (var contest : byContest.entrySet()) {
        List<Row> expected = new ArrayList<>(contest.getValue());
        expected.sort(Comparator.<Row>comparingInt(r -> r.getAs(LeaderboardTable.RANK))
            .thenComparing(r -> r.<String>getAs(LeaderboardTable.ENTRY_ID)));
        expected = expected.subList(0, Math.min(AerospikeSink.TOP, expected.size()));
        List<LiveRanksReader.EntryRank> top = reader.top(s.completeNamespace(), contest.getKey());
        assertThat(top).extracting(LiveRanksReader.EntryRank::entryId).as("top of %s",
            contest.getKey()).containsExactlyElementsOf(
                expected.stream().map(r -> r.<String>getAs(LeaderboardTable.ENTRY_ID)).toList());
        assertThat(top).extracting(LiveRanksReader.EntryRank::rank).containsExactlyElementsOf(
            expected.stream().map(r -> r.<Integer>getAs(LeaderboardTable.RANK)).toList());
      }
      for (var user : byUser.entrySet()) {
        Map<String, Integer> found = new HashMap<>();
        for (LiveRanksReader.EntryRank e : reader.userEntries(s.completeNamespace(), user.getKey(),
            MATCH)) {
          found.put(e.entryId(), e.rank());
        }
        assertThat(found).as("entries of user %s", user.getKey()).isEqualTo(user.getValue());
      }
    }
  }
}
