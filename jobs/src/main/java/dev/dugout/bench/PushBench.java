package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;

import dev.dugout.lakehouse.DugoutConfig;
import dev.dugout.leaderboard.PlayerPointsHistory;
import dev.dugout.leaderboard.aerospike.AerospikeSink;
import dev.dugout.leaderboard.aerospike.PushStats;
import dev.dugout.leaderboard.live.LiveLeaderboard;
import dev.dugout.leaderboard.live.ForwardingLiveSink;
import dev.dugout.leaderboard.live.LiveSink;
import dev.dugout.leaderboard.live.RefreshResult;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.UserTeamsTable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout bench push}: live refreshes of a generated match day pushed to Aerospike through
 * the client (rank, then write the changed entries, their users' records and the changed contest
 * tops), against the baseline: the same refreshes writing every entry. Each series writes to sets
 * of its own, so the as-of guard never filters one series' writes out by another's. A regression
 * guard for the push, not a figure of a real cluster's speed when run against the dev server.
 */
public final class PushBench {
  private PushBench() {}

  /** @param refreshes refreshes measured per series, one over apart */
  public record Params(LeaderboardBench.Params day, int refreshes) {}

  public static List<BenchResult> run(SparkSession spark, Params p, DugoutConfig.Aerospike settings,
      String server, Path demoData, PrintStream out) {
    LeaderboardBench.prepare(spark, p.day(), demoData, out);
    PlayerPointsHistory points = LeaderboardBench.playerPoints(spark);
    String match = LeaderboardBench.MATCH;
    Dataset<Row> teams = spark.table(UserTeamsTable.DEFINITION.name())
        .where(col(UserTeamsTable.MATCH_ID).equalTo(match));
    Dataset<Row> entries = spark.table(ContestEntriesTable.DEFINITION.name())
        .where(col(ContestEntriesTable.MATCH_ID).equalTo(match));
    int first = Math.max(1, points.deliveries() - 6 * (p.refreshes() + 1));
    String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    out.println("measuring refreshes without a sink (ranking only), " + p.refreshes() + "...");
    Series rankOnly = series(spark, match, entries, teams, points, first, p.refreshes(),
        LiveSink.NONE, null);
    out.println("measuring the baseline: refreshes writing every entry, " + p.refreshes() + "...");
    AerospikeSink full = AerospikeSink.create(spark, sets(settings, "bf" + run));
    Series baseline = series(spark, match, entries, teams, points, first, p.refreshes(),
        new EveryEntry(full), full);
    out.println("measuring refreshes writing the changed entries, " + p.refreshes() + "...");
    AerospikeSink delta = AerospikeSink.create(spark, sets(settings, "bd" + run));
    Series changed = series(spark, match, entries, teams, points, first, p.refreshes(), delta,
        delta);

    Map<String, Object> params = new LinkedHashMap<>();
    params.put("entries", p.day().entries());
    params.put("mega", p.day().mega());
    params.put("users", p.day().users());
    params.put("refreshes", p.refreshes());
    params.put("server", server);
    params.put("batch_size", settings.batchSize());
    params.put("max_in_flight", settings.maxInFlight());
    params.put("cores", Runtime.getRuntime().availableProcessors());
    params.put("rank_only_median_s", round(rankOnly.measured().medianSeconds()));
    params.put("records_written_per_refresh", changed.written());
    params.put("skipped_share_per_refresh", changed.skippedShare());
    params.put("records_per_s", changed.recordsPerSecond(rankOnly));
    params.put("baseline_records_written_per_refresh", baseline.written());
    params.put("baseline_records_per_s", baseline.recordsPerSecond(rankOnly));
    params.put("latency_p50_ms", round(changed.total().p(50)));
    params.put("latency_p99_ms", round(changed.total().p(99)));
    // Records that did not reach the server make the figures meaningless: shown, never hidden.
    params.put("failed_or_deferred", changed.total().missed());
    params.put("baseline_failed_or_deferred", baseline.total().missed());
    if (changed.total().missed() + baseline.total().missed() > 0) {
      out.println("WARNING: " + (changed.total().missed() + baseline.total().missed())
          + " records failed or were deferred (timeouts on a slow server?): raise"
          + " aerospike.timeout-ms or lower aerospike.max-in-flight and run again");
    }
    return List.of(
        new BenchResult("push: live refresh to Aerospike, changed entries only (rank + write)",
            changed.measured().medianSeconds(), baseline.measured().medianSeconds(),
            changed.measured().peakRssMb(), params),
        new BenchResult("push baseline: live refresh writing every entry (rank + write)",
            baseline.measured().medianSeconds(), baseline.measured().medianSeconds(),
            baseline.measured().peakRssMb(), params));
  }

  /** One series of refreshes: their median, and what the sink pushed at each. */
  private record Series(Stopwatch.Measured measured, List<Long> written, List<Double> skippedShare,
      PushStats total) {
    /** Records per second of push: written records over the time beyond ranking alone. */
    long recordsPerSecond(Series rankOnly) {
      double pushSeconds = measured.medianSeconds() - rankOnly.measured().medianSeconds();
      List<Long> sorted = new ArrayList<>(written);
      sorted.sort(null);
      long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
      return pushSeconds <= 0 ? 0 : Math.round(median / pushSeconds);
    }
  }

  private static Series series(SparkSession spark, String match, Dataset<Row> entries,
      Dataset<Row> teams, PlayerPointsHistory points, int first, int refreshes,
      LiveSink sink, AerospikeSink counted) {
    try (LiveLeaderboard board = LiveLeaderboard.load(spark, match, entries, teams, null,
        points.pool(), new LiveLeaderboard.Layout(0, 0))) {
      board.refresh(first, points.after(first), false, sink);   // warm: every entry is new
      List<Long> written = new ArrayList<>();
      List<Double> skipped = new ArrayList<>();
      int[] asOf = {first};
      Stopwatch.Measured m = Stopwatch.measure(refreshes, () -> {
        asOf[0] += 6;
        RefreshResult r = board.refresh(asOf[0], points.after(asOf[0]), false, sink);
        if (counted != null) {
          written.add(counted.lastRefresh().written());
          skipped.add(round((double) counted.lastRefresh().skipped() / r.entries()));
        }
      });
      return new Series(m, written, skipped, counted == null ? PushStats.ZERO : counted.total());
    }
  }

  private static DugoutConfig.Aerospike sets(DugoutConfig.Aerospike s, String prefix) {
    return new DugoutConfig.Aerospike(s.hosts(), s.liveNamespace(), s.liveTtlSeconds(),
        s.completeNamespace(), s.completeTtlSeconds(), prefix + "_" + s.entriesSet(),
        prefix + "_" + s.contestTopSet(), prefix + "_" + s.userEntriesSet(), s.batchSize(),
        s.maxInFlight(), s.timeout(), s.maxAttempts(), s.backoff(), s.backoffMax(),
        s.breakerFailures(), s.breakerCoolDown(), s.finalDeadline());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** The baseline's sink: always asks for every entry, otherwise the same writes. */
  private static final class EveryEntry extends ForwardingLiveSink {
    EveryEntry(AerospikeSink sink) {
      super(sink);
    }

    @Override
    public boolean needsFullState() {
      return true;
    }
  }
}
