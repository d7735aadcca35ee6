package dev.dugout.settlement;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.contests.GenerateOptions;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.leaderboard.BuildLeaderboardJob;
import dev.dugout.leaderboard.LeaderboardOptions;
import dev.dugout.quality.DeequRunner;
import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.runs.JobOutcome;
import dev.dugout.scoring.ScoreMatchJob;
import dev.dugout.scoring.ScoreMatchOptions;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestSettlementsTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.LeaderboardTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.SettlementsTable;
import dev.dugout.tables.TableDefinition;
import dev.dugout.tables.WalletLedgerTable;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Settlement of a generated match day on a real match, end to end through the tables: the first
 * settlement, a repeat that changes nothing, a scoring correction rerun (dry run, audit only, two
 * concurrent publishes), the ledger that always adds up to the payouts of record, and the first
 * settlement reproduced from its snapshots after all that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementIT {
  static final String MATCH = "1370353";
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static SparkSession spark;
  static JobOutcome first;

  @BeforeAll
  static void settleOnce() {
    spark = TestLakehouse.spark();
    TestLakehouse.matchDay(new GenerateOptions(MATCH, 300, 1_500, 300, 7));
    BuildLeaderboardJob.run(spark, new LeaderboardOptions(MATCH, null), QUIET);
    first = SettleMatchJob.run(spark, SettleOptions.first(MATCH, "ops-alice"), QUIET);
  }

  static long count(String table) {
    return spark.table(table).count();
  }

  /** Per entry of the match, the sum of every ledger row ever written for it. */
  static Map<String, Long> ledgerByEntry() {
    Map<String, Long> m = new HashMap<>();
    for (Row r : spark.table(WalletLedgerTable.DEFINITION.name())
        .where(col(WalletLedgerTable.MATCH_ID).equalTo(MATCH))
        .groupBy(WalletLedgerTable.ENTRY_ID).sum(WalletLedgerTable.AMOUNT_MINOR)
        .collectAsList()) {
      m.put(r.getString(0), r.getLong(1));
    }
    return m;
  }

  static Map<String, Long> payoutsOfRecord() {
    String id = SettleMatchJob.publishedSettlement(spark, MATCH).getAs(SettlementsTable.SETTLEMENT_ID);
    Map<String, Long> m = new HashMap<>();
    for (Row r : SettleMatchJob.payoutsOf(spark, id).collectAsList()) {
      m.put(r.getAs(PayoutsTable.ENTRY_ID), r.getAs(PayoutsTable.AMOUNT_MINOR));
    }
    return m;
  }

  static void assertLedgerMatchesThePayoutsOfRecord() {
    Map<String, Long> ledger = ledgerByEntry();
    Map<String, Long> payouts = payoutsOfRecord();
    for (var p : payouts.entrySet()) {
      assertThat(ledger.getOrDefault(p.getKey(), 0L)).as("ledger total of entry %s", p.getKey())
          .isEqualTo(p.getValue());
    }
    assertThat(payouts.keySet()).containsAll(ledger.keySet());
  }

  @Test
  @Order(1)
  void theFirstSettlementPaysEveryEntryOnceAndTheMoneyAddsUp() {
    long entries = count(ContestEntriesTable.DEFINITION.name());
    Dataset<Row> payouts = SettleMatchJob.payoutsOf(spark, first.runId());
    assertThat(payouts.count()).isEqualTo(entries);
    assertThat(payouts.select(PayoutsTable.ENTRY_ID).distinct().count()).isEqualTo(entries);
    Row sums = spark.table(ContestSettlementsTable.DEFINITION.name())
        .agg(org.apache.spark.sql.functions.sum(ContestSettlementsTable.PAID_MINOR),
            org.apache.spark.sql.functions.sum(ContestSettlementsTable.REFUNDED_MINOR)).first();
    long paidAndRefunded = payouts.agg(org.apache.spark.sql.functions.sum(PayoutsTable.AMOUNT_MINOR))
        .first().getLong(0);
    assertThat(sums.getLong(0) + sums.getLong(1)).isEqualTo(paidAndRefunded);
    // Each account records who its payouts pay and at which ranks, as Spark SQL fingerprints them.
    List<Row> expected = payouts.groupBy(PayoutsTable.CONTEST_ID).agg(
        org.apache.spark.sql.functions.expr(
            "sum(shiftrightunsigned(xxhash64(entry_id, user_id, amount_minor, currency), 24))"),
        org.apache.spark.sql.functions.expr(
            "sum(shiftrightunsigned(xxhash64(entry_id, rank), 24))")).collectAsList();
    assertThat(expected).hasSizeGreaterThan(10);
    assertThat(spark.table(ContestSettlementsTable.DEFINITION.name())
        .where(col(ContestSettlementsTable.SETTLEMENT_ID).equalTo(first.runId()))
        .select(ContestSettlementsTable.CONTEST_ID, ContestSettlementsTable.PAYOUT_FINGERPRINT,
            ContestSettlementsTable.RANK_FINGERPRINT).collectAsList())
        .containsExactlyInAnyOrderElementsOf(expected);
    // The one contest of 256 entries or more (c0, 300: 100 blocks of 3 ranks) records its blocks.
    long[] blocks = new long[100];
    for (Row r : payouts.where(col(PayoutsTable.CONTEST_ID).equalTo(MATCH + "-c0"))
        .groupBy(org.apache.spark.sql.functions.expr("(rank - 1) div 3"))
        .agg(org.apache.spark.sql.functions.expr("sum(shiftrightunsigned(xxhash64(entry_id,"
            + " user_id, amount_minor, currency), 24)"
            + " + shiftrightunsigned(xxhash64(entry_id, rank), 24))"))
        .collectAsList()) {
      blocks[(int) r.getLong(0)] = r.getLong(1);
    }
    Map<String, long[]> recorded = ContestSums.published(spark, first.runId(), payouts).blocks();
    assertThat(recorded).containsOnlyKeys(MATCH + "-c0");
    assertThat(recorded.get(MATCH + "-c0")).containsExactly(blocks);
    // The generated day (seed 7) has under-filled contests: cancelled, every entry refunded.
    long underfilled = spark.table(ContestEntriesTable.DEFINITION.name())
        .groupBy(ContestEntriesTable.CONTEST_ID).count()
        .join(spark.table(ContestsTable.DEFINITION.name()), ContestEntriesTable.CONTEST_ID)
        .where(col("count").lt(col(ContestsTable.MIN_ENTRIES)))
        .agg(org.apache.spark.sql.functions.sum("count")).first().getLong(0);
    assertThat(underfilled).isPositive();
    assertThat(payouts.where(col(PayoutsTable.REASON).equalTo("REFUND_UNDERFILLED")).count())
        .isEqualTo(underfilled);
    assertThat(payouts.where(col(PayoutsTable.REASON).equalTo("WINNING")).count()).isPositive();
    assertLedgerMatchesThePayoutsOfRecord();
    Row s = SettleMatchJob.publishedSettlement(spark, MATCH);
    assertThat(s.<String>getAs(SettlementsTable.OPERATOR)).isEqualTo("ops-alice");
    assertThat(s.<String, Long>getJavaMap(s.fieldIndex(SettlementsTable.INPUT_SNAPSHOTS)))
        .containsKeys("gold.leaderboard", "core.contest_entries", "core.contests",
            "core.prize_tables", "core.matches");
    // Its stages' timings, with its run in ops.job_runs (the same id).
    Row job = spark.table("ops.job_runs").where(col("run_id").equalTo(first.runId())).first();
    Map<String, String> options = job.getJavaMap(job.fieldIndex("options"));
    for (String stage : List.of("plan_s", "compute_and_write_s", "payouts_and_ledger_write_s",
        "payouts_read_back_s", "accounts_write_s", "audit_and_publish_s")) {
      assertThat(Double.parseDouble(options.get("metric." + stage))).as(stage).isPositive();
    }
  }

  @Test
  @Order(2)
  void settlingAgainWithTheSameInputsChangesNothing() {
    long payouts = count(PayoutsTable.DEFINITION.name());
    long ledger = count(WalletLedgerTable.DEFINITION.name());
    JobOutcome again = SettleMatchJob.run(spark, SettleOptions.first(MATCH, "ops-bob"), QUIET);
    assertThat(again.summary()).contains("already settled by " + first.runId(), "nothing changed");
    assertThat(count(PayoutsTable.DEFINITION.name())).isEqualTo(payouts);
    assertThat(count(WalletLedgerTable.DEFINITION.name())).isEqualTo(ledger);
  }

  /** A scoring correction: a delivery's runs were wrong; re-score and re-rank the match. */
  static void correctTheScore() {
    spark.sql("UPDATE " + DeliveriesTable.DEFINITION.name() + " SET runs_batter = 6"
        + " WHERE match_id = '" + MATCH + "' AND delivery_seq IN (3, 4, 5)");
    ScoreMatchJob.run(spark, new ScoreMatchOptions(List.of(MATCH), "t20-2026"), QUIET);
    BuildLeaderboardJob.run(spark, new LeaderboardOptions(MATCH, null), QUIET);
  }

  @Test
  @Order(3)
  void afterACorrectionAPlainSettleRefusesAndADryRunWritesNothing() {
    correctTheScore();
    assertThatThrownBy(() -> SettleMatchJob.run(spark, SettleOptions.first(MATCH, "ops-bob"), QUIET))
        .hasMessageContaining("was settled by " + first.runId())
        .hasMessageContaining("--rerun --reason");
    Map<String, String> tables = everyTablesMetadata();
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    JobOutcome dry = SettleMatchJob.run(spark, new SettleOptions(MATCH, true, "runs fixed", "ops-bob",
        false, true, null), new PrintStream(shown));
    assertThat(dry.summary()).contains("nothing written");
    assertThat(shown.toString()).contains("diff against the published settlement", "by user:");
    // Not a commit anywhere: no snapshot, branch, property or ops.job_runs row.
    assertThat(everyTablesMetadata()).isEqualTo(tables);
  }

  /** Each table of the lakehouse and its current metadata file: any commit changes it. */
  static Map<String, String> everyTablesMetadata() {
    org.apache.iceberg.catalog.Catalog catalog =
        dev.dugout.lakehouse.Lakehouse.icebergCatalog(spark);
    Map<String, String> files = new java.util.TreeMap<>();
    for (org.apache.iceberg.catalog.Namespace ns : ((org.apache.iceberg.catalog.SupportsNamespaces)
        catalog).listNamespaces()) {
      for (org.apache.iceberg.catalog.TableIdentifier id : catalog.listTables(ns)) {
        files.put(id.toString(), ((org.apache.iceberg.HasTableOperations) catalog.loadTable(id))
            .operations().refresh().metadataFileLocation());
      }
    }
    assertThat(files).containsKeys(PayoutsTable.DEFINITION.name(), "ops.job_runs");
    return files;
  }

  @Test
  @Order(4)
  void aRerunWithoutPublishIsAuditedButNotPublished() {
    long ledger = count(WalletLedgerTable.DEFINITION.name());
    JobOutcome audited = SettleMatchJob.run(spark, new SettleOptions(MATCH, true, "runs fixed",
        "ops-bob", false, false, null), QUIET);
    assertThat(audited.summary()).contains("not published");
    assertThat(count(WalletLedgerTable.DEFINITION.name())).isEqualTo(ledger);
    assertThat(SettleMatchJob.publishedSettlement(spark, MATCH).<String>getAs(
        SettlementsTable.SETTLEMENT_ID)).isEqualTo(first.runId());
  }

  @Test
  @Order(5)
  void twoConcurrentPublishingRerunsPublishExactlyOnce() throws Exception {
    Map<String, Long> before = payoutsOfRecord();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    Callable<JobOutcome> rerun = () -> SettleMatchJob.run(spark, new SettleOptions(MATCH, true,
        "runs fixed", "ops-carol", true, false, null), QUIET);
    List<Future<JobOutcome>> runs = List.of(pool.submit(rerun), pool.submit(rerun));
    List<String> failures = new ArrayList<>();
    int published = 0;
    for (Future<JobOutcome> f : runs) {
      try {
        f.get();
        published++;
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(String.valueOf(e.getCause().getMessage()));
      }
    }
    pool.shutdown();
    assertThat(published).isEqualTo(1);
    assertThat(failures).singleElement().asString()
        .contains("match " + MATCH + " is being settled by settle-", "nothing was settled");
    Row record = SettleMatchJob.publishedSettlement(spark, MATCH);
    assertThat(record.<String>getAs(SettlementsTable.RERUN_OF)).isEqualTo(first.runId());
    assertThat(spark.table(SettlementsTable.DEFINITION.name())
        .where(col(SettlementsTable.STATUS).equalTo("PUBLISHED")).count()).isEqualTo(2);
    assertThat(SettlementLock.holder(spark, MATCH)).isNull();
    Map<String, Long> after = payoutsOfRecord();
    assertThat(after).isNotEqualTo(before);
    // The ledger was never edited: it still holds the first credits, and the corrections on top
    // add up, entry by entry, to the payouts now of record.
    assertThat(spark.table(WalletLedgerTable.DEFINITION.name())
        .where(col(WalletLedgerTable.SETTLEMENT_ID).equalTo(first.runId())).count())
        .isEqualTo(before.values().stream().filter(v -> v > 0).count());
    assertLedgerMatchesThePayoutsOfRecord();
  }

  @Test
  @Order(6)
  void theFirstSettlementStillReproducesFromItsSnapshots() {
    // Its board was rebuilt since (the correction); expire every snapshot of its inputs that no
    // tag keeps, as maintenance would once they are old.
    Row recorded = spark.table(SettlementsTable.DEFINITION.name())
        .where(col(SettlementsTable.SETTLEMENT_ID).equalTo(first.runId())).first();
    Map<String, Long> read =
        recorded.getJavaMap(recorded.fieldIndex(SettlementsTable.INPUT_SNAPSHOTS));
    for (String table : read.keySet()) {
      spark.sql("CALL " + dev.dugout.lakehouse.Lakehouse.CATALOG
          + ".system.expire_snapshots(table => '" + table + "', older_than =>"
          + " TIMESTAMP '2999-01-01 00:00:00', retain_last => 1)");
      assertThat(spark.sql("SELECT snapshot_id FROM " + table + ".snapshots").collectAsList())
          .extracting(r -> r.getLong(0)).contains(read.get(table));
    }
    JobOutcome again = SettleMatchJob.run(spark, new SettleOptions(MATCH, false, null, "auditor",
        false, false, first.runId()), QUIET);
    assertThat(again.summary()).contains("all " + count(ContestEntriesTable.DEFINITION.name())
        + " payout rows identical");
  }

  @Test
  @Order(6)
  void aSettlementIsReproducedOnlyUnderItsOwnMatch() {
    assertThatThrownBy(() -> SettleMatchJob.run(spark, new SettleOptions("1370352", false, null,
        "auditor", false, false, first.runId()), QUIET))
        .hasMessageContaining("settlement " + first.runId() + " settled match " + MATCH
            + ", not 1370352");
  }

  @Test
  @Order(7)
  void aMatchWithoutItsFinalLeaderboardIsRefusedWithTheCommandToRun() {
    // IPL 2023's Qualifier 2, imported with no leaderboard built: nothing to pay from.
    String other = "1370352";
    ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
        List.of(DemoData.match(other).toString())), QUIET);
    long payouts = count(PayoutsTable.DEFINITION.name());
    assertThatThrownBy(() -> SettleMatchJob.run(spark, SettleOptions.first(other, "ops-alice"),
        QUIET))
        .hasMessageContaining("match " + other + " needs its final leaderboard")
        .hasMessageContaining("the latest board is as of none")
        .hasMessageContaining("dugout leaderboard --match " + other);
    assertThat(count(PayoutsTable.DEFINITION.name())).isEqualTo(payouts);
  }

  @Test
  @Order(9)
  void aMatchTheFeedAbandonedRefundsEveryEntryAndOneStillLiveIsRefused() {
    // IPL 2023's Qualifier 2 (imported by the test before) as if it had been abandoned: its
    // result never imported, its contests joined, the feed saying LIVE, then ABANDONED.
    String other = "1370352";
    dev.dugout.contests.GenerateMatchDayJob.run(spark, new GenerateOptions(other, 40, 120, 20, 3),
        QUIET);
    spark.sql("DELETE FROM " + dev.dugout.tables.MatchesTable.DEFINITION.name()
        + " WHERE match_id = '" + other + "'");
    announce(other, "LIVE", "2023-05-26T14:00:00Z");
    assertThatThrownBy(() -> SettleMatchJob.run(spark, SettleOptions.first(other, "ops-alice"),
        QUIET)).hasMessageContaining("match " + other + " is not in core.matches and its latest"
            + " status in core.match_status is LIVE");
    announce(other, "ABANDONED", "2023-05-26T16:30:00Z");
    JobOutcome refunded = SettleMatchJob.run(spark, SettleOptions.first(other, "ops-alice"), QUIET);
    // Every entry gets its fee back: the entries joined with their contests' fees, by SQL.
    Row fees = spark.sql("SELECT count(*), sum(c.entry_fee_minor) FROM core.contest_entries e"
        + " JOIN core.contests c ON e.contest_id = c.contest_id WHERE e.match_id = '" + other
        + "'").first();
    Dataset<Row> payouts = SettleMatchJob.payoutsOf(spark, refunded.runId());
    assertThat(fees.getLong(0)).isPositive();
    assertThat(payouts.count()).isEqualTo(fees.getLong(0));
    assertThat(payouts.where(col(PayoutsTable.REASON).notEqual("REFUND_NO_RESULT")).count())
        .isZero();
    assertThat(payouts.agg(org.apache.spark.sql.functions.sum(PayoutsTable.AMOUNT_MINOR)).first()
        .getLong(0)).isEqualTo(fees.getLong(1));
  }

  @Test
  @Order(10)
  void aRerunWhereOnlyARankChangesPublishesItWithoutMovingMoney() {
    // The final board corrected for two entries tied for a rank that wins nothing: the tie is
    // broken (r, r+1), their payouts stay 0.
    int asOf = spark.sql("SELECT max(as_of_delivery) FROM gold.leaderboard WHERE match_id = '"
        + MATCH + "'").first().getInt(0);
    Row pair = spark.sql("SELECT b.contest_id, b.rank, min(b.entry_id), max(b.entry_id)"
        + " FROM gold.leaderboard b JOIN gold.payouts p ON p.entry_id = b.entry_id"
        + " WHERE b.match_id = '" + MATCH + "' AND b.as_of_delivery = " + asOf + " AND b.tied = 2"
        + " AND p.settlement_id = '" + payoutsOfRecordId() + "' AND p.reason = 'NO_PRIZE'"
        + " GROUP BY b.contest_id, b.rank HAVING count(*) = 2 ORDER BY 1, 2 LIMIT 1").first();
    String board = "UPDATE gold.leaderboard SET %s WHERE match_id = '" + MATCH
        + "' AND as_of_delivery = " + asOf + " AND entry_id = '%s'";
    int rank = pair.getInt(1);
    spark.sql(String.format(board, "tied = 1", pair.getString(2)));
    spark.sql(String.format(board, "tied = 1, rank = " + (rank + 1), pair.getString(3)));
    long ledger = count(WalletLedgerTable.DEFINITION.name());
    JobOutcome rerun = SettleMatchJob.run(spark, new SettleOptions(MATCH, true, "tie broken",
        "ops-fay", true, false, null), QUIET);
    assertThat(rerun.summary()).contains("re-settled");
    assertThat(count(WalletLedgerTable.DEFINITION.name())).isEqualTo(ledger);
    assertThat(SettleMatchJob.payoutsOf(spark, payoutsOfRecordId())
        .where(col(PayoutsTable.ENTRY_ID).equalTo(pair.getString(3))).first()
        .<Integer>getAs(PayoutsTable.RANK)).isEqualTo(rank + 1);
    assertLedgerMatchesThePayoutsOfRecord();
  }

  static String payoutsOfRecordId() {
    return SettleMatchJob.publishedSettlement(spark, MATCH).getAs(SettlementsTable.SETTLEMENT_ID);
  }

  @Test
  @Order(11)
  void aRerunTakesThePublishedSumsFromItsAccountsOrFromItsPayoutsIfTheyRecordedNone()
      throws Exception {
    Dataset<Row> payouts = SettleMatchJob.payoutsOf(spark, first.runId());
    Map<String, ContestSums.Sums> summed = ContestSums.of(payouts);
    assertThat(summed).hasSizeGreaterThan(10);
    assertThat(ContestSums.published(spark, first.runId(), payouts).sums()).isEqualTo(summed);
    // Accounts written before they recorded fingerprints: the payouts are summed instead.
    String old = "s-before-fingerprints";
    spark.table(ContestSettlementsTable.DEFINITION.name())
        .where(col(ContestSettlementsTable.SETTLEMENT_ID).equalTo(first.runId()))
        .withColumn(ContestSettlementsTable.SETTLEMENT_ID, lit(old))
        .withColumn(ContestSettlementsTable.PAYOUT_FINGERPRINT, lit(null).cast("bigint"))
        .withColumn(ContestSettlementsTable.RANK_FINGERPRINT, lit(null).cast("bigint"))
        .writeTo(ContestSettlementsTable.DEFINITION.name()).append();
    try {
      assertThat(ContestSums.published(spark, old, payouts).sums()).isEqualTo(summed);
      assertThat(ContestSums.published(spark, old, payouts).blocks()).isEmpty();
      assertThat(ContestSums.published(spark, "no-such-settlement", payouts).sums())
          .isEqualTo(summed);
    } finally {
      spark.sql("DELETE FROM " + ContestSettlementsTable.DEFINITION.name()
          + " WHERE settlement_id = '" + old + "'");
    }
  }

  static void announce(String match, String status, String at) {
    RowBuilder row = new RowBuilder(dev.dugout.tables.MatchStatusTable.DEFINITION)
        .set(dev.dugout.tables.MatchStatusTable.MATCH_ID, match)
        .set(dev.dugout.tables.MatchStatusTable.STATUS, status)
        .set(dev.dugout.tables.MatchStatusTable.OCCURRED_AT,
            java.sql.Timestamp.from(java.time.Instant.parse(at)))
        .set(dev.dugout.tables.MatchStatusTable.EVENT_ID, "test-" + status)
        .set(dev.dugout.tables.MatchStatusTable.RUN_ID, "test");
    dev.dugout.tables.TableWrites.append(spark.createDataFrame(List.of(row.build()),
        row.sparkSchema()), dev.dugout.tables.MatchStatusTable.DEFINITION);
  }

  @Test
  @Order(8)
  void aMatchHeldByAnotherRunIsRefusedUntilItsHoldIsReleased() {
    // A run that died holding the match (as after a SIGKILL): no settlement of it may start, not
    // even one that would find nothing to do, until an operator releases it.
    SettlementLock.acquire(spark, MATCH, "settle-dead-run", "ops-dan");
    Map<String, String> tables = everyTablesMetadata();
    assertThatThrownBy(() -> SettleMatchJob.run(spark, new SettleOptions(MATCH, true, "again",
        "ops-erin", true, false, null), QUIET))
        .hasMessageContaining("match " + MATCH + " is being settled by settle-dead-run (operator"
            + " ops-dan, since ")
        .hasMessageContaining("dugout settle --match " + MATCH + " --release-lock");
    tables.remove("ops.job_runs");
    Map<String, String> after = everyTablesMetadata();
    after.remove("ops.job_runs");
    assertThat(after).isEqualTo(tables);
    assertThat(SettlementLock.release(spark, MATCH))
        .startsWith("settle-dead-run (operator ops-dan");
    assertThat(SettlementLock.release(spark, MATCH)).isNull();
    JobOutcome again = SettleMatchJob.run(spark, new SettleOptions(MATCH, true, "again",
        "ops-erin", true, false, null), QUIET);
    assertThat(again.summary()).contains("nothing to publish");
  }

  @Test
  void aRerunThatMovesThreeEntriesCorrectsExactlyThem() {
    // A four-entry contest paying 100, 50 and 20 (minor units). Published: A 1st, B 2nd, C 3rd,
    // D 4th. After the correction C is 1st, A 2nd, B 3rd, D still 4th.
    // A: 100 -> 50 (-50); B: 50 -> 20 (-30); C: 20 -> 100 (+80); D: 0 -> 0, unchanged.
    Dataset<Row> published = payouts("s1", new String[] {"A", "B", "C", "D"}, new int[] {1, 2, 3, 4},
        new long[] {100, 50, 20, 0});
    Dataset<Row> rerun = payouts("s2", new String[] {"C", "A", "B", "D"}, new int[] {1, 2, 3, 4},
        new long[] {100, 50, 20, 0});
    SettlementDiff diff = SettlementDiff.of(published, rerun);
    Map<String, Long> deltas = new HashMap<>();
    for (Row r : diff.changed().collectAsList()) {
      deltas.put(r.getAs(PayoutsTable.ENTRY_ID), r.getAs(SettlementDiff.DELTA));
    }
    assertThat(deltas).containsExactlyInAnyOrderEntriesOf(Map.of("A", -50L, "B", -30L, "C", 80L));
    assertThat(diff.entriesChanged()).isEqualTo(3);
    assertThat(diff.usersChanged()).isEqualTo(3);
    assertThat(diff.totalBefore()).isEqualTo(170);
    assertThat(diff.totalAfter()).isEqualTo(170);
    // Published with one compensating ledger row per moved entry, by its difference.
    assertThat(SettleMatchJob.corrections(diff, "m", "s2").collectAsList())
        .extracting(r -> r.getAs(WalletLedgerTable.LEDGER_ID) + " "
            + r.getAs(WalletLedgerTable.USER_ID) + " " + r.getAs(WalletLedgerTable.AMOUNT_MINOR))
        .containsExactlyInAnyOrder("s2/A/CORRECTION uA -50", "s2/B/CORRECTION uB -30",
            "s2/C/CORRECTION uC 80");
  }

  @Test
  void anEntryPaidToAnotherUserIsReversedAndCreditedAndARankAloneMovesNoMoney() {
    // Published: A 1st (user uA) 100, B 2nd 50, C and D tied 3rd, 0 each. The rerun finds that
    // entry A belongs to user uZ (same amount), and breaks the tie: C 4th, still 0.
    Dataset<Row> published = payouts("s1", new String[] {"A", "B", "C", "D"},
        new String[] {"uA", "uB", "uC", "uD"}, new int[] {1, 2, 3, 3}, new long[] {100, 50, 0, 0});
    Dataset<Row> rerun = payouts("s2", new String[] {"A", "B", "C", "D"},
        new String[] {"uZ", "uB", "uC", "uD"}, new int[] {1, 2, 4, 3}, new long[] {100, 50, 0, 0});
    SettlementDiff diff = SettlementDiff.of(published, rerun);
    // A's payout changes (to whom), C's rank alone: both are in the diff, and the published
    // settlement is no longer the one of record. Users whose payout changes: uA loses, uZ gains.
    assertThat(diff.changed().collectAsList())
        .extracting(r -> r.<String>getAs(PayoutsTable.ENTRY_ID))
        .containsExactlyInAnyOrder("A", "C");
    assertThat(diff.isEmpty()).isFalse();
    assertThat(diff.usersChanged()).isEqualTo(2);
    assertThat(diff.totalAfter()).isEqualTo(diff.totalBefore()).isEqualTo(150);
    List<String> ledger = new ArrayList<>();
    for (Row r : SettleMatchJob.corrections(diff, "m", "s2").collectAsList()) {
      ledger.add(r.getAs(WalletLedgerTable.LEDGER_ID) + " " + r.getAs(WalletLedgerTable.USER_ID)
          + " " + r.getAs(WalletLedgerTable.AMOUNT_MINOR) + " " + r.getAs(WalletLedgerTable.KIND));
    }
    assertThat(ledger).containsExactlyInAnyOrder("s2/A/CORRECTION-REVERSAL uA -100 CORRECTION",
        "s2/A/CORRECTION uZ 100 CORRECTION");
    // The diff an operator reads: per user, uA loses 100 and uZ gains it; C's rank moves nobody's
    // money.
    assertThat(diff.byUser().collectAsList()).extracting(r -> r.getString(0) + " " + r.getLong(1))
        .containsExactlyInAnyOrder("uA -100", "uZ 100");
    java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
    diff.print(new java.io.PrintStream(printed, true), 20);
    assertThat(printed.toString()).contains("by user:\n  uA                 -100\n"
        + "  uZ                 +100\n");

    // The tie broken alone: a change to publish, but nobody's payout changes.
    Dataset<Row> rankOnly = payouts("s3", new String[] {"A", "B", "C", "D"},
        new String[] {"uA", "uB", "uC", "uD"}, new int[] {1, 2, 4, 3}, new long[] {100, 50, 0, 0});
    SettlementDiff ranks = SettlementDiff.of(published, rankOnly);
    assertThat(ranks.isEmpty()).isFalse();
    assertThat(ranks.entriesChanged()).isEqualTo(1);
    assertThat(ranks.usersChanged()).isZero();
    assertThat(ranks.byUser().count()).isZero();
    assertThat(SettleMatchJob.corrections(ranks, "m", "s3").count()).isZero();
  }

  @Test
  void theGateFindsMissingDuplicatedReRankedNegativeAndUnaccountedPayouts() {
    // Contest c of match m: entries A, B, C, D, ranked 1, 2, 2, 4 on the final board. A 1st: 100;
    // B and C tied 2nd: 25 each; D nothing: 150 in all, as the contest's account says.
    String[] abcd = {"A", "B", "C", "D"};
    assertThat(gateFailures(abcd, new int[] {1, 2, 2, 4}, new long[] {100, 25, 25, 0})).isEmpty();
    // The account records those payouts' fingerprints: payouts written otherwise than it says
    // fail that check too.
    String recorded = "the contest's account records who its rows pay, at which ranks";
    // C twice and D missing, or D missing: the entries differ, and so do the ranks (D's is gone).
    assertThat(gateFailures(new String[] {"A", "B", "C", "C"}, new int[] {1, 2, 2, 2},
        new long[] {100, 25, 25, 0})).containsExactly(
        "every entry of the contest has exactly one row",
        "ranks are those of the final leaderboard", recorded);
    assertThat(gateFailures(new String[] {"A", "B", "C"}, new int[] {1, 2, 2},
        new long[] {100, 25, 25})).containsExactly(
        "every entry of the contest has exactly one row",
        "ranks are those of the final leaderboard", recorded);
    assertThat(gateFailures(abcd, new int[] {1, 2, 3, 4}, new long[] {100, 25, 25, 0}))
        .containsExactly("ranks are those of the final leaderboard", recorded);
    assertThat(gateFailures(abcd, new int[] {1, 2, 2, 4}, new long[] {100, 25, 26, 0}))
        .containsExactly("the contest's account adds up its rows", recorded);
    assertThat(gateFailures(abcd, new int[] {1, 2, 2, 4}, new long[] {101, 25, 25, -1}))
        .containsExactly("no negative amount", recorded);
    assertThat(gateFailures(abcd, new int[] {1, 2, 2, 4}, new long[] {100, 25, 25, 0},
        new String[] {"INR", "INR", "COINS", "INR"}))
        .containsExactly("one currency per contest", recorded);
    // Same amounts, to another entry: only who is paid what differs from the account.
    assertThat(gateFailures(abcd, new int[] {1, 2, 2, 4}, new long[] {100, 25, 0, 25}))
        .containsExactly(recorded);
    // The right payouts, but an account that records other fingerprints.
    assertThat(gateFailures(abcd, new String[] {"c", "c", "c", "c"}, new int[] {1, 2, 2, 4},
        new long[] {100, 25, 25, 0}, new String[] {"INR", "INR", "INR", "INR"}, 1))
        .containsExactly(recorded);
    // A payout of a contest the match has no entries in (and no board or account): it is found,
    // although no other table has a row of its contest.
    assertThat(gateFailures(new String[] {"A", "B", "C", "D", "E"},
        new String[] {"c", "c", "c", "c", "c9"}, new int[] {1, 2, 2, 4, 1},
        new long[] {100, 25, 25, 0, 0}, new String[] {"INR", "INR", "INR", "INR", "INR"}))
        .containsExactly("every entry of the contest has exactly one row",
            "ranks are those of the final leaderboard", recorded);
  }

  /**
   * The payouts checks' failures for settlement s1 of contest c paying {@code entries} at
   * {@code ranks}, against entries A to D, a final board (as of 120) ranking them 1, 2, 2, 4 beside
   * an older one (as of 60) ranking them 4, 3, 2, 1, and an account of 150 paid.
   */
  static List<String> gateFailures(String[] entries, int[] ranks, long[] amounts) {
    String[] inr = new String[entries.length];
    java.util.Arrays.fill(inr, "INR");
    return gateFailures(entries, ranks, amounts, inr);
  }

  static List<String> gateFailures(String[] entries, int[] ranks, long[] amounts,
      String[] currencies) {
    String[] contests = new String[entries.length];
    java.util.Arrays.fill(contests, "c");
    return gateFailures(entries, contests, ranks, amounts, currencies);
  }

  static List<String> gateFailures(String[] entries, String[] contests, int[] ranks,
      long[] amounts, String[] currencies) {
    return gateFailures(entries, contests, ranks, amounts, currencies, 0);
  }

  /**
   * As above, the account recording the fingerprints of the right payouts (worked out by Spark
   * SQL's xxhash64 from the worked example) plus {@code printOffset}.
   */
  static List<String> gateFailures(String[] entries, String[] contests, int[] ranks,
      long[] amounts, String[] currencies, long printOffset) {
    Row prints = spark.sql("SELECT sum(shiftrightunsigned(xxhash64(entry, user, amount, currency),"
        + " 24)), sum(shiftrightunsigned(xxhash64(entry, rank), 24)) FROM VALUES"
        + " ('A', 'uA', 100L, 'INR', 1), ('B', 'uB', 25L, 'INR', 2), ('C', 'uC', 25L, 'INR', 2),"
        + " ('D', 'uD', 0L, 'INR', 4) AS t(entry, user, amount, currency, rank)").first();
    List<Row> entryRows = new ArrayList<>();
    List<Row> boardRows = new ArrayList<>();
    String[] ids = {"A", "B", "C", "D"};
    int[] finalRanks = {1, 2, 2, 4};
    for (int i = 0; i < ids.length; i++) {
      entryRows.add(new RowBuilder(ContestEntriesTable.DEFINITION).set("entry_id", ids[i])
          .set("contest_id", "c").set("match_id", "m").set("team_id", "t" + ids[i])
          .set("user_id", "u" + ids[i]).set("joined_at", new java.sql.Timestamp(0)).build());
      for (int asOf : new int[] {60, 120}) {
        boardRows.add(new RowBuilder(LeaderboardTable.DEFINITION).set("match_id", "m")
            .set("as_of_delivery", asOf).set("contest_id", "c").set("entry_id", ids[i])
            .set("team_id", "t" + ids[i]).set("user_id", "u" + ids[i])
            .set("points", java.math.BigDecimal.ONE)
            .set("rank", asOf == 120 ? finalRanks[i] : 4 - i).set("tied", 1)
            .set("computed_at", new java.sql.Timestamp(0)).set("run_id", "r").build());
      }
    }
    Row account = new RowBuilder(ContestSettlementsTable.DEFINITION).set("settlement_id", "s1")
        .set("match_id", "m").set("contest_id", "c").set("status", "SETTLED")
        .set("kind", "GUARANTEED").set("currency", "INR").set("entries", 4).set("max_entries", 4)
        .set("fees_collected_minor", 200L).set("prize_pool_minor", 150L).set("paid_minor", 150L)
        .set("refunded_minor", 0L).set("tie_remainder_minor", 0L)
        .set("scaling_remainder_minor", 0L).set("shortfall_minor", 0L)
        .set("payout_fingerprint", prints.getLong(0) + printOffset)
        .set("rank_fingerprint", prints.getLong(1)).build();
    List<Row> payoutRows = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      payoutRows.add(RowFactory.create("s1", "m", contests[i], entries[i], "u" + entries[i],
          ranks[i], amounts[i], currencies[i], amounts[i] > 0 ? "WINNING" : "NO_PRIZE"));
    }
    Map<String, Dataset<Row>> tables = Map.of(
        PayoutsTable.DEFINITION.name(), frame(PayoutsTable.DEFINITION, payoutRows),
        ContestEntriesTable.DEFINITION.name(), frame(ContestEntriesTable.DEFINITION, entryRows),
        LeaderboardTable.DEFINITION.name(), frame(LeaderboardTable.DEFINITION, boardRows),
        ContestSettlementsTable.DEFINITION.name(),
        frame(ContestSettlementsTable.DEFINITION, List.of(account)));
    List<String> failures = failures(new PayoutsChecks("m", "s1"), tables);
    // The same checks on figures aggregated beforehand, as a settlement hands them over.
    PayoutsChecks.Figures figures = new PayoutsChecks.Figures(
        PayoutsChecks.paidFigures(tables.get(PayoutsTable.DEFINITION.name())),
        PayoutsChecks.entryFigures(tables.get(ContestEntriesTable.DEFINITION.name())),
        PayoutsChecks.boardFigures(tables.get(LeaderboardTable.DEFINITION.name())
            .where(col(LeaderboardTable.AS_OF_DELIVERY).equalTo(120))));
    assertThat(failures(new PayoutsChecks("m", "s1", figures), tables)).isEqualTo(failures);
    return failures;
  }

  @Test
  void onlyAGuaranteedContestMayRecordAShortfall() {
    // Two contests paying 150 with 100 collected: 50 beyond the fees, recorded as the shortfall.
    List<Row> accounts = new ArrayList<>();
    for (String kind : new String[] {"GUARANTEED", "FLEXIBLE"}) {
      accounts.add(new RowBuilder(ContestSettlementsTable.DEFINITION).set("settlement_id", "s1")
          .set("match_id", "m").set("contest_id", kind).set("status", "SETTLED")
          .set("kind", kind).set("currency", "INR").set("entries", 2).set("max_entries", 2)
          .set("fees_collected_minor", 100L).set("prize_pool_minor", 150L)
          .set("paid_minor", 150L).set("refunded_minor", 0L).set("tie_remainder_minor", 0L)
          .set("scaling_remainder_minor", 0L).set("shortfall_minor", 50L).build());
    }
    var checks = new dev.dugout.quality.checks.ContestSettlementsChecks();
    for (Row account : accounts) {
      List<String> failed = DeequRunner.run("gold.contest_settlements",
          frame(ContestSettlementsTable.DEFINITION, List.of(account)), checks.checks())
          .failures().stream().map(f -> f.constraint()).toList();
      if (account.getAs("kind").equals("GUARANTEED")) {
        assertThat(failed).isEmpty();
      } else {
        assertThat(failed).singleElement().asString()
            .contains("only a guaranteed contest records a shortfall");
      }
    }
  }

  static List<String> failures(PayoutsChecks checks, Map<String, Dataset<Row>> tables) {
    return DeequRunner.run(PayoutsTable.DEFINITION.name(),
            checks.auditData(def -> tables.get(def.name())), checks.checks())
        .failures().stream().map(f -> f.constraint().split(":")[0]).toList();
  }

  static Dataset<Row> frame(TableDefinition def, List<Row> rows) {
    return spark.createDataFrame(rows, new RowBuilder(def).sparkSchema());
  }

  static Dataset<Row> payouts(String settlement, String[] entries, int[] ranks, long[] amounts) {
    String[] users = new String[entries.length];
    for (int i = 0; i < entries.length; i++) {
      users[i] = "u" + entries[i];
    }
    return payouts(settlement, entries, users, ranks, amounts);
  }

  static Dataset<Row> payouts(String settlement, String[] entries, String[] users, int[] ranks,
      long[] amounts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < entries.length; i++) {
      rows.add(RowFactory.create(settlement, "m", "c", entries[i], users[i], ranks[i],
          amounts[i], "INR", amounts[i] > 0 ? "WINNING" : "NO_PRIZE"));
    }
    return spark.createDataFrame(rows, new RowBuilder(PayoutsTable.DEFINITION).sparkSchema());
  }
}
