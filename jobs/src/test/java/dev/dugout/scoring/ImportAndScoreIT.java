package dev.dugout.scoring;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dugout.cli.DugoutCli;
import dev.dugout.cli.SqlScript;
import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.runs.JobOutcome;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.JobRunsTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PlayerPointsTable;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.HandWorkedPoints;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 10 bundled real matches imported and scored end to end, through Iceberg and the gate. */
class ImportAndScoreIT {
  static SparkSession spark;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @BeforeAll
  static void importAndScoreTheRealMatches() {
    spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
    ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
        List.of(DemoData.directory().toAbsolutePath().toString())), QUIET);
    ScoreMatchJob.run(spark, new ScoreMatchOptions(List.of(), "t20-2026"), QUIET);
  }

  @Test
  void everyDeliveryOfEveryFileLandsOnce() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Path file : DemoData.matches()) {
      JsonNode root = json.readTree(file.toFile());
      int expected = 0;
      for (JsonNode innings : root.get("innings")) {
        for (JsonNode over : innings.get("overs")) {
          expected += over.get("deliveries").size();
        }
      }
      String matchId = file.getFileName().toString().replace(".json", "");
      assertThat(spark.table(DeliveriesTable.DEFINITION.name())
          .where(col(DeliveriesTable.MATCH_ID).equalTo(matchId)).count())
          .as(matchId).isEqualTo(expected);
    }
    assertThat(spark.table(MatchesTable.DEFINITION.name()).count()).isEqualTo(10);
  }

  @Test
  void goldPointsEqualTheHandWorkedScorecards() {
    Map<String, Row> gold = new java.util.HashMap<>();
    for (Row r : spark.table(PlayerPointsTable.DEFINITION.name()).collectAsList()) {
      gold.put(r.getAs(PlayerPointsTable.MATCH_ID) + "/" + r.getAs(PlayerPointsTable.PLAYER_ID), r);
    }
    int checked = 0;
    for (HandWorkedPoints.Expected e : HandWorkedPoints.load()) {
      Row row = gold.get(e.matchId() + "/" + e.playerId());
      if (!e.inPool()) {
        assertThat(row).as(e + " is outside the pool: no row").isNull();
        continue;
      }
      assertThat(row).as(e.toString()).isNotNull();
      assertThat(row.<BigDecimal>getAs(PlayerPointsTable.POINTS)).as(e.toString())
          .isEqualByComparingTo(e.points());
      Map<String, BigDecimal> breakdown = row.getJavaMap(row.fieldIndex(PlayerPointsTable.BREAKDOWN));
      for (Rule rule : Rule.values()) {
        assertThat(breakdown.getOrDefault(rule.key(), BigDecimal.ZERO)).as(e + " " + rule.key())
            .isEqualByComparingTo(e.columns().get(rule.key()));
      }
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(8);
  }

  @Test
  void rescoringReplacesAndNeverDuplicates() {
    long before = spark.table(PlayerPointsTable.DEFINITION.name()).count();
    JobOutcome again = ScoreMatchJob.run(spark, new ScoreMatchOptions(List.of("1370353"), "t20-2026"), QUIET);
    assertThat(spark.table(PlayerPointsTable.DEFINITION.name()).count()).isEqualTo(before);
    assertThat(spark.table(PlayerPointsTable.DEFINITION.name())
        .where(col(PlayerPointsTable.MATCH_ID).equalTo("1370353"))
        .select(PlayerPointsTable.RUN_ID).distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly(again.runId());
  }

  @Test
  void reimportingIsIdempotent() {
    long deliveries = spark.table(DeliveriesTable.DEFINITION.name()).count();
    JobOutcome outcome = ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
        List.of(DemoData.match("1304047").toString())), QUIET);
    assertThat(outcome.summary()).contains("1 match(es) imported (1 replaced)");
    assertThat(spark.table(DeliveriesTable.DEFINITION.name()).count()).isEqualTo(deliveries);
    assertThat(spark.table(MatchesTable.DEFINITION.name()).count()).isEqualTo(10);
  }

  @Test
  void everyRunIsRecordedWithWhatItPublished() {
    List<Row> runs = spark.table(JobRunsTable.DEFINITION.name())
        .where(col(JobRunsTable.STATUS).equalTo("SUCCEEDED")).collectAsList();
    assertThat(runs).extracting(r -> r.<String>getAs(JobRunsTable.COMMAND))
        .contains("import cricsheet", "score");
    Row score = runs.stream().filter(r -> r.getAs(JobRunsTable.COMMAND).equals("score")).findFirst()
        .orElseThrow();
    assertThat(score.getJavaMap(score.fieldIndex(JobRunsTable.SNAPSHOTS_READ)))
        .containsKeys("core.deliveries", "core.match_players", "core.matches");
    assertThat(score.getJavaMap(score.fieldIndex(JobRunsTable.SNAPSHOTS_WRITTEN)))
        .containsKey("gold.player_points");
  }

  @Test
  void pointsCommandPrintsCsvHighestFirst() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DugoutCli cli = new DugoutCli(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .using(TestLakehouse.config(), spark);
    assertThat(cli.execute("points", "--match", "1370352", "--format", "csv")).isZero();
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).isEqualTo("match_id,player_id,name,points");
    // Shubman Gill's 129 in Qualifier 2: 243 points by hand (hand-worked-points.md).
    assertThat(lines.get(1)).isEqualTo("1370352,b4b99816,Shubman Gill,243.00");
    assertThat(lines).hasSize(1 + 25);
    List<BigDecimal> points = lines.subList(1, lines.size()).stream()
        .map(l -> new BigDecimal(l.substring(l.lastIndexOf(',') + 1))).toList();
    assertThat(points).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void sqlCommandAnswersAnalystsAsJson() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DugoutCli cli = new DugoutCli(new PrintStream(bytes, true, StandardCharsets.UTF_8))
        .using(TestLakehouse.config(), spark);
    assertThat(cli.execute("sql", "SELECT match_id, winner FROM core.matches"
        + " WHERE match_id = '1370353'", "--format", "json")).isZero();
    JsonNode rows = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
    assertThat(rows.get(0).get("winner").asText()).isEqualTo("Chennai Super Kings");
  }

  @Test
  void everyNotebookStatementRunsAgainstTheTables() throws Exception {
    List<Path> worksheets;
    try (var files = java.nio.file.Files.list(Path.of("..", "notebooks"))) {
      worksheets = files.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(worksheets).isNotEmpty();
    for (Path worksheet : worksheets) {
      List<SqlScript.Statement> statements =
          SqlScript.statements(java.nio.file.Files.readString(worksheet));
      assertThat(statements).hasSizeGreaterThan(3);
      for (SqlScript.Statement statement : statements) {
        assertThat(spark.sql(statement.sql()).collectAsList())
            .as(worksheet + ": " + statement.title()).isNotEmpty();
      }
    }
  }
}
