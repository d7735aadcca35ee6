package dev.dugout.leaderboard.aerospike;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Key;
import com.aerospike.client.Record;
import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.leaderboard.live.LiveSink;
import dev.dugout.leaderboard.live.RankChange;
import dev.dugout.testing.TestLakehouse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real cluster, only when {@code AEROSPIKE_HOSTS} names one (with namespaces live and
 * complete, or as configured): the sink's writes, the as-of guard and the TTLs as a real server
 * applies them. Keys are fresh per run.
 */
@EnabledIfEnvironmentVariable(named = "AEROSPIKE_HOSTS", matches = ".+")
class RealAerospikeIT {
  final String run = UUID.randomUUID().toString().substring(0, 8);

  @AfterAll
  static void close() {
    AerospikeClients.closeAll();
  }

  @Test
  void writesGuardsAndTtlsOnARealCluster() throws Exception {
    DugoutConfig.Aerospike s = DugoutConfig.load(null, System.getenv()).aerospike();
    AerospikeSink sink = AerospikeSink.create(TestLakehouse.spark(), s);
    String match = "real-" + run;
    List<RankChange> newer = List.of(change(match, "a", 50, 1), change(match, "b", 50, 2));
    sink.write(new LiveSink.Refresh(match, 50, true), newer.iterator());
    PushStats before = sink.total();
    sink.write(new LiveSink.Refresh(match, 40, false),
        List.of(change(match, "a", 40, 5), change(match, "b", 40, 6)).iterator());
    assertThat(sink.total().minus(before).stale()).isEqualTo(3);
    try (LiveRanksReader reader = LiveRanksReader.connect(s)) {
      assertThat(reader.entry(s.liveNamespace(), match + "-a").orElseThrow().rank()).isEqualTo(1);
      assertThat(reader.userEntries(s.completeNamespace(), "u-" + run, match))
          .extracting(LiveRanksReader.EntryRank::rank).containsExactly(1, 2);
      Record complete = reader.client().get(null, new Key(s.completeNamespace(), s.entriesSet(),
          match + "-b"));
      assertThat(complete.getTimeToLive()).isBetween(s.completeTtlSeconds() - 120,
          s.completeTtlSeconds());
      Record live = reader.client().get(null, new Key(s.liveNamespace(), s.entriesSet(),
          match + "-b"));
      assertThat(live.getTimeToLive()).isBetween(s.liveTtlSeconds() - 120, s.liveTtlSeconds());
      assertThat(Map.of("failed", sink.total().failed())).containsEntry("failed", 0L);
    }
  }

  RankChange change(String match, String entry, int asOf, int rank) {
    return new RankChange(match, asOf, "c-" + run, match + "-" + entry, "t", "u-" + run,
        200L * (100 - rank), rank, 0);
  }
}
