package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.dugout.lakehouse.Futures;
import dev.dugout.lakehouse.SparkRows;
import dev.dugout.quality.QualityGateException;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quality.checks.ContestSettlementsChecks;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.quality.checks.WalletLedgerChecks;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.SettlementsTable;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.TableWrites;
import dev.dugout.tables.WalletLedgerTable;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;

/**
 * {@code dugout settle --match ID}: a completed match's payouts, refunds and wallet credits, through
 * the gate. The first settlement publishes; running it again with unchanged inputs changes nothing.
 * After a correction, {@code --rerun} recomputes on an audit branch, prints the diff against the
 * published settlement and, with {@code --publish}, publishes it with compensating ledger entries
 * (past ledger rows are never edited). Every settlement records the snapshots it read, so
 * {@code --reproduce ID} can recompute it later by time travel.
 */
public final class SettleMatchJob {
  static final int DIFF_LINES = 20;
  static final List<TableDefinition> WRITES = List.of(PayoutsTable.DEFINITION,
      ContestSettlementsTable.DEFINITION, WalletLedgerTable.DEFINITION);

  private SettleMatchJob() {}

  public static JobOutcome run(SparkSession spark, SettleOptions options, PrintStream out) {
    // A dry run promises to write nothing: not even its line in ops.job_runs.
    return JobRunner.run(spark, "settle", options.asMap(), !options.dryRun(),
        run -> options.reproduce() != null ? reproduce(run, options, out)
            : options.dryRun() ? execute(run, options, out, null) : held(run, options, out));
  }

  /**
   * A settlement that writes holds its match from before it reads the published settlement until
   * its record is written: two at once cannot both compare with the same published one.
   */
  private static JobOutcome held(JobRun run, SettleOptions o, PrintStream out) {
    addDeclaredColumns(run.spark());
    try (SettlementLock lock = SettlementLock.acquire(run.spark(), o.matchId(), run.runId(),
        o.operator())) {
      return execute(run, o, out, lock);
    }
  }

  private static JobOutcome execute(JobRun run, SettleOptions o, PrintStream out,
      SettlementLock lock) {
    SparkSession spark = run.spark();
    String id = run.runId();
    Row published = publishedSettlement(spark, o.matchId());
    if (o.rerun() && published == null) {
      throw new IllegalStateException("settle --rerun: match " + o.matchId() + " has no published"
          + " settlement to rerun; settle it first (dugout settle --match " + o.matchId() + ")");
    }
    long started = System.nanoTime();
    PayoutComputation.Computed computed = PayoutComputation.compute(run::readMain, o.matchId(), id);
    seconds(run, "plan_s", started);
    SettlementDiff diff = null;
    try {
      Map<String, Long> totals = null;
      // A rerun that writes diffs the payouts as written to its audit branch (below): they are
      // computed once, not once for the diff and again for the write.
      boolean writingRerun = o.rerun() && !o.dryRun();
      if (published != null && !writingRerun) {
        String publishedId = published.getAs(SettlementsTable.SETTLEMENT_ID);
        Dataset<Row> before = payoutsOf(spark, publishedId);
        diff = SettlementDiff.of(before, computed.payouts(),
            ContestSums.published(spark, publishedId, before).sums(),
            ContestSums.of(computed.payouts()));
        totals = totals(computed.accounts(id, o.matchId(), diff.recomputedSums(), Map.of()),
            computed);
        totals.put("entries_changed", diff.entriesChanged());
        totals.put("users_changed", diff.usersChanged());
        totals.put("paid_before", diff.totalBefore());
        totals.put("paid_after", diff.totalAfter());
        if (!o.rerun()) {
          if (!diff.isEmpty()) {
            diff.print(out, DIFF_LINES);
            throw new IllegalStateException("settle: match " + o.matchId() + " was settled by "
                + publishedId + " and its inputs have changed since (" + diff.entriesChanged()
                + " entries would be paid differently); review and publish the change with"
                + " `dugout settle --match " + o.matchId() + " --rerun --reason TEXT --operator NAME"
                + " --publish`");
          }
          record(run, o, publishedId, SettlementsTable.Status.UNCHANGED, totals, null,
              "already settled by " + publishedId + "; the inputs give the same payouts");
          return new JobOutcome(id, totals.get("entries"), 0, Map.of(), String.format(
              "settle: match %s is already settled by %s and nothing changed; run %s",
              o.matchId(), publishedId, id));
        }
        diff.print(out, DIFF_LINES);
        if (diff.isEmpty()) {
          return new JobOutcome(id, totals.get("entries"), 0, Map.of(), String.format(
              "settle --rerun: match %s gives the same payouts as %s; nothing to publish",
              o.matchId(), publishedId));
        }
        return new JobOutcome(id, totals.get("entries"), 0, Map.of(), String.format(
            "settle --rerun --dry-run: match %s, %d entries would change (%+d minor units);"
                + " nothing written", o.matchId(), diff.entriesChanged(),
            diff.totalAfter() - diff.totalBefore()));
      }
      String rerunOf = published == null ? null : published.getAs(SettlementsTable.SETTLEMENT_ID);
      boolean publish = !o.rerun() || o.publish();
      Map<String, Long> output;
      // Only appends, and only this match's rows, which no other run writes while it is held: a
      // settlement of another match published meanwhile does not make this one fail.
      try (WriteAuditPublish wap = WriteAuditPublish.beginAppends(spark, id, WRITES)) {
        long writing = System.nanoTime();
        Written written = writeToBranch(wap, computed, rerunOf, o.matchId(), id, out);
        seconds(run, "compute_and_write_s", writing);
        written.stageSeconds().forEach((stage, s) -> run.metric(stage,
            String.format(java.util.Locale.ROOT, "%.3f", s)));
        List<WriteAuditPublish.Audit> audits = written.audits();
        long auditing = System.nanoTime();
        totals = totals(written.accounts(), computed);
        diff = written.diff();
        if (diff != null) {
          totals.put("entries_changed", diff.entriesChanged());
          totals.put("users_changed", diff.usersChanged());
          totals.put("paid_before", diff.totalBefore());
          totals.put("paid_after", diff.totalAfter());
          if (diff.isEmpty()) {
            record(run, o, rerunOf, SettlementsTable.Status.UNCHANGED, totals, null,
                "rerun gives the same payouts as " + rerunOf + "; nothing to publish");
            return new JobOutcome(id, totals.get("entries"), 0, Map.of(), String.format(
                "settle --rerun: match %s gives the same payouts as %s; nothing to publish",
                o.matchId(), rerunOf));
          }
        }
        if (!publish) {
          wap.audit(audits);
          seconds(run, "audit_s", auditing);
          record(run, o, rerunOf, SettlementsTable.Status.AUDITED, totals, null,
              "passed the gate; not published (add --publish)");
          return new JobOutcome(id, totals.get("entries"), 0, Map.of(), String.format(
              "settle --rerun: match %s recomputed and audited, %d entries would change; not"
                  + " published (add --publish); run %s", o.matchId(), diff.entriesChanged(), id));
        }
        try {
          output = wap.auditAndPublish(audits);
          seconds(run, "audit_and_publish_s", auditing);
        } catch (QualityGateException e) {
          record(run, o, rerunOf, SettlementsTable.Status.FAILED, totals, null,
              "the gate failed: " + e.getMessage());
          throw e;
        } catch (RuntimeException e) {
          List<String> done = wap.publishedTables();
          String why;
          if (done.isEmpty()) {
            why = "publishing failed, nothing of " + id + " was published: " + e.getMessage();
          } else {
            // Part of it is on main: no other settlement of the match may run before an operator
            // has looked, so the hold stays.
            lock.keep();
            why = "publishing failed after " + done + " of " + WRITES.stream()
                .map(TableDefinition::name).toList() + " were published (" + e.getMessage()
                + "); match " + o.matchId() + " stays held by " + id + " until an operator has"
                + " completed or reverted it";
          }
          record(run, o, rerunOf, SettlementsTable.Status.FAILED, totals, null, why);
          throw new IllegalStateException("settle: " + why, e);
        }
      }
      keepInputs(spark, id, run.snapshotsRead());
      record(run, o, rerunOf, SettlementsTable.Status.PUBLISHED, totals, output, null);
      long ledgerRows = spark.read()
          .option("snapshot-id", output.get(WalletLedgerTable.DEFINITION.name()))
          .table(WalletLedgerTable.DEFINITION.name())
          .where(col(WalletLedgerTable.SETTLEMENT_ID).equalTo(id)).count();
      return new JobOutcome(id, totals.get("entries"), totals.get("entries") + ledgerRows, output,
          String.format("settle: match %s %s: %d entries, paid %d, refunded %d minor units, %d ledger"
                  + " row(s); settlement %s", o.matchId(), rerunOf == null ? "settled"
                  : "re-settled (replaces " + rerunOf + ")", totals.get("entries"),
              totals.get("paid"), totals.get("refunded"), ledgerRows, id));
    } finally {
      computed.release();
      if (diff != null) {
        diff.release();
      }
    }
  }

  /**
   * What a settlement wrote to its audit branch: the audits to run, the contests' accounts, and a
   * rerun's diff against the settlement it reruns (null for a first settlement; when empty, the
   * rerun wrote only its payouts, and has nothing to publish).
   */
  private record Written(List<WriteAuditPublish.Audit> audits, List<Row> accounts,
      Map<String, Double> stageSeconds, SettlementDiff diff) {}

  /** What {@link #auditOnly} did: the entries settled and each stage's seconds. */
  public record Staged(long entries, Map<String, Double> stageSeconds) {}

  /**
   * A settlement's full work without publishing: payouts computed, written with their ledger
   * credits to an audit branch, the gate run, the branch dropped. What a first settlement costs,
   * repeatable (the benchmark's figure).
   */
  public static Staged auditOnly(SparkSession spark, String matchId, String runId) {
    addDeclaredColumns(spark);
    Map<String, Double> stages = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    PayoutComputation.Computed computed = PayoutComputation.compute(
        def -> spark.table(def.name()), matchId, runId);
    try (WriteAuditPublish wap = WriteAuditPublish.begin(spark, runId, WRITES)) {
      long t1 = System.nanoTime();
      Written written = writeToBranch(wap, computed, null, matchId, runId, null);
      long t2 = System.nanoTime();
      wap.audit(written.audits());
      long t3 = System.nanoTime();
      stages.put("plan_s", (t1 - t0) / 1e9);
      stages.put("compute_and_write_s", (t2 - t1) / 1e9);
      stages.putAll(written.stageSeconds());
      stages.put("audit_s", (t3 - t2) / 1e9);
      wap.auditSeconds().forEach((table, seconds) -> stages.put("audit_" + table + "_s", seconds));
      return new Staged(totals(written.accounts(), computed).get("entries"), stages);
    } finally {
      computed.release();
    }
  }

  /**
   * Writes a settlement's payouts to the run's audit branch, then the contests' accounts from the
   * amounts tallied as the payouts were written. A first settlement's ledger credits are written in
   * the same pass as its payouts (each row paid or refunded makes one); the accounts are written on
   * a thread of their own while the payouts are read back for the gate, whose figures of the
   * payouts as written are then checked against the accounts.
   *
   * <p>A rerun of {@code rerunOf} reads back its payouts summed per contest in place, compares
   * those sums with the ones the published settlement's accounts recorded, diffs them (printed to
   * {@code out}), joining only the entries of contests whose sums differ, and then writes its
   * accounts and the diff's corrections.
   */
  private static Written writeToBranch(WriteAuditPublish wap, PayoutComputation.Computed computed,
      String rerunOf, String matchId, String settlementId, PrintStream out) {
    SparkSession spark = computed.ranked().sparkSession();
    // Written by the steps that run side by side.
    Map<String, Double> stages = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    long t0 = System.nanoTime();
    // In the order the final board is read, (contest, rank) within each of its files: no re-sort
    // of ten million rows before the write. The ledger unsorted too: a task-local sort by user
    // would leave every file spanning every user (no file is skipped for a user's query either
    // way) and costs a sort of millions of rows.
    // Per contest, the amount paid and the board's rank fingerprints (for the gate),
    // tallied as the payouts are computed: the accounts need not wait for the payouts to be read
    // back, nor the gate read the ten million rows of the board again. A task run twice would
    // count twice: the gate would then find the accounts or ranks off and publish nothing.
    CollectionAccumulator<long[]> tallied = spark.sparkContext()
        .collectionAccumulator("settle-tallies-" + settlementId);
    if (rerunOf == null) {
      TableWrites.appendColumnar(spark, computed.rows(Instant.now(), tallied).rdd(),
          PayoutRows.WITH_CREDITS,
          List.of(new TableWrites.Into(PayoutsTable.DEFINITION,
                  wap.branchTable(PayoutsTable.DEFINITION), null),
              new TableWrites.Into(WalletLedgerTable.DEFINITION,
                  wap.branchTable(WalletLedgerTable.DEFINITION), WalletLedgerTable.LEDGER_ID)));
    } else {
      TableWrites.appendColumnar(spark, computed.rows(null, tallied).rdd(), PayoutRows.PAYOUTS,
          List.of(new TableWrites.Into(PayoutsTable.DEFINITION,
              wap.branchTable(PayoutsTable.DEFINITION), null)));
    }
    long t1 = System.nanoTime();
    stages.put(rerunOf == null ? "payouts_and_ledger_write_s" : "payouts_write_s", (t1 - t0) / 1e9);
    ContestSums.Tallied tallies = computed.tallies(tallied);
    List<Row> accounts = computed.accounts(settlementId, matchId, tallies.sums(),
        tallies.blocks());
    Dataset<Row> board = computed.boardFigures(tallies.sums());
    Column scope = col(PayoutsTable.SETTLEMENT_ID).equalTo(settlementId);
    Dataset<Row> payouts = wap.read(PayoutsTable.DEFINITION)
        .where(col(PayoutsTable.MATCH_ID).equalTo(matchId).and(scope));
    StructType figures = PayoutsChecks.paidFigures(payouts).schema();
    Runnable writeAccounts = () -> {
      long started = System.nanoTime();
      // The accounts come in contest order, all of one settlement: already in the table's
      // sort order, so Spark need not sample and sort them again.
      TableWrites.append(SparkRows.distributed(spark, accounts,
              new RowBuilder(ContestSettlementsTable.DEFINITION).sparkSchema()),
          ContestSettlementsTable.DEFINITION,
          wap.branchTable(ContestSettlementsTable.DEFINITION), TableWrites.IN_GIVEN_ORDER);
      stages.put("accounts_write_s", (System.nanoTime() - started) / 1e9);
    };
    List<Row> perContest;
    SettlementDiff diff = null;
    if (rerunOf == null) {
      // Writing the accounts is mostly the driver's planning and commit; reading the payouts back
      // is the executors' scan: each goes on while the other waits.
      perContest = Futures.alongside("settle-accounts-" + settlementId, () -> {
        writeAccounts.run();
        return null;
      }, () -> readBack(payouts, stages)).main();
    } else {
      // The published side as its accounts recorded it: no scan of its ten million payouts.
      Dataset<Row> before = payoutsOf(spark, rerunOf);
      Futures.Both<ContestSums.Tallied, List<Row>> both = Futures.alongside(
          "settle-published-" + settlementId, () -> ContestSums.published(spark, rerunOf, before),
          () -> readBack(payouts, stages));
      long started = System.nanoTime();
      perContest = both.main();
      diff = SettlementDiff.of(before, payouts, both.side().sums(),
          ContestSums.ofFigures(perContest), both.side().blocks(), tallies.blocks());
      diff.print(out, DIFF_LINES);
      stages.put("diff_s", (System.nanoTime() - started) / 1e9);
      if (diff.isEmpty()) {
        return new Written(List.of(), accounts, stages, diff);
      }
      SettlementDiff changes = diff;
      Futures.alongside("settle-accounts-" + settlementId, () -> {
        writeAccounts.run();
        return null;
      }, () -> {
        // A change of ranks alone moves no money: no ledger rows, and none to audit.
        if (changes.paymentsChanged() > 0) {
          long writing = System.nanoTime();
          TableWrites.append(corrections(changes, matchId, settlementId),
              WalletLedgerTable.DEFINITION, wap.branchTable(WalletLedgerTable.DEFINITION),
              TableWrites.COLUMNAR);
          stages.put("ledger_write_s", (System.nanoTime() - writing) / 1e9);
        }
        return null;
      });
    }
    boolean ledgerWritten = diff == null || diff.paymentsChanged() > 0;
    Dataset<Row> paid = SparkRows.distributed(spark, perContest, figures);
    List<WriteAuditPublish.Audit> audits = new java.util.ArrayList<>(List.of(
        new WriteAuditPublish.Audit(new PayoutsChecks(matchId, settlementId,
            new PayoutsChecks.Figures(paid, computed.entryFigures(), board)), scope),
        new WriteAuditPublish.Audit(new ContestSettlementsChecks(), scope)));
    if (ledgerWritten) {
      audits.add(new WriteAuditPublish.Audit(new WalletLedgerChecks(), scope));
    }
    return new Written(audits, accounts, stages, diff);
  }

  /** The payouts as written, per contest ({@link PaidFigures}), timed. */
  private static List<Row> readBack(Dataset<Row> payouts, Map<String, Double> stages) {
    long started = System.nanoTime();
    List<Row> perContest = PaidFigures.of(payouts);
    stages.put("payouts_read_back_s", (System.nanoTime() - started) / 1e9);
    return perContest;
  }

  /** Recomputes a settlement from the snapshots it recorded and compares it with what it wrote. */
  private static JobOutcome reproduce(JobRun run, SettleOptions o, PrintStream out) {
    SparkSession spark = run.spark();
    List<Row> rows = spark.table(SettlementsTable.DEFINITION.name())
        .where(col(SettlementsTable.SETTLEMENT_ID).equalTo(o.reproduce())
            .and(col(SettlementsTable.STATUS).equalTo(SettlementsTable.Status.PUBLISHED.name())))
        .collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("settle --reproduce: no published settlement "
          + o.reproduce() + " in " + SettlementsTable.DEFINITION.name());
    }
    Map<String, Long> snapshots = rows.get(0).getJavaMap(
        rows.get(0).fieldIndex(SettlementsTable.INPUT_SNAPSHOTS));
    Function<TableDefinition, Dataset<Row>> asRecorded = def -> {
      Long snapshot = snapshots.get(def.name());
      if (snapshot == null) {
        throw new IllegalStateException("settlement " + o.reproduce() + " recorded no snapshot of "
            + def.name());
      }
      return snapshot < 0 ? spark.table(def.name()).limit(0)
          : spark.read().option("snapshot-id", snapshot).table(def.name());
    };
    String matchId = rows.get(0).getAs(SettlementsTable.MATCH_ID);
    if (!matchId.equals(o.matchId())) {
      throw new IllegalArgumentException("settle --reproduce: settlement " + o.reproduce()
          + " settled match " + matchId + ", not " + o.matchId());
    }
    PayoutComputation.Computed again = PayoutComputation.compute(asRecorded, matchId, o.reproduce());
    try {
      Dataset<Row> stored = payoutsOf(spark, o.reproduce());
      long missing = stored.exceptAll(again.payouts()).count();
      long extra = again.payouts().exceptAll(stored).count();
      long entries = stored.count();
      if (missing + extra > 0) {
        throw new IllegalStateException("settle --reproduce: settlement " + o.reproduce()
            + " does not reproduce from its snapshots " + snapshots + ": " + missing + " stored row(s)"
            + " not recomputed, " + extra + " recomputed row(s) not stored");
      }
      return new JobOutcome(run.runId(), entries, 0, Map.of(), String.format(
          "settle --reproduce: settlement %s of match %s recomputed from snapshots %s: all %d"
              + " payout rows identical", o.reproduce(), matchId, snapshots, entries));
    } finally {
      again.release();
    }
  }

  /** The latest published settlement of the match, or null. */
  public static Row publishedSettlement(SparkSession spark, String matchId) {
    List<Row> rows = spark.table(SettlementsTable.DEFINITION.name())
        .where(col(SettlementsTable.MATCH_ID).equalTo(matchId)
            .and(col(SettlementsTable.STATUS).equalTo(SettlementsTable.Status.PUBLISHED.name())))
        .orderBy(col(SettlementsTable.ENDED_AT).desc()).limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  public static Dataset<Row> payoutsOf(SparkSession spark, String settlementId) {
    return spark.table(PayoutsTable.DEFINITION.name())
        .where(col(PayoutsTable.SETTLEMENT_ID).equalTo(settlementId));
  }

  private static Map<String, Long> totals(List<Row> accounts, PayoutComputation.Computed c) {
    String[] names = {"entries", "paid", "refunded", "tie_remainder", "scaling_remainder",
        "shortfall"};
    String[] columns = {ContestSettlementsTable.ENTRIES, ContestSettlementsTable.PAID_MINOR,
        ContestSettlementsTable.REFUNDED_MINOR, ContestSettlementsTable.TIE_REMAINDER_MINOR,
        ContestSettlementsTable.SCALING_REMAINDER_MINOR, ContestSettlementsTable.SHORTFALL_MINOR};
    Map<String, Long> totals = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      long sum = 0;
      for (Row a : accounts) {
        sum += ((Number) a.getAs(columns[i])).longValue();
      }
      totals.put(names[i], sum);
    }
    totals.put("contests", (long) accounts.size());
    totals.put("board_as_of", (long) c.boardAsOf());
    return totals;
  }

  /**
   * A rerun's ledger: one correction per entry whose amount changed, by the difference. An entry
   * now paid to another user or in another currency gets two: the published credit taken back from
   * whom it went to ({@code .../CORRECTION-REVERSAL}), and the new one to whom it goes. An entry
   * whose rank alone changed moves no money.
   */
  static Dataset<Row> corrections(SettlementDiff diff, String matchId, String settlementId) {
    String kind = WalletLedgerTable.Kind.CORRECTION.name();
    return diff.moves().select(
        concat_ws("/", lit(settlementId), col(PayoutsTable.ENTRY_ID),
            when(col(SettlementDiff.REVERSAL), lit(kind + "-REVERSAL")).otherwise(lit(kind)))
            .as(WalletLedgerTable.LEDGER_ID),
        col(PayoutsTable.USER_ID).as(WalletLedgerTable.USER_ID),
        lit(matchId).as(WalletLedgerTable.MATCH_ID), col(PayoutsTable.CONTEST_ID),
        col(PayoutsTable.ENTRY_ID), lit(settlementId).as(WalletLedgerTable.SETTLEMENT_ID),
        lit(kind).as(WalletLedgerTable.KIND),
        col(SettlementDiff.DELTA).as(WalletLedgerTable.AMOUNT_MINOR),
        col(PayoutsTable.CURRENCY).as(WalletLedgerTable.CURRENCY),
        lit(Timestamp.from(Instant.now())).as(WalletLedgerTable.CREATED_AT));
  }

  /**
   * A stage's seconds since {@code started}, kept with the run: its row in {@code ops.job_runs}
   * (whose run id is the settlement id) holds them as {@code metric.<stage>}.
   */
  private static void seconds(JobRun run, String stage, long started) {
    run.metric(stage, String.format(java.util.Locale.ROOT, "%.3f",
        (System.nanoTime() - started) / 1e9));
  }

  /**
   * Columns declared after a lakehouse was made (the accounts' fingerprints) are added to the
   * tables a settlement writes, as {@code dugout tables create} would: the one migration done
   * without asking, since older rows read them as null.
   */
  private static void addDeclaredColumns(SparkSession spark) {
    org.apache.iceberg.catalog.Catalog catalog =
        dev.dugout.lakehouse.Lakehouse.icebergCatalog(spark);
    WRITES.forEach(def -> dev.dugout.tables.TableDdl.create(catalog, def));
  }

  /** The tag that keeps a published settlement's inputs: {@code settlement_<id>}. */
  static String inputTag(String settlementId) {
    return "settlement_" + settlementId.replaceAll("[^A-Za-z0-9_]", "_");
  }

  /**
   * Tags each input snapshot a published settlement read, so that expiring old snapshots (see
   * {@code dugout maintain}) never removes what {@code --reproduce} needs: a tag keeps its
   * snapshot, and the files it holds, for as long as the tag is there.
   */
  private static void keepInputs(SparkSession spark, String settlementId,
      Map<String, Long> snapshots) {
    org.apache.iceberg.catalog.Catalog catalog =
        dev.dugout.lakehouse.Lakehouse.icebergCatalog(spark);
    snapshots.forEach((table, snapshot) -> {
      if (snapshot >= 0) {
        catalog.loadTable(org.apache.iceberg.catalog.TableIdentifier.parse(table)).manageSnapshots()
            .createTag(inputTag(settlementId), snapshot).commit();
      }
    });
  }

  private static void record(JobRun run, SettleOptions o, String rerunOf,
      SettlementsTable.Status status, Map<String, Long> totals, Map<String, Long> output,
      String message) {
    RowBuilder row = new RowBuilder(SettlementsTable.DEFINITION)
        .set(SettlementsTable.SETTLEMENT_ID, run.runId())
        .set(SettlementsTable.MATCH_ID, o.matchId())
        .set(SettlementsTable.OPERATOR, o.operator())
        .set(SettlementsTable.REASON, o.reason())
        .set(SettlementsTable.RERUN_OF, rerunOf)
        .set(SettlementsTable.INPUT_SNAPSHOTS, run.snapshotsRead())
        .set(SettlementsTable.OUTPUT_SNAPSHOTS, output)
        .set(SettlementsTable.STATUS, status.name())
        .set(SettlementsTable.TOTALS, totals)
        .set(SettlementsTable.STARTED_AT, Timestamp.from(run.startedAt()))
        .set(SettlementsTable.ENDED_AT, Timestamp.from(Instant.now()))
        .set(SettlementsTable.MESSAGE, message);
    TableWrites.append(run.spark().createDataFrame(List.of(row.build()), row.sparkSchema()),
        SettlementsTable.DEFINITION);
  }
}
