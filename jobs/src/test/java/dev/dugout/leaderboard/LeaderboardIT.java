package dev.dugout.leaderboard;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.contests.GenerateMatchDayJob;
import dev.dugout.contests.GenerateOptions;
import dev.dugout.contests.TeamRules;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.tables.UserTeamsTable;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.scoring.MatchTimeline;
import dev.dugout.scoring.RuleSets;
import dev.dugout.testing.BruteForceBoard;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A generated match day on a real match, ranked, against a brute-force reference computed here
 * from the raw tables with BigDecimal arithmetic and O(n^2) counting.
 */
class LeaderboardIT {
  static final String MATCH = "1370353";
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final GenerateOptions DAY = new GenerateOptions(MATCH, 300, 1_500, 300, 7);
  static SparkSession spark;

  @BeforeAll
  static void matchDay() {
    spark = TestLakehouse.spark();
    TestLakehouse.matchDay(DAY);
    // The two boards take the two ways to an entry's team: as of 100 the teams are joined to the
    // entries by a shuffle (broadcast limit 0) and the mega contest is split across 3 shards; the
    // final board broadcasts them (the default) to whole contests.
    BuildLeaderboardJob.run(spark, new LeaderboardOptions(MATCH, 100,
        new LiveLeaderboard.Layout(3, 50, 0)), QUIET);
    BuildLeaderboardJob.run(spark, new LeaderboardOptions(MATCH, null), QUIET);
  }

  /** entry id -> {points, rank} by brute force, from the tables as they are now. */
  static Map<String, Object[]> bruteForce(int asOf) {
    return BruteForceBoard.read(spark, MATCH).asOf(asOf);
  }

  static Map<String, Row> board(int asOf) {
    Map<String, Row> board = new HashMap<>();
    for (Row r : spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(asOf)).collectAsList()) {
      board.put(r.getAs(LeaderboardTable.ENTRY_ID), r);
    }
    return board;
  }

  @Test
  void ranksAgreeWithBruteForceAsOfAnyDelivery() {
    for (int asOf : new int[] {100, 216}) {
      Map<String, Object[]> expected = bruteForce(asOf);
      Map<String, Row> board = board(asOf);
      assertThat(board).hasSize(expected.size()).hasSize((int) DAY.entries());
      // Entries per (contest, brute-force points): what each entry's tied count must be.
      Map<String, Integer> samePoints = new HashMap<>();
      for (var e : expected.entrySet()) {
        samePoints.merge(board.get(e.getKey()).getAs(LeaderboardTable.CONTEST_ID) + "/"
            + ((BigDecimal) e.getValue()[0]).stripTrailingZeros().toPlainString(), 1, Integer::sum);
      }
      int tied = 0;
      for (var e : expected.entrySet()) {
        Row row = board.get(e.getKey());
        assertThat(row.<BigDecimal>getAs(LeaderboardTable.POINTS)).as(e.getKey())
            .isEqualByComparingTo((BigDecimal) e.getValue()[0]);
        assertThat(row.<Integer>getAs(LeaderboardTable.RANK)).as(e.getKey() + " as of " + asOf)
            .isEqualTo(e.getValue()[1]);
        assertThat(row.<Integer>getAs(LeaderboardTable.TIED)).as("tied with " + e.getKey())
            .isEqualTo(samePoints.get(row.getAs(LeaderboardTable.CONTEST_ID) + "/"
                + ((BigDecimal) e.getValue()[0]).stripTrailingZeros().toPlainString()));
        tied += board.values().stream().filter(o -> o != row
            && o.getAs(LeaderboardTable.CONTEST_ID).equals(row.getAs(LeaderboardTable.CONTEST_ID))
            && o.getAs(LeaderboardTable.RANK).equals(row.getAs(LeaderboardTable.RANK))).count() > 0 ? 1 : 0;
      }
      assertThat(tied).as("the data has ties to rank").isPositive();
    }
  }

  /**
   * The points the batch job ranks from, as stored in gold.player_points, are those the live job
   * scores on the driver from core.deliveries; a match never scored is refused, naming the fix.
   */
  @Test
  void storedPlayerPointsAreTheDeliveriesScoredAndAnUnscoredMatchIsRefused() {
    PlayerPointsHistory stored = PlayerPointsHistory.read(
        spark.table(PlayerPointsTable.DEFINITION.name()), MATCH);
    MatchTimeline scored = MatchTimeline.read(spark, MATCH, RuleSets.load("t20-2026"));
    assertThat(stored.pool()).isEqualTo(scored.pool());
    assertThat(stored.deliveries()).isEqualTo(scored.deliveries()).isEqualTo(216);
    for (int seq : new int[] {1, 100, 216}) {
      assertThat(stored.after(seq)).as("after delivery %d", seq).isEqualTo(scored.after(seq));
    }
    assertThatThrownBy(() -> BuildLeaderboardJob.run(spark,
        new LeaderboardOptions("no-such-match", null), QUIET))
        .hasMessageContaining("match no-such-match has no player points in gold.player_points;"
            + " run `dugout score --match no-such-match` first");
  }

  @Test
  void theFinalBoardCarriesTheEarlierRanksAsPreviousRank() {
    Map<String, Row> earlier = board(100);
    for (Row r : board(216).values()) {
      assertThat(r.<Integer>getAs(LeaderboardTable.PREVIOUS_RANK))
          .isEqualTo(earlier.get(r.<String>getAs(LeaderboardTable.ENTRY_ID)).getAs(LeaderboardTable.RANK));
    }
  }

  /**
   * Entries read in contest order keep the partitions they were read in as shards (no shuffle);
   * the contests a partition boundary cuts, the mega contest among them, are ranked as split
   * ones. Entries read in no order are shuffled to shards by contest instead. Both boards agree
   * with brute force.
   */
  @Test
  void entriesReadInContestOrderAreRankedWhereTheyWereReadAndOthersAreShuffled() {
    Dataset<Row> entries = spark.table(ContestEntriesTable.DEFINITION.name())
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(MATCH));
    Dataset<Row> teams = spark.table(UserTeamsTable.DEFINITION.name())
        .where(col(UserTeamsTable.MATCH_ID).equalTo(MATCH));
    MatchTimeline timeline = MatchTimeline.read(spark, MATCH, RuleSets.load("t20-2026"));
    List<String> pool = timeline.pool();
    long[] hundredths = timeline.after(216);
    Map<String, Object[]> expected = bruteForce(216);
    LiveLeaderboard.Layout auto = new LiveLeaderboard.Layout(0, 0);

    // 1,500 entries in 8 ranges of contest and entry id: the 300 of the mega contest span two.
    try (LiveLeaderboard inOrder = LiveLeaderboard.load(spark, MATCH, entries.repartitionByRange(8,
        col(ContestEntriesTable.CONTEST_ID), col(ContestEntriesTable.ENTRY_ID)), teams, null, pool,
        auto)) {
      assertThat(inOrder.inInputPartitions()).isTrue();
      assertThat(inOrder.shardCount()).isEqualTo(8);
      assertThat(inOrder.splitContests()).contains(MATCH + "-c0").hasSizeLessThanOrEqualTo(7);
      assertThat(differences(ranks(inOrder, hundredths), expected)).isEmpty();
    }
    // One partition in contest order, fewer than the cores: shuffled to shards, all cores busy.
    try (LiveLeaderboard one = LiveLeaderboard.load(spark, MATCH, entries.coalesce(1), teams,
        null, pool, auto)) {
      assertThat(one.inInputPartitions()).isFalse();
      assertThat(one.shardCount()).isEqualTo(4 * spark.sparkContext().defaultParallelism());
      assertThat(differences(ranks(one, hundredths), expected)).isEmpty();
    }
    // The same entries dealt round-robin: nearly every contest is in several partitions.
    try (LiveLeaderboard dealt = LiveLeaderboard.load(spark, MATCH, entries.repartition(8), teams,
        null, pool, auto)) {
      assertThat(dealt.inInputPartitions()).isFalse();
      assertThat(dealt.splitContests()).as("none above the default of 1,000 entries").isEmpty();
      assertThat(differences(ranks(dealt, hundredths), expected)).isEmpty();
    }
  }

  /** entry id -> "points/rank" of the board after one refresh to the final delivery. */
  static Map<String, String> ranks(LiveLeaderboard board, long[] hundredths) {
    board.refresh(216, hundredths, true, dev.dugout.leaderboard.live.LiveSink.NONE);
    Map<String, String> ranks = new HashMap<>();
    for (Row r : board.boardRows(new java.sql.Timestamp(0), "test").collectAsList()) {
      ranks.put(r.getAs(LeaderboardTable.ENTRY_ID), r.<BigDecimal>getAs(LeaderboardTable.POINTS)
          .stripTrailingZeros().toPlainString() + "/" + r.getAs(LeaderboardTable.RANK));
    }
    return ranks;
  }

  /** "entry: points/rank on the board, expected points/rank" for every entry that differs. */
  static List<String> differences(Map<String, String> board, Map<String, Object[]> expected) {
    List<String> differ = new ArrayList<>();
    expected.forEach((entry, e) -> {
      String want = ((BigDecimal) e[0]).stripTrailingZeros().toPlainString() + "/" + e[1];
      if (!want.equals(board.get(entry))) {
        differ.add(entry + ": " + board.get(entry) + ", expected " + want);
      }
    });
    board.keySet().stream().filter(entry -> !expected.containsKey(entry))
        .forEach(entry -> differ.add(entry + ": on the board, not an entry"));
    return differ;
  }

  @Test
  void generatedTeamsAndEntriesKeepTheRules() {
    Map<String, String> sides = new HashMap<>();
    for (Row p : spark.table(MatchPlayersTable.DEFINITION.name()).collectAsList()) {
      sides.put(p.getAs(MatchPlayersTable.PLAYER_ID), p.getAs(MatchPlayersTable.TEAM));
    }
    Instant lock = spark.table(ContestsTable.DEFINITION.name()).first()
        .<java.sql.Timestamp>getAs(ContestsTable.LOCKS_AT).toInstant();
    TeamRules rules = new TeamRules(sides, lock);
    Map<String, Integer> teamsPerUser = new HashMap<>();
    for (Row t : spark.table(UserTeamsTable.DEFINITION.name()).collectAsList()) {
      assertThat(rules.violation(t.getList(t.fieldIndex(UserTeamsTable.PLAYER_IDS)),
          t.getAs(UserTeamsTable.CAPTAIN_ID), t.getAs(UserTeamsTable.VICE_CAPTAIN_ID),
          t.<java.sql.Timestamp>getAs(UserTeamsTable.SAVED_AT).toInstant())).isEmpty();
      teamsPerUser.merge(t.getAs(UserTeamsTable.USER_ID), 1, Integer::sum);
    }
    assertThat(teamsPerUser.values()).allMatch(n -> n >= 1 && n <= TeamRules.MAX_TEAMS_PER_USER);
    Set<String> contestTeam = new HashSet<>();
    Map<String, Integer> sizes = new HashMap<>();
    for (Row e : spark.table(ContestEntriesTable.DEFINITION.name()).collectAsList()) {
      assertThat(contestTeam.add(e.getAs(ContestEntriesTable.CONTEST_ID) + "/"
          + e.getAs(ContestEntriesTable.TEAM_ID))).as("a team enters a contest once").isTrue();
      assertThat(rules.entryViolation(e.<java.sql.Timestamp>getAs(ContestEntriesTable.JOINED_AT)
          .toInstant())).isEmpty();
      sizes.merge(e.getAs(ContestEntriesTable.CONTEST_ID), 1, Integer::sum);
    }
    assertThat(sizes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_500);
    assertThat(sizes.get(MATCH + "-c0")).as("the mega contest").isEqualTo(300)
        .isEqualTo(sizes.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
    assertThat(sizes.values()).contains(2);
  }

  @Test
  void theSameSeedGivesTheSameMatchDay() {
    List<String> before = entriesAndTeams();
    GenerateMatchDayJob.run(spark, DAY, QUIET);
    assertThat(entriesAndTeams()).isEqualTo(before);
  }

  static List<String> entriesAndTeams() {
    List<String> rows = new ArrayList<>();
    spark.table(ContestEntriesTable.DEFINITION.name()).drop("run_id", "joined_at").collectAsList()
        .forEach(r -> rows.add(r.toString()));
    spark.table(UserTeamsTable.DEFINITION.name()).drop("run_id").collectAsList()
        .forEach(r -> rows.add(r.toString()));
    rows.sort(null);
    return rows;
  }
}
