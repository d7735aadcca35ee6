package dev.dugout.leaderboard.aerospike;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Operation;
import com.aerospike.client.Value;
import dev.dugout.leaderboard.live.ContestTop;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.RankChange;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordLayoutTest {
  // 123.5 points = 24,700 units of 1/200 point.
  final RankChange change = new RankChange("1370353", 50, "c-1", "e-9", "t-3", "u-7", 24_700, 4, 9);

  @Test
  void binNamesFitAerospikesFifteenCharacters() throws Exception {
    for (var field : RecordLayout.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        assertThat(((String) field.get(null)).length()).as(field.getName()).isLessThanOrEqualTo(15);
      }
    }
  }

  @Test
  void pointsAreAnExactDecimalStringAndAWholeNumberOfUnitsNeverAFloat() {
    Map<String, Value> bins = bins(RecordLayout.entry(change, 1_000L));
    assertThat(bins.get(RecordLayout.POINTS).getObject()).isEqualTo("123.50");
    assertThat(bins.get(RecordLayout.UNITS).getObject()).isEqualTo(24_700L);
    assertThat(bins.values()).noneMatch(v -> v.getObject() instanceof Double
        || v.getObject() instanceof Float);
    assertThat(bins.get(RecordLayout.RANK).toLong()).isEqualTo(4);
    assertThat(bins.get(RecordLayout.PREVIOUS_RANK).toLong()).isEqualTo(9);
    assertThat(bins.get(RecordLayout.AS_OF).toLong()).isEqualTo(50);
    assertThat(bins.keySet()).contains(RecordLayout.CONTEST, RecordLayout.TEAM, RecordLayout.USER,
        RecordLayout.UPDATED_AT);
  }

  @Test
  void aUsersEntryIsContestPointsRankPreviousRankAsOf() {
    assertThat(RecordLayout.userEntry(change)).containsExactly("c-1", "123.50", 4L, 9L, 50L);
    assertThat(RecordLayout.userKey("u-7", "1370353")).isEqualTo("u-7:1370353");
    Operation[] ops = RecordLayout.user("u-7", "1370353", 50, List.of(change), 1_000L);
    assertThat(ops[0].binName).isEqualTo(RecordLayout.ENTRIES);
    assertThat(bins(ops).get(RecordLayout.AS_OF).toLong()).isEqualTo(50);
  }

  @Test
  void aContestsTopListsItsEntriesBestFirst() {
    ContestTop top = new ContestTop("c-1", List.of(
        new LiveLeaderboard.Standing("c-1", "e-1", "u-1", new BigDecimal("200.50"), 1, 2),
        new LiveLeaderboard.Standing("c-1", "e-2", "u-2", new BigDecimal("199.00"), 2, 1)));
    List<?> rows = (List<?>) bins(RecordLayout.contestTop("1370353", 50, top, 1_000L))
        .get(RecordLayout.TOP).getObject();
    assertThat(rows).hasSize(2);
    Map<?, ?> first = (Map<?, ?>) rows.get(0);
    assertThat(first.get(RecordLayout.ENTRY)).isEqualTo("e-1");
    assertThat(first.get(RecordLayout.POINTS)).isEqualTo("200.50");
    assertThat(first.get(RecordLayout.UNITS)).isEqualTo(40_100L);
    assertThat(first.get(RecordLayout.RANK)).isEqualTo(1L);
  }

  private static Map<String, Value> bins(Operation[] ops) {
    return Arrays.stream(ops).filter(o -> o.type == Operation.Type.WRITE)
        .collect(java.util.stream.Collectors.toMap(o -> o.binName, o -> o.value));
  }
}
