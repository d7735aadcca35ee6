package dev.dugout.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.lakehouse.MatchScope;
import dev.dugout.quality.checks.DeliveriesChecks;
import dev.dugout.tables.CheckResultsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.JobRunsTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.TableDefinition;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad batch never reaches main: write-audit-publish with the Deequ checks. */
class QualityGateIT {
  static SparkSession spark;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final String MATCH = "1304047";

  @BeforeAll
  static void importOneGoodMatch() {
    spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
    ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
        List.of(DemoData.match(MATCH).toString())), QUIET);
  }

  @Test
  void aUniqueKeyIsCountedByItsHashWithoutMixingUpItsNulls() {
    StructType schema = new StructType().add("a", DataTypes.StringType, true)
        .add("b", DataTypes.StringType, true);
    List<TableCheck> unique = List.of(TableCheck.error("keys").unique("a", "b"));
    // (x, null) and (null, x) are two keys, as are (x, y) and (y, x).
    List<Row> distinct = List.of(RowFactory.create("x", null), RowFactory.create(null, "x"),
        RowFactory.create("x", "y"), RowFactory.create("y", "x"));
    assertThat(DeequRunner.run("t", spark.createDataFrame(distinct, schema), unique).failures())
        .isEmpty();
    List<Row> repeated = new java.util.ArrayList<>(distinct);
    repeated.add(RowFactory.create("x", null));
    List<ConstraintOutcome> failures =
        DeequRunner.run("t", spark.createDataFrame(repeated, schema), unique).failures();
    assertThat(failures).extracting(ConstraintOutcome::constraint).containsExactly("unique(a, b)");
    assertThat(failures.get(0).message()).contains("2 of 5 rows", "(a=x, b=null) x2");
  }

  @Test
  void uniqueKeysAreCountedAsABruteForceCountOfTheRowsCountsThem() {
    // Keys drawn from a small range, so many repeat, over several partitions (a key's repeats are
    // in different tasks), with some keys all null (no key: never a duplicate).
    java.util.Random random = new java.util.Random(7);
    List<Row> rows = new java.util.ArrayList<>();
    java.util.Map<List<Object>, Integer> brute = new java.util.HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      Long a = random.nextInt(10) == 0 ? null : (long) random.nextInt(15_000);
      String b = random.nextInt(10) == 0 ? null : "k" + random.nextInt(2);
      rows.add(RowFactory.create(a, b));
      if (a != null || b != null) {
        brute.merge(java.util.Arrays.asList(a, b), 1, Integer::sum);
      }
    }
    long keyed = brute.values().stream().mapToLong(Integer::longValue).sum();
    long unique = brute.values().stream().filter(n -> n == 1).count();
    StructType schema = new StructType().add("a", DataTypes.LongType, true)
        .add("b", DataTypes.StringType, true);
    Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(5);
    ConstraintOutcome outcome = DeequRunner.run("t", data,
        List.of(TableCheck.error("keys").complete("a").unique("a", "b"))).outcomes().get(1);
    assertThat(unique).isLessThan(keyed).isGreaterThan(0);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.metricValue()).isEqualTo((double) unique / keyed);
    assertThat(outcome.message()).startsWith((keyed - unique) + " of " + keyed + " rows");
    // The same rows without their repeats pass.
    Dataset<Row> distinct = data.dropDuplicates().where(col("a").isNotNull().or(col("b").isNotNull()))
        .union(data.where(col("a").isNull().and(col("b").isNull())));
    ConstraintOutcome passing = DeequRunner.run("t", distinct,
        List.of(TableCheck.error("keys").unique("a", "b"))).outcomes().get(0);
    assertThat(passing.passed()).isTrue();
    assertThat(passing.metricValue()).isEqualTo(1.0);
  }

  @Test
  void aBatchFailingErrorChecksLeavesMainUntouched() {
    long mainBefore = TestLakehouse.currentSnapshotId(DeliveriesTable.DEFINITION);
    long rowsBefore = spark.table(DeliveriesTable.DEFINITION.name()).count();
    String runId = "gate-test-" + System.nanoTime();
    WriteAuditPublish wap = WriteAuditPublish.begin(spark, runId, List.of(DeliveriesTable.DEFINITION));
    String branch = wap.branch();
    // A duplicate of delivery 1, and a delivery whose batter is nobody in the pool.
    Dataset<Row> first = spark.table(DeliveriesTable.DEFINITION.name())
        .where(col(DeliveriesTable.DELIVERY_SEQ).equalTo(1));
    Dataset<Row> stranger = first.withColumn(DeliveriesTable.DELIVERY_SEQ, lit(999))
        .withColumn(DeliveriesTable.BATTER_ID, lit("ffffffff"));
    try (wap) {
      first.union(stranger).writeTo(wap.branchTable(DeliveriesTable.DEFINITION)).append();
      assertThatThrownBy(() -> wap.auditAndPublish(List.of(new WriteAuditPublish.Audit(
          new DeliveriesChecks(), new MatchScope(List.of(MATCH)).filter(DeliveriesTable.MATCH_ID)))))
          .isInstanceOf(QualityGateException.class)
          .hasMessageContaining("main was left untouched")
          .hasMessageContaining("unique(match_id, delivery_seq)")
          .hasMessageContaining("are in the match pool");
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new AssertionError(e);
    }
    assertThat(TestLakehouse.currentSnapshotId(DeliveriesTable.DEFINITION)).isEqualTo(mainBefore);
    assertThat(spark.table(DeliveriesTable.DEFINITION.name()).count()).isEqualTo(rowsBefore);
    assertThat(Lakehouse.icebergCatalog(spark).loadTable(DeliveriesTable.DEFINITION.identifier())
        .refs()).doesNotContainKey(branch);
    List<Row> failures = spark.table(CheckResultsTable.DEFINITION.name())
        .where(col(CheckResultsTable.RUN_ID).equalTo(runId)
            .and(col(CheckResultsTable.STATUS).equalTo("Failure"))).collectAsList();
    assertThat(failures).extracting(r -> r.<String>getAs(CheckResultsTable.CONSTRAINT_NAME))
        .anyMatch(c -> c.startsWith("unique(match_id, delivery_seq)"))
        .anyMatch(c -> c.contains("in the match pool"));
  }

  /** A check that passes on a table with rows; when {@code unreadable}, reading its rows fails. */
  static TableChecks hasRows(TableDefinition table, boolean unreadable) {
    return new TableChecks() {
      @Override
      public TableDefinition table() {
        return table;
      }

      @Override
      public List<TableCheck> checks() {
        return List.of(TableCheck.error("size").minRows(1));
      }

      @Override
      public Dataset<Row> auditData(Function<TableDefinition, Dataset<Row>> read) {
        if (unreadable) {
          throw new IllegalStateException("the matches cannot be read");
        }
        return read.apply(table);
      }
    };
  }

  @Test
  void theOutcomesOfSeveralTablesAreStoredInOneCommitAndAnAuditThatThrowsFailsTheRun() {
    List<TableDefinition> tables = List.of(DeliveriesTable.DEFINITION, MatchesTable.DEFINITION);
    String passing = "gate-one-commit-" + System.nanoTime();
    long commitsBefore = checkResultCommits();
    try (WriteAuditPublish wap = WriteAuditPublish.begin(spark, passing, tables)) {
      wap.audit(List.of(new WriteAuditPublish.Audit(new DeliveriesChecks(), lit(true)),
          new WriteAuditPublish.Audit(hasRows(MatchesTable.DEFINITION, false), lit(true))));
      assertThat(wap.auditSeconds()).containsOnlyKeys(DeliveriesTable.DEFINITION.name(),
          MatchesTable.DEFINITION.name());
    }
    assertThat(checkResultCommits()).isEqualTo(commitsBefore + 1);
    assertThat(spark.table(CheckResultsTable.DEFINITION.name())
        .where(col(CheckResultsTable.RUN_ID).equalTo(passing))
        .select(CheckResultsTable.TABLE_NAME).distinct().collectAsList())
        .extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder(DeliveriesTable.DEFINITION.name(), MatchesTable.DEFINITION.name());

    String throwing = "gate-throws-" + System.nanoTime();
    long mainBefore = TestLakehouse.currentSnapshotId(MatchesTable.DEFINITION);
    TableChecks broken = hasRows(MatchesTable.DEFINITION, true);
    try (WriteAuditPublish wap = WriteAuditPublish.begin(spark, throwing, tables)) {
      assertThatThrownBy(() -> wap.auditAndPublish(List.of(
          new WriteAuditPublish.Audit(new DeliveriesChecks(), lit(true)),
          new WriteAuditPublish.Audit(broken, lit(true)))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the matches cannot be read");
      assertThat(wap.published()).isFalse();
    }
    assertThat(TestLakehouse.currentSnapshotId(MatchesTable.DEFINITION)).isEqualTo(mainBefore);
    assertThat(spark.table(CheckResultsTable.DEFINITION.name())
        .where(col(CheckResultsTable.RUN_ID).equalTo(throwing)).count()).isZero();
  }

  @Test
  void aRunOfAppendsIsPickedOntoAMainThatMovedWhereAFastForwardIsRefused() {
    TableDefinition def = DeliveriesTable.DEFINITION;
    Dataset<Row> read = spark.table(def.name()).where(col(DeliveriesTable.MATCH_ID).equalTo(MATCH)
        .and(col(DeliveriesTable.DELIVERY_SEQ).equalTo(1)));
    Dataset<Row> one = spark.createDataFrame(read.collectAsList(), read.schema());
    Function<String, Dataset<Row>> rowOf = match -> one.withColumn(DeliveriesTable.MATCH_ID,
        lit(match));
    try {
      appendsArePickedAndFastForwardsRefused(def, rowOf);
    } finally {
      // Rows of matches that do not exist would fail the other tests' checks of the table.
      spark.sql("DELETE FROM " + def.name() + " WHERE match_id IN ('wap-ours', 'wap-theirs',"
          + " 'ff-ours', 'ff-theirs')");
    }
  }

  static void appendsArePickedAndFastForwardsRefused(TableDefinition def,
      Function<String, Dataset<Row>> rowOf) {
    List<WriteAuditPublish.Audit> audits = List.of(
        new WriteAuditPublish.Audit(hasRows(def, false), lit(true)));
    // Only appends (of keys nobody else writes): another writer's commit to main meanwhile stays,
    // and this run's rows are added on top of it.
    try (WriteAuditPublish wap = WriteAuditPublish.beginAppends(spark,
        "appends-" + System.nanoTime(), List.of(def))) {
      append(rowOf.apply("wap-ours"), wap.branchTable(def));
      append(rowOf.apply("wap-theirs"), def.name());
      long published = wap.auditAndPublish(audits).get(def.name());
      assertThat(published).isEqualTo(TestLakehouse.currentSnapshotId(def));
      assertThat(wap.publishedTables()).containsExactly(def.name());
    }
    assertThat(rowsOfMatch("wap-ours")).isEqualTo(1);
    assertThat(rowsOfMatch("wap-theirs")).isEqualTo(1);
    // Any other run: main moved, so the fast-forward refuses and main keeps the other writer's.
    try (WriteAuditPublish wap = WriteAuditPublish.begin(spark, "ff-" + System.nanoTime(),
        List.of(def))) {
      append(rowOf.apply("ff-ours"), wap.branchTable(def));
      append(rowOf.apply("ff-theirs"), def.name());
      assertThatThrownBy(() -> wap.auditAndPublish(audits))
          .hasMessageContaining("not an ancestor");
      assertThat(wap.publishedTables()).isEmpty();
    }
    assertThat(rowsOfMatch("ff-ours")).isZero();
    assertThat(rowsOfMatch("ff-theirs")).isEqualTo(1);
  }

  static void append(Dataset<Row> rows, String table) {
    try {
      rows.writeTo(table).append();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      throw new AssertionError(e);
    }
  }

  static long rowsOfMatch(String match) {
    return spark.table(DeliveriesTable.DEFINITION.name())
        .where(col(DeliveriesTable.MATCH_ID).equalTo(match)).count();
  }

  static long checkResultCommits() {
    return spark.sql("SELECT count(*) FROM " + CheckResultsTable.DEFINITION.name() + ".snapshots")
        .first().getLong(0);
  }

  @Test
  void anImportTheGateRejectsFailsTheJobAndIsRecorded(@TempDir Path dir) throws IOException {
    // Passes the parser (the runs add up) but breaks a range check: 9 runs off one ball.
    Path file = dir.resolve("1359476.json");
    Files.writeString(file, DemoData.read(DemoData.match("1359476")).replaceFirst(
        "\"runs\": \\{\\s*\"batter\": 0,\\s*\"extras\": 0,\\s*\"total\": 0\\s*}",
        "\"runs\": {\"batter\": 9, \"extras\": 0, \"total\": 9}"));
    long matchesMain = TestLakehouse.currentSnapshotId(MatchesTable.DEFINITION);

    assertThatThrownBy(() -> ImportCricsheetJob.run(spark,
        new ImportCricsheetOptions(List.of(file.toString())), QUIET))
        .isInstanceOf(QualityGateException.class)
        .hasMessageContaining("between(runs_batter, 0.0, 8.0)");

    assertThat(TestLakehouse.currentSnapshotId(MatchesTable.DEFINITION)).isEqualTo(matchesMain);
    assertThat(spark.table(MatchesTable.DEFINITION.name())
        .where(col(MatchesTable.MATCH_ID).equalTo("1359476")).count()).isZero();
    Row failed = spark.table(JobRunsTable.DEFINITION.name())
        .where(col(JobRunsTable.STATUS).equalTo("FAILED")).first();
    assertThat(failed.<String>getAs(JobRunsTable.ERROR)).contains("QualityGateException");
  }
}
