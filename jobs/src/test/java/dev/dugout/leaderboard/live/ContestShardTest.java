package dev.dugout.leaderboard.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.leaderboard.PointsHistogram;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Shards of random contests, some split across shards, against a reference computed here the slow
 * way: BigDecimal team points (x2, x1.5, x1) and ranks by counting every better entry.
 */
class ContestShardTest {
  static final int POOL = 22;

  record Team(List<String> players, String captain, String vice) {}

  static List<String> pool() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < POOL; i++) {
      ids.add(String.format("p%02d", i));
    }
    return ids;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 99, 2026})
  void splitAndWholeContestsRankLikeTheDefinition(long seed) {
    Random random = new Random(seed);
    List<String> pool = pool();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      index.put(pool.get(i), i);
    }
    // Player points with a few values only, so team totals tie often; some half points.
    long[] hundredths = new long[POOL];
    for (int i = 0; i < POOL; i++) {
      hundredths[i] = (random.nextInt(6) - 1) * 50L;
    }
    List<ContestShard.Entry> entries = new ArrayList<>();
    Map<String, Team> teams = new HashMap<>();
    int contests = 3 + random.nextInt(6);
    for (int c = 0; c < contests; c++) {
      int size = c == 0 ? 400 + random.nextInt(400) : 2 + random.nextInt(40);
      for (int e = 0; e < size; e++) {
        Team t = pickTeam(random);
        String entryId = "c" + c + "-e" + e;
        teams.put(entryId, t);
        entries.add(new ContestShard.Entry("c" + c, entryId, "t-" + entryId, "u" + random.nextInt(50),
            ContestShard.slots("t-" + entryId, t.players(), t.captain(), t.vice(), index), null));
      }
    }
    // Contest c0 (and c1) are split: their entries go to every shard at random; others stay whole.
    Set<String> split = Set.of("c0", "c1");
    int shardCount = 4;
    List<List<ContestShard.Entry>> parts = new ArrayList<>();
    for (int s = 0; s < shardCount; s++) {
      parts.add(new ArrayList<>());
    }
    for (ContestShard.Entry e : entries) {
      int s = split.contains(e.contestId()) ? random.nextInt(shardCount)
          : Math.floorMod(e.contestId().hashCode(), shardCount);
      parts.get(s).add(e);
    }
    List<ContestShard> shards = new ArrayList<>();
    for (List<ContestShard.Entry> part : parts) {
      java.util.Collections.shuffle(part, random);
      shards.add(ContestShard.build(part.iterator(), split));
    }
    Map<String, PointsHistogram> merged = new HashMap<>();
    for (ContestShard s : shards) {
      s.splitPieces(hundredths).forEach((c, h) -> merged.merge(c, h, PointsHistogram::merge));
    }

    Map<String, BigDecimal> expectedPoints = new HashMap<>();
    for (ContestShard.Entry e : entries) {
      expectedPoints.put(e.entryId(), reference(teams.get(e.entryId()), pool, hundredths));
    }
    Map<String, List<ContestShard.Entry>> byContest = entries.stream()
        .collect(Collectors.groupingBy(ContestShard.Entry::contestId));
    int checked = 0;
    int tiedRanks = 0;
    for (ContestShard s : shards) {
      long[] units = s.units(hundredths);
      ContestShard.Ranked ranked = s.ranks(units, merged);
      int[] ranks = ranked.ranks();
      for (int seg = 0; seg < s.segments(); seg++) {
        for (int i = s.start(seg); i < s.end(seg); i++) {
          BigDecimal mine = expectedPoints.get(s.entryId(i));
          assertThat(BigDecimal.valueOf(units[i]).divide(BigDecimal.valueOf(200)))
              .as(s.entryId(i)).isEqualByComparingTo(mine);
          long better = byContest.get(s.contest(seg)).stream()
              .filter(o -> expectedPoints.get(o.entryId()).compareTo(mine) > 0).count();
          long same = byContest.get(s.contest(seg)).stream()
              .filter(o -> expectedPoints.get(o.entryId()).compareTo(mine) == 0).count();
          assertThat(ranks[i]).as("rank of %s in %s", s.entryId(i), s.contest(seg))
              .isEqualTo(1 + better);
          assertThat(ranked.tied()[i]).as("entries tied with %s", s.entryId(i)).isEqualTo(same);
          tiedRanks += same > 1 ? 1 : 0;
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(entries.size());
    assertThat(tiedRanks).as("the data is full of ties").isGreaterThan(entries.size() / 4);
  }

  static BigDecimal reference(Team t, List<String> pool, long[] hundredths) {
    BigDecimal total = BigDecimal.ZERO;
    for (String p : t.players()) {
      BigDecimal points = BigDecimal.valueOf(hundredths[pool.indexOf(p)], 2);
      BigDecimal factor = p.equals(t.captain()) ? new BigDecimal("2")
          : p.equals(t.vice()) ? new BigDecimal("1.5") : BigDecimal.ONE;
      total = total.add(points.multiply(factor));
    }
    return total;
  }

  static Team pickTeam(Random random) {
    List<String> ids = new ArrayList<>(pool());
    java.util.Collections.shuffle(ids, random);
    List<String> team = List.copyOf(ids.subList(0, 11));
    int c = random.nextInt(11);
    int v = (c + 1 + random.nextInt(10)) % 11;
    return new Team(team, team.get(c), team.get(v));
  }

  /**
   * A contest held whole is ranked by one sort of its packed points: against the definition
   * (1 + entries with more points; tied = entries with the same), on points that go negative and
   * repeat, placed at an offset in the shard's arrays.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 50, 4_000})
  void aWholeContestIsRankedLikeTheDefinitionByOneSort(int n) {
    Random random = new Random(n);
    int from = 7;
    long[] units = new long[from + n + 3];
    for (int i = 0; i < units.length; i++) {
      units[i] = random.nextInt(n / 2 + 2) * 25L - 300;
    }
    int[] ranks = new int[units.length];
    int[] tied = new int[units.length];
    assertThat(ContestShard.rankWhole(units, from, from + n, ranks, tied)).isTrue();
    for (int i = from; i < from + n; i++) {
      int better = 0;
      int same = 0;
      for (int j = from; j < from + n; j++) {
        better += units[j] > units[i] ? 1 : 0;
        same += units[j] == units[i] ? 1 : 0;
      }
      assertThat(ranks[i]).as("rank of entry %d", i).isEqualTo(better + 1);
      assertThat(tied[i]).as("tied with entry %d", i).isEqualTo(same);
    }
    assertThat(ranks[from - 1]).as("outside the contest").isZero();
    assertThat(ranks[from + n]).isZero();
  }

  @Test
  void pointsTooFarApartToPackAreLeftToTheHistogram() {
    long[] units = {-(1L << 38), 1L << 38};
    int[] ranks = new int[2];
    assertThat(ContestShard.rankWhole(units, 0, 2, ranks, new int[2])).isFalse();
    assertThat(ranks).containsOnly(0);
    // A range that overflows a long.
    assertThat(ContestShard.rankWhole(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 0, 2, ranks,
        new int[2])).isFalse();
  }

  @Test
  void entriesComeInAnyOrderAndMalformedTeamsAreRefusedByName() {
    Map<String, Integer> index = new HashMap<>();
    List<String> pool = pool();
    for (int i = 0; i < pool.size(); i++) {
      index.put(pool.get(i), i);
    }
    Team t = pickTeam(new Random(1));
    byte[] slots = ContestShard.slots("t1", t.players(), t.captain(), t.vice(), index);
    var a = new ContestShard.Entry("c1", "e1", "t1", "u1", slots, null);
    var b = new ContestShard.Entry("c2", "e2", "t1", "u1", slots, null);
    var c = new ContestShard.Entry("c1", "e3", "t1", "u1", slots, null);
    ContestShard shard = ContestShard.build(List.of(a, b, c).iterator(), Set.of());
    assertThat(shard.segments()).isEqualTo(2);
    assertThat(List.of(shard.contest(0), shard.entryId(0), shard.entryId(1), shard.contest(1),
        shard.entryId(2))).containsExactly("c1", "e1", "e3", "c2", "e2");
    assertThat(shard.end(0)).isEqualTo(2);
    List<String> withStranger = new ArrayList<>(t.players());
    withStranger.set(withStranger.indexOf(t.players().stream()
        .filter(p -> !p.equals(t.captain()) && !p.equals(t.vice())).findFirst().orElseThrow()), "x99");
    assertThatThrownBy(() -> ContestShard.slots("t4", withStranger, t.captain(), t.vice(), index))
        .hasMessageContaining("team t4 has player x99");
    assertThatThrownBy(() -> ContestShard.slots("t5", t.players(), t.captain(), t.captain(), index))
        .hasMessageContaining("team t5 must be 11 distinct players");
  }

  /** Where {@link #teamRow} has team_id, player_ids, captain_id and vice_captain_id. */
  private static final int[] AS_SCANNED = {0, 2, 3, 4};

  /**
   * A team's row as the table's scan gives it: (team_id, match_id, player_ids, captain_id,
   * vice_captain_id).
   */
  static InternalRow teamRow(String teamId, List<String> players, String captain, String vice) {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(teamId),
        UTF8String.fromString("m1"),
        ArrayData.toArrayData(players.stream().map(UTF8String::fromString).toArray()),
        UTF8String.fromString(captain), UTF8String.fromString(vice)});
  }

  @Test
  void teamsReadAsSparkRowsEncodeAndFailExactlyAsFromStrings() {
    List<String> pool = pool();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      index.put(pool.get(i), i);
    }
    PlayerPool utf8 = PlayerPool.of(pool);
    Random random = new Random(5);
    for (int n = 0; n < 500; n++) {
      Team t = pickTeam(random);
      assertThat(ContestShard.slots(teamRow("t" + n, t.players(), t.captain(), t.vice()),
          AS_SCANNED, utf8))
          .isEqualTo(ContestShard.slots("t" + n, t.players(), t.captain(), t.vice(), index));
    }
    Team t = pickTeam(random);
    String other = t.players().stream()
        .filter(p -> !p.equals(t.captain()) && !p.equals(t.vice())).findFirst().orElseThrow();
    List<String> stranger = new ArrayList<>(t.players());
    stranger.set(stranger.indexOf(other), "x99");
    List<String> twice = new ArrayList<>(t.players());
    twice.set(twice.indexOf(other), t.captain());
    List<String> ten = t.players().stream().filter(p -> !p.equals(other)).toList();
    String outsider = pool.stream().filter(p -> !t.players().contains(p)).findFirst().orElseThrow();
    assertThatThrownBy(() -> ContestShard.slots(teamRow("t1", stranger, t.captain(), t.vice()),
        AS_SCANNED, utf8))
        .hasMessageContaining("team t1 has player x99, who is not in the match's pool");
    for (var bad : List.of(
        teamRow("t2", twice, t.captain(), t.vice()),
        teamRow("t3", ten, t.captain(), t.vice()),
        teamRow("t4", t.players(), outsider, t.vice()),
        teamRow("t5", t.players(), t.captain(), outsider),
        teamRow("t6", t.players(), t.vice(), t.vice()))) {
      assertThatThrownBy(() -> ContestShard.slots(bad, AS_SCANNED, utf8))
          .hasMessageContaining("team " + bad.getUTF8String(0) + " must be 11 distinct players");
    }
  }

  /**
   * Each entry of the shard got its own team's 11 slots: with each player worth a different power
   * of two, a team's units (2 x captain + vice + 2 x each player) tell the team apart.
   */
  private static void assertEachEntryHasItsTeam(ContestShard joined, Map<String, byte[]> slotsOf) {
    long[] powers = new long[POOL];
    for (int k = 0; k < POOL; k++) {
      powers[k] = 1L << k;
    }
    long[] units = joined.units(powers);
    for (int i = 0; i < joined.size(); i++) {
      byte[] team = slotsOf.get(joined.teamId(i));
      long want = 2 * powers[team[0]] + powers[team[1]];
      for (byte player : team) {
        want += 2 * powers[player];
      }
      assertThat(units[i]).as("units of entry %s, team %s", joined.entryId(i), joined.teamId(i))
          .isEqualTo(want);
    }
  }

  @Test
  void entriesJoinTheirTeamsByIdAndAMissingOrRepeatedTeamIsNamed() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < POOL; i++) {
      index.put(pool().get(i), i);
    }
    Random random = new Random(3);
    TeamIndex.Builder teams = new TeamIndex.Builder();
    Map<String, byte[]> expected = new HashMap<>();
    for (int n = 0; n < 5_000; n++) {
      Team t = pickTeam(random);
      byte[] slots = ContestShard.slots("team-" + n, t.players(), t.captain(), t.vice(), index);
      teams.add(UTF8String.fromString("team-" + n), slots);
      expected.put("team-" + n, slots);
    }
    TeamIndex built = teams.build();
    ContestShard.Builder entries = new ContestShard.Builder();
    for (int e = 0; e < 2_000; e++) {
      entries.add(UTF8String.fromString("c" + e % 7), UTF8String.fromString("e" + e),
          UTF8String.fromString("team-" + random.nextInt(5_000)), UTF8String.fromString("u"), null, 0);
    }
    assertEachEntryHasItsTeam(entries.build(Set.of()).withTeams(built, "the test's teams"),
        expected);

    ContestShard.Builder stray = new ContestShard.Builder();
    stray.add(UTF8String.fromString("c1"), UTF8String.fromString("e1"),
        UTF8String.fromString("team-x"), UTF8String.fromString("u1"), null, 0);
    assertThatThrownBy(() -> stray.build(Set.of()).withTeams(built, "core.user_teams"))
        .hasMessageContaining("entry e1 of contest c1 has team team-x, which is not in"
            + " core.user_teams");
    TeamIndex.Builder twice = new TeamIndex.Builder();
    twice.add(UTF8String.fromString("t1"), expected.get("team-1"));
    twice.add(UTF8String.fromString("t1"), expected.get("team-2"));
    assertThatThrownBy(() -> twice.build().find(UTF8String.fromString("t1")))
        .hasMessageContaining("team t1 appears twice");
  }

  /**
   * Two team ids of the same length with the same hash (as the index hashes them), found by
   * brute force.
   */
  private static String[] collidingTeamIds() {
    Map<Integer, String> seen = new HashMap<>();
    for (int n = 0; ; n++) {
      String id = String.format("team-%07d", n);
      String before = seen.putIfAbsent(UTF8String.fromString(id).hashCode(), id);
      if (before != null) {
        return new String[] {before, id};
      }
    }
  }

  @Test
  void teamsWhoseIdsShareAHashAreToldApartAndAMissingOneIsNamedWithItsContest() {
    String[] same = collidingTeamIds();
    assertThat(UTF8String.fromString(same[0]).hashCode())
        .isEqualTo(UTF8String.fromString(same[1]).hashCode());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < POOL; i++) {
      index.put(pool().get(i), i);
    }
    Random random = new Random(11);
    Map<String, byte[]> slotsOf = new HashMap<>();
    for (String id : List.of(same[0], same[1], "t-a", "t-b", "t-c")) {
      Team t = pickTeam(random);
      slotsOf.put(id, ContestShard.slots(id, t.players(), t.captain(), t.vice(), index));
    }
    // Entries 0-19 in contest c0, 20-39 in c1, their teams in turn: more than one lookup group.
    List<String> order = List.of("t-a", same[1], "t-b", same[0], "t-c");
    ContestShard.Builder entries = new ContestShard.Builder();
    for (int e = 0; e < 40; e++) {
      entries.add(UTF8String.fromString("c" + e / 20), UTF8String.fromString(String.format("e%02d",
          e)), UTF8String.fromString(order.get(e % 5)), UTF8String.fromString("u"), null, 0);
    }
    ContestShard shard = entries.build(Set.of());
    TeamIndex.Builder both = new TeamIndex.Builder();
    slotsOf.forEach((id, slots) -> both.add(UTF8String.fromString(id), slots));
    assertEachEntryHasItsTeam(shard.withTeams(both.build(), "the test's teams"), slotsOf);
    // Without the second of the two, the entry that has it (e20, the first of c1) is named; the
    // first of the two, whose hash it shares, is not taken for it.
    TeamIndex.Builder one = new TeamIndex.Builder();
    slotsOf.forEach((id, slots) -> {
      if (!id.equals(same[1])) {
        one.add(UTF8String.fromString(id), slots);
      }
    });
    ContestShard.Builder later = new ContestShard.Builder();
    for (int e = 0; e < 40; e++) {
      String given = order.get(e % 5);
      String team = e == 20 ? same[1] : given.equals(same[1]) ? "t-a" : given;
      later.add(UTF8String.fromString("c" + e / 20), UTF8String.fromString(String.format("e%02d",
          e)), UTF8String.fromString(team), UTF8String.fromString("u"), null, 0);
    }
    TeamIndex withoutSecond = one.build();
    assertThatThrownBy(() -> later.build(Set.of()).withTeams(withoutSecond, "core.user_teams"))
        .hasMessageContaining("entry e20 of contest c1 has team " + same[1] + ", which is not in"
            + " core.user_teams");
  }
}
