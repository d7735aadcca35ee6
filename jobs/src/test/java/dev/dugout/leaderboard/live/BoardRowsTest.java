package dev.dugout.leaderboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.RowBuilder;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.junit.jupiter.api.Test;

/**
 * A shard's board rows (what the snapshot writes) against a brute-force board: contest by
 * contest, entries by rank and, for ties, in the shard's order, each with its own values.
 */
class BoardRowsTest {
  @Test
  void rowsComeContestByContestInRankOrderEachWithItsOwnValues() {
    Random random = new Random(8);
    List<String> pool = ContestShardTest.pool();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      index.put(pool.get(i), i);
    }
    // Contests bigger than the rows' batch of gathered values (1,024), between and after them
    // smaller ones; some entries were on an earlier board.
    List<ContestShard.Entry> entries = new ArrayList<>();
    Map<String, Integer> sizes = Map.of("c1", 2_500, "c2", 3, "c3", 1_500, "c4", 1);
    sizes.forEach((contest, size) -> {
      for (int e = 0; e < size; e++) {
        ContestShardTest.Team t = ContestShardTest.pickTeam(random);
        String id = contest + "-e" + e;
        entries.add(new ContestShard.Entry(contest, id, "t-" + id, "u" + random.nextInt(90),
            ContestShard.slots("t-" + id, t.players(), t.captain(), t.vice(), index),
            e % 3 == 0 ? null : 1 + random.nextInt(size)));
      }
    });
    Collections.shuffle(entries, random);
    ContestShard shard = ContestShard.build(entries.iterator(), Set.of());
    // Few distinct player points: teams tie often.
    long[] hundredths = new long[pool.size()];
    for (int i = 0; i < hundredths.length; i++) {
      hundredths[i] = (random.nextInt(5) - 1) * 50L;
    }
    long[] units = shard.units(hundredths);
    RankState state = new RankState(7, units, shard.ranks(units, Map.of()), null,
        RankState.loaded(shard).ranks);

    // The brute-force board: per contest (in id order), its entries by points, best first,
    // ties in shard order; a rank is 1 + the entries with more points.
    List<String> expected = new ArrayList<>();
    for (int seg = 0; seg < shard.segments(); seg++) {
      List<Integer> mine = new ArrayList<>();
      for (int i = shard.start(seg); i < shard.end(seg); i++) {
        mine.add(i);
      }
      mine.sort(Comparator.<Integer>comparingLong(i -> -units[i]).thenComparingInt(i -> i));
      for (int i : mine) {
        long better = mine.stream().filter(o -> units[o] > units[i]).count();
        long same = mine.stream().filter(o -> units[o] == units[i]).count();
        int previous = shard.loadedRank(i);
        expected.add(String.join("|", shard.contest(seg), shard.entryId(i), shard.teamId(i),
            shard.userId(i), BigDecimal.valueOf(units[i]).divide(BigDecimal.valueOf(200))
                .setScale(2).toPlainString(), String.valueOf(better + 1),
            previous == 0 ? "null" : String.valueOf(previous), String.valueOf(same)));
      }
    }
    assertThat(expected).hasSize(4_004);
    assertThat(List.of("c1", "c2", "c3", "c4"))
        .isEqualTo(List.of(shard.contest(0), shard.contest(1), shard.contest(2),
            shard.contest(3)));

    Iterator<InternalRow> rows = LiveLeaderboard.rows(shard, state, "m1", 7, new Timestamp(0),
        "run-1", new RowBuilder(LeaderboardTable.DEFINITION).sparkSchema());
    List<String> written = new ArrayList<>();
    while (rows.hasNext()) {
      InternalRow r = rows.next();
      assertThat(r.getUTF8String(0).toString() + r.getInt(1) + r.getUTF8String(10))
          .isEqualTo("m17run-1");
      written.add(String.join("|", r.getUTF8String(2).toString(), r.getUTF8String(3).toString(),
          r.getUTF8String(4).toString(), r.getUTF8String(5).toString(),
          r.getDecimal(6, 10, 2).toJavaBigDecimal().toPlainString(), String.valueOf(r.getInt(7)),
          r.isNullAt(8) ? "null" : String.valueOf(r.getInt(8)), String.valueOf(r.getInt(11))));
    }
    assertThat(written).containsExactlyElementsOf(expected);
  }
}
