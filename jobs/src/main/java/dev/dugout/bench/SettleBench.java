package dev.dugout.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.leaderboard.BuildLeaderboardJob;
import dev.dugout.leaderboard.LeaderboardOptions;
import dev.dugout.settlement.SettleMatchJob;
import dev.dugout.settlement.SettleOptions;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.SettlementsTable;
import dev.dugout.tables.TableWrites;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout bench settle}: settling a generated match day (final leaderboard and a first
 * settlement made if missing), measured as (a) a settlement through the gate (payouts computed,
 * written with the ledger credits to an audit branch, audited, not published), and after a prize
 * correction of the mega contest (undone afterwards) (b) a rerun through the gate (diffed against
 * the published settlement, written with its corrections to an audit branch, audited, not
 * published) and (c) its {@code --dry-run}, against (d) tie-split payouts in plain Spark SQL
 * written the same way. Each figure's median, and its runs in order.
 */
public final class SettleBench {
  private SettleBench() {}

  public static List<BenchResult> run(SparkSession spark, LeaderboardBench.Params p, Path demoData,
      PrintStream out) {
    String match = LeaderboardBench.MATCH;
    LeaderboardBench.prepare(spark, p, demoData, out);
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("entries", p.entries());
    params.put("mega", p.mega());
    params.put("runs", p.runs());
    params.put("cores", Runtime.getRuntime().availableProcessors());
    int last = spark.table(DeliveriesTable.DEFINITION.name())
        .where(col(DeliveriesTable.MATCH_ID).equalTo(match))
        .agg(max(DeliveriesTable.DELIVERY_SEQ)).first().getInt(0);
    Dataset<Row> board = spark.table(LeaderboardTable.DEFINITION.name())
        .where(col(LeaderboardTable.MATCH_ID).equalTo(match)
            .and(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(last)));
    // A final board or settlement left by an earlier, smaller match day (the demo's) is stale.
    boolean stale = board.count() != p.entries()
        || !board.where(col(LeaderboardTable.TIED).isNull()).isEmpty();
    if (stale) {
      out.println("building the final leaderboard...");
      long t = System.nanoTime();
      out.println(BuildLeaderboardJob.run(spark, new LeaderboardOptions(match, null), out).summary());
      params.put("final_leaderboard_s", (System.nanoTime() - t) / 1e9);
    }
    boolean settled = SettleMatchJob.publishedSettlement(spark, match) != null;
    if (!settled || stale) {
      out.println("settling the match (published)...");
      long t = System.nanoTime();
      SettleOptions settle = settled
          ? new SettleOptions(match, true, "bench: new match day", "bench", true, false, null)
          : SettleOptions.first(match, "bench");
      out.println(SettleMatchJob.run(spark, settle, out).summary());
      params.put("first_settlement_s", (System.nanoTime() - t) / 1e9);
    }
    PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
    try (ScratchBranch branch = ScratchBranch.create(spark, "bench", PayoutsTable.DEFINITION)) {
      Dataset<Row> contests = spark.table(ContestsTable.DEFINITION.name())
          .where(col(ContestsTable.MATCH_ID).equalTo(match));
      Dataset<Row> prizes = spark.table(PrizeTablesTable.DEFINITION.name())
          .where(col(PrizeTablesTable.MATCH_ID).equalTo(match));
      out.println("measuring the baseline (plain Spark SQL payouts), " + p.runs() + " runs...");
      Stopwatch.Measured baseline = Stopwatch.measure(p.runs(), () -> TableWrites.append(
          BaselineSettlement.payouts(board, contests, prizes, match, "bench-baseline"),
          PayoutsTable.DEFINITION, branch.target(PayoutsTable.DEFINITION),
          TableWrites.IN_GIVEN_ORDER));
      out.println("measuring a settlement through the gate (computed, written to an audit branch,"
          + " audited, not published), " + p.runs() + " runs...");
      int[] run = {0};
      Map<String, List<Double>> stages = new LinkedHashMap<>();
      Stopwatch.Measured settle = Stopwatch.measure(p.runs(), () -> SettleMatchJob.auditOnly(
          spark, match, "bench_settle_" + System.currentTimeMillis() + "_" + run[0]++)
          .stageSeconds().forEach((stage, s) -> stages.computeIfAbsent(stage,
              k -> new java.util.ArrayList<>()).add(Math.round(s * 1000) / 1000.0)));
      params.put("settlement_stages", stages);
      // A correction to rerun for: the mega contest's first prizes raised by 100 minor units, which
      // changes what its top entries (and those tied with them) are paid. Undone afterwards.
      String mega = contests.orderBy(col(ContestsTable.MAX_ENTRIES).desc())
          .select(ContestsTable.PRIZE_TABLE_ID).first().getString(0);
      long prizesBefore = Lakehouse.icebergCatalog(spark)
          .loadTable(PrizeTablesTable.DEFINITION.identifier()).currentSnapshot().snapshotId();
      spark.sql("UPDATE " + PrizeTablesTable.DEFINITION.name() + " SET "
          + PrizeTablesTable.AMOUNT_MINOR + " = " + PrizeTablesTable.AMOUNT_MINOR + " + 100 WHERE "
          + PrizeTablesTable.PRIZE_TABLE_ID + " = '" + mega + "' AND " + PrizeTablesTable.RANK_FROM
          + " <= 100");
      Stopwatch.Measured diff;
      Stopwatch.Measured rerun;
      String[] said = {null};
      try {
        out.println("measuring a rerun's diff after a prize correction (--dry-run), " + p.runs()
            + " runs...");
        diff = Stopwatch.measure(p.runs(), () -> SettleMatchJob.run(spark,
            new SettleOptions(match, true, "benchmark", "bench", false, true, null), quiet));
        out.println("measuring a rerun after that correction through the gate (computed, diffed,"
            + " written with its corrections to an audit branch, audited, not published), "
            + p.runs() + " runs...");
        rerun = Stopwatch.measure(p.runs(), () -> said[0] = SettleMatchJob.run(spark,
            new SettleOptions(match, true, "benchmark", "bench", false, false, null), quiet)
            .summary());
      } finally {
        spark.sql("CALL " + Lakehouse.CATALOG + ".system.rollback_to_snapshot('"
            + PrizeTablesTable.DEFINITION.name() + "', " + prizesBefore + ")");
      }
      params.put("baseline_runs_s", baseline.runSeconds());
      params.put("settlement_runs_s", settle.runSeconds());
      params.put("rerun_runs_s", rerun.runSeconds());
      params.put("dry_run_runs_s", diff.runSeconds());
      params.put("rerun_correction", "prizes of ranks 1-100 of the mega contest +100");
      params.put("rerun_outcome", said[0]);
      return List.of(
          new BenchResult("settlement through the gate (compute, write, audit)",
              settle.medianSeconds(), baseline.medianSeconds(), settle.peakRssMb(), params),
          new BenchResult("settlement rerun after a correction, through the gate (audited)",
              rerun.medianSeconds(), baseline.medianSeconds(), rerun.peakRssMb(), params),
          new BenchResult("settlement rerun diff after a correction (--dry-run)",
              diff.medianSeconds(), baseline.medianSeconds(), diff.peakRssMb(), params),
          new BenchResult("settlement baseline: plain Spark SQL tie-split payouts, same write",
              baseline.medianSeconds(), baseline.medianSeconds(), baseline.peakRssMb(), params));
    }
  }
}
