package dev.dugout.cricsheet;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.runs.JobOutcome;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.QuarantineTable;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions and malformed files: what replaces, what is refused, and nothing is lost. */
class ImportRevisionsIT {
  static SparkSession spark;
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static final String MATCH = "1359519";   // revision 2 in the bundled file

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
  }

  JobOutcome importFiles(Path... files) {
    return ImportCricsheetJob.run(spark, new ImportCricsheetOptions(
        java.util.Arrays.stream(files).map(Path::toString).toList()), QUIET);
  }

  Path copy(String matchId, String from, String to) throws IOException {
    Path d = Files.createDirectories(dir.resolve(java.util.UUID.randomUUID().toString()));
    Path file = d.resolve(matchId + ".json");
    Files.writeString(file, DemoData.read(DemoData.match(matchId)).replace(from, to));
    return file;
  }

  int storedRevision(String matchId) {
    return spark.table(MatchesTable.DEFINITION.name())
        .where(col(MatchesTable.MATCH_ID).equalTo(matchId)).first().getAs(MatchesTable.REVISION);
  }

  @Test
  void higherRevisionReplacesAndLowerIsRefused() throws IOException {
    importFiles(DemoData.match(MATCH));
    assertThat(storedRevision(MATCH)).isEqualTo(2);

    // Revision 3 corrects the first delivery: the batter's single was a four.
    Path corrected = copy(MATCH, "\"revision\": 2", "\"revision\": 3");
    Files.writeString(corrected, Files.readString(corrected).replaceFirst(
        "\"runs\": \\{\\s*\"batter\": 1,\\s*\"extras\": 0,\\s*\"total\": 1\\s*}",
        "\"runs\": {\"batter\": 4, \"extras\": 0, \"total\": 4}"));
    importFiles(corrected);
    assertThat(storedRevision(MATCH)).isEqualTo(3);
    Row first = spark.table(DeliveriesTable.DEFINITION.name())
        .where(col(DeliveriesTable.MATCH_ID).equalTo(MATCH).and(col(DeliveriesTable.DELIVERY_SEQ).equalTo(1)))
        .first();
    assertThat(first.<Integer>getAs(DeliveriesTable.RUNS_BATTER)).isEqualTo(4);

    // The original revision 2 is now older than what is held: refused, quarantined, not applied.
    long deliveries = spark.table(DeliveriesTable.DEFINITION.name()).count();
    JobOutcome refused = importFiles(DemoData.match(MATCH));
    assertThat(refused.summary()).contains("0 match(es) imported").contains("1 quarantined");
    assertThat(storedRevision(MATCH)).isEqualTo(3);
    assertThat(spark.table(DeliveriesTable.DEFINITION.name()).count()).isEqualTo(deliveries);
    Row q = spark.table(QuarantineTable.DEFINITION.name())
        .where(col(QuarantineTable.RUN_ID).equalTo(refused.runId())).first();
    assertThat(q.<String>getAs(QuarantineTable.REASON))
        .contains("revision 2 of match 1359519 is older than revision 3");
    assertThat(q.<String>getAs(QuarantineTable.SOURCE_POSITION)).endsWith("1359519.json at $.meta.revision");
  }

  @Test
  void malformedFilesAreQuarantinedAndTheOthersStillLand() throws IOException {
    Path batch = Files.createDirectories(dir.resolve("batch"));
    Files.copy(DemoData.match("1304047"), batch.resolve("1304047.json"));
    Files.writeString(batch.resolve("9000001.json"), "{\"meta\": ");
    Files.writeString(batch.resolve("1422120.json"),
        DemoData.read(DemoData.match("1422120")).replace("\"teams\"", "\"sides\""));
    Files.writeString(batch.resolve("1426312.json"), DemoData.read(DemoData.match("1426312"))
        .replaceFirst("\"batter\": \"Abhishek Sharma\"", "\"batter\": \"A Stranger\""));

    JobOutcome outcome = importFiles(batch);

    assertThat(outcome.summary()).contains("4 file(s) read, 1 match(es) imported")
        .contains("3 quarantined");
    assertThat(spark.table(MatchesTable.DEFINITION.name())
        .where(col(MatchesTable.MATCH_ID).isin("1304047", "9000001", "1422120", "1426312"))
        .select(MatchesTable.MATCH_ID).as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactly("1304047");
    List<Row> quarantined = spark.table(QuarantineTable.DEFINITION.name())
        .where(col(QuarantineTable.RUN_ID).equalTo(outcome.runId()))
        .orderBy(QuarantineTable.RECORD_KEY).collectAsList();
    assertThat(quarantined).extracting(r -> r.<String>getAs(QuarantineTable.RECORD_KEY))
        .containsExactly("1422120", "1426312", "9000001");
    assertThat(quarantined.get(0).<String>getAs(QuarantineTable.SOURCE_POSITION))
        .endsWith("1422120.json at $.info.teams");
    assertThat(quarantined.get(1).<String>getAs(QuarantineTable.SOURCE_POSITION))
        .endsWith("1426312.json at $.innings[0].overs[0].deliveries[0].batter");
    assertThat(quarantined.get(1).<String>getAs(QuarantineTable.REASON))
        .isEqualTo("'A Stranger' is not in the match's player pool (info.players)");
    assertThat(quarantined.get(2).<String>getAs(QuarantineTable.REASON)).contains("not valid JSON");
    assertThat(quarantined.get(2).<String>getAs(QuarantineTable.RAW_TEXT)).isEqualTo("{\"meta\": ");
  }
}
