package dev.dugout.leaderboard.live;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.contests.GenerateOptions;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.testing.BruteForceBoard;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * A live replay of a real match over a generated match day, the mega contest split across shards:
 * every refresh's published changes, and the boards written at the snapshot cadence, against a
 * brute force computed here from the raw tables (BigDecimal points, O(n^2) ranks).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveLeaderboardIT {
  static final String MATCH = "1370353";
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final GenerateOptions DAY = new GenerateOptions(MATCH, 300, 1_500, 300, 11);
  static final int SNAPSHOT_EVERY = 60;
  static final ConcurrentLinkedQueue<RankChange> CHANGES = new ConcurrentLinkedQueue<>();
  static final List<RefreshResult> REFRESHES = new ArrayList<>();
  static SparkSession spark;
  static BruteForceBoard reference;

  /** Collects on the executors (one JVM in local mode) what a live sink is handed. */
  static final class CollectingSink implements LiveSink {
    @Override
    public void write(Refresh refresh, java.util.Iterator<RankChange> changes) {
      changes.forEachRemaining(CHANGES::add);
    }

    @Override
    public void refreshed(RefreshResult result) {
      REFRESHES.add(result);
    }
  }

  @BeforeAll
  static void replay() {
    spark = TestLakehouse.spark();
    TestLakehouse.matchDay(DAY);
    reference = BruteForceBoard.read(spark, MATCH);
    LiveLeaderboardJob.run(spark, new LiveOptions(MATCH, Duration.ZERO, Double.POSITIVE_INFINITY,
        SNAPSHOT_EVERY, "t20-2026", List.of(), null, new LiveLeaderboard.Layout(3, 50)),
        new CollectingSink(), LiveView.NONE, QUIET);
  }

  /** entry id -> {points, rank} as of a delivery, by brute force (tables read at set-up). */
  static Map<String, Object[]> bruteForce(int asOf) {
    return reference.asOf(asOf);
  }

  /**
   * Follow mode: the match's deliveries are taken out and land again in three chunks while the
   * job runs, then its row in core.matches (the match is complete); the job refreshes as they land
   * and ends with the final board. Runs last: it rewrites the tables the other tests read.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void followModeRefreshesAsDeliveriesLandAndStopsWhenTheMatchIsComplete() throws Exception {
    Dataset<Row> deliveries = spark.table(DeliveriesTable.DEFINITION.name())
        .where(col(DeliveriesTable.MATCH_ID).equalTo(MATCH)).orderBy(DeliveriesTable.DELIVERY_SEQ);
    List<Row> balls = deliveries.collectAsList();
    StructType deliverySchema = deliveries.schema();
    List<Row> match = spark.table(MatchesTable.DEFINITION.name())
        .where(col(MatchesTable.MATCH_ID).equalTo(MATCH)).collectAsList();
    StructType matchSchema = spark.table(MatchesTable.DEFINITION.name()).schema();
    spark.sql("DELETE FROM " + DeliveriesTable.DEFINITION.name() + " WHERE match_id = '" + MATCH + "'");
    spark.sql("DELETE FROM " + MatchesTable.DEFINITION.name() + " WHERE match_id = '" + MATCH + "'");
    TableWrites.append(spark.createDataFrame(balls.subList(0, 50), deliverySchema),
        DeliveriesTable.DEFINITION);

    List<Integer> seen = FOLLOWED;
    LiveSink sink = new FollowSink();
    var job = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() ->
        LiveLeaderboardJob.run(spark, new LiveOptions(MATCH, Duration.ofMillis(200), null,
            1_000, "t20-2026", List.of(), null, new LiveLeaderboard.Layout(3, 50)),
            sink, LiveView.NONE, QUIET));
    awaitRefresh(seen, 50, job);
    TableWrites.append(spark.createDataFrame(balls.subList(50, 150), deliverySchema),
        DeliveriesTable.DEFINITION);
    awaitRefresh(seen, 150, job);
    TableWrites.append(spark.createDataFrame(balls.subList(150, balls.size()), deliverySchema),
        DeliveriesTable.DEFINITION);
    awaitRefresh(seen, 216, job);
    assertThat(job.isDone()).as("the match is not complete yet: the job keeps following").isFalse();
    TableWrites.append(spark.createDataFrame(match, matchSchema), MatchesTable.DEFINITION);
    var outcome = job.get(2, java.util.concurrent.TimeUnit.MINUTES);

    // 216 twice: ranked when the last delivery landed, then once more as the final board when the
    // match completed.
    assertThat(seen).containsExactly(50, 150, 216, 216);
    assertThat(outcome.summary()).contains("4 refreshes", "final board as of delivery 216");
    Map<String, Object[]> expected = bruteForce(216);
    List<Row> board = spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(216)).collectAsList();
    assertThat(board).hasSize((int) DAY.entries());
    for (Row r : board) {
      assertThat(r.<Integer>getAs(LeaderboardTable.RANK))
          .isEqualTo(expected.get(r.<String>getAs(LeaderboardTable.ENTRY_ID))[1]);
    }
  }

  static final List<Integer> FOLLOWED = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Records, on the driver, the delivery each refresh of the follow run was as of. */
  static final class FollowSink implements LiveSink {
    @Override
    public void write(Refresh refresh, java.util.Iterator<RankChange> changes) {}

    @Override
    public void refreshed(RefreshResult result) {
      FOLLOWED.add(result.asOf());
    }
  }

  static void awaitRefresh(List<Integer> seen, int asOf, java.util.concurrent.Future<?> job)
      throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!seen.contains(asOf)) {
      if (job.isDone()) {
        job.get();   // rethrows the job's failure
        throw new AssertionError("the job ended before a refresh as of " + asOf + "; saw " + seen);
      }
      assertThat(System.nanoTime()).as("a refresh as of delivery %d within a minute", asOf)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  void theMegaContestWasSplitAndEveryDeliveryWasReached() {
    assertThat(REFRESHES).isNotEmpty();
    assertThat(REFRESHES).allMatch(r -> r.splitContests() >= 1 && r.entries() == DAY.entries());
    assertThat(REFRESHES.get(REFRESHES.size() - 1).asOf()).isEqualTo(216);
    // One refresh per over at full replay speed: 20 overs, then a chase cut to 15 by rain (D/L),
    // as the scorecard (and the Cricsheet file's innings) show.
    assertThat(REFRESHES).hasSize(35);
  }

  @Test
  void everyRefreshPublishesTheEntriesWhosePointsOrRankChangedAndTheLastOneAll() {
    Map<Integer, Map<String, RankChange>> byRefresh = new HashMap<>();
    for (RankChange c : CHANGES) {
      assertThat(byRefresh.computeIfAbsent(c.asOf(), k -> new HashMap<>()).put(c.entryId(), c))
          .as("entry %s published twice as of %d", c.entryId(), c.asOf()).isNull();
    }
    Map<String, Object[]> before = null;
    for (RefreshResult r : REFRESHES) {
      Map<String, Object[]> now = bruteForce(r.asOf());
      Map<String, RankChange> published = byRefresh.getOrDefault(r.asOf(), Map.of());
      int expectedChanges = 0;
      for (var e : now.entrySet()) {
        Object[] was = before == null ? null : before.get(e.getKey());
        boolean changed = was == null || ((BigDecimal) was[0]).compareTo((BigDecimal) e.getValue()[0]) != 0
            || !was[1].equals(e.getValue()[1]);
        RankChange c = published.get(e.getKey());
        if (r == REFRESHES.get(REFRESHES.size() - 1)) {
          // The final refresh publishes every entry, changed or not: the final board in full.
          assertThat(c).as("final rank of %s", e.getKey()).isNotNull();
          assertThat(c.rank()).isEqualTo(e.getValue()[1]);
          expectedChanges += changed ? 1 : 0;
          continue;
        }
        if (!changed) {
          assertThat(c).as("unchanged entry %s published as of %d", e.getKey(), r.asOf()).isNull();
          continue;
        }
        expectedChanges++;
        assertThat(c).as("changed entry %s as of %d", e.getKey(), r.asOf()).isNotNull();
        assertThat(c.points()).isEqualByComparingTo((BigDecimal) e.getValue()[0]);
        assertThat(c.rank()).isEqualTo(e.getValue()[1]);
        assertThat(c.previousRank()).isEqualTo(was == null ? 0 : was[1]);
      }
      assertThat(published).hasSize(r == REFRESHES.get(REFRESHES.size() - 1) ? now.size()
          : expectedChanges);
      assertThat(r.changed()).isEqualTo(expectedChanges);
      before = now;
    }
  }

  @Test
  void boardsAreWrittenAtTheCadenceAndTheFinalOneMatchesBruteForce() {
    List<Integer> expectedSnapshots = new ArrayList<>();
    int last = 0;
    for (RefreshResult r : REFRESHES) {
      if (r.asOf() - last >= SNAPSHOT_EVERY || r.asOf() == 216) {
        expectedSnapshots.add(r.asOf());
        last = r.asOf();
      }
    }
    List<Row> rows = spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.MATCH_ID).equalTo(MATCH)).collectAsList();
    assertThat(new TreeSet<>(rows.stream().map(r -> r.<Integer>getAs(LeaderboardTable.AS_OF_DELIVERY))
        .toList())).containsExactlyElementsOf(expectedSnapshots);
    Map<String, Object[]> expected = bruteForce(216);
    List<Row> finalBoard = rows.stream()
        .filter(r -> r.<Integer>getAs(LeaderboardTable.AS_OF_DELIVERY) == 216).toList();
    assertThat(finalBoard).hasSize((int) DAY.entries());
    for (Row r : finalBoard) {
      Object[] e = expected.get(r.<String>getAs(LeaderboardTable.ENTRY_ID));
      assertThat(r.<BigDecimal>getAs(LeaderboardTable.POINTS)).isEqualByComparingTo((BigDecimal) e[0]);
      assertThat(r.<Integer>getAs(LeaderboardTable.RANK)).isEqualTo(e[1]);
    }
  }
}
