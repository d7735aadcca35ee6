package dev.dugout.landing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dugout.cricsheet.ImportCricsheetJob;
import dev.dugout.cricsheet.ImportCricsheetOptions;
import dev.dugout.maintain.MaintainTables;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.EventsTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.QuarantineTable;
import dev.dugout.tables.SessionsTable;
import dev.dugout.tables.WalletTxnsTable;
import dev.dugout.testing.DemoData;
import dev.dugout.testing.TestEvents;
import dev.dugout.testing.TestLakehouse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing job from JSON-lines files, end to end on the embedded lakehouse: a real match
 * replayed as a feed lands as a direct import would; bad records are quarantined with their
 * reason and file:line; duplicates and replays land once; a late event lands in its own day.
 */
class LandingIT {
  static final String MATCH = "1370353";
  static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());
  static SparkSession spark;

  @TempDir static Path dir;

  @BeforeAll
  static void fresh() {
    spark = TestLakehouse.spark();
    TestLakehouse.freshTables();
  }

  static LandOptions availableNow(Path landing, String checkpoint) {
    return new LandOptions(LandOptions.Source.FILES, landing.toString(), List.of(), null, true, 0,
        dir.resolve(checkpoint).toString(), null);
  }

  static long count(String table, String where) {
    return spark.table(table).where(where).count();
  }

  @Test
  void aReplayedMatchLandsAsTheDirectImportWouldHaveWrittenIt() {
    Path landing = dir.resolve("feed");
    try (FeedWriter files = FeedWriter.files(landing, "feed", true)) {
      ReplayCricsheet.replay(DemoData.match(MATCH), files, Double.POSITIVE_INFINITY, QUIET);
    }
    LandEventsJob.run(spark, availableNow(landing, "cp-feed"), QUIET);

    String cols = "match_id, match_date, delivery_seq, innings, is_super_over, batting_team,"
        + " over_number, ball_in_over, batter_id, bowler_id, non_striker_id, runs_batter,"
        + " runs_extras, runs_total, non_boundary, extras_wides, extras_noballs, extras_byes,"
        + " extras_legbyes, extras_penalty, wickets";
    List<Row> landed = spark.sql("SELECT " + cols + " FROM " + DeliveriesTable.DEFINITION.name()
        + " WHERE match_id = '" + MATCH + "' ORDER BY delivery_seq").collectAsList();
    Row landedMatch = match();
    List<Row> landedPlayers = players();
    assertThat((long) landed.size()).isEqualTo(count(MATCH));

    ImportCricsheetJob.run(spark, new ImportCricsheetOptions(List.of(
        DemoData.match(MATCH).toString())), QUIET);
    List<Row> imported = spark.sql("SELECT " + cols + " FROM " + DeliveriesTable.DEFINITION.name()
        + " WHERE match_id = '" + MATCH + "' ORDER BY delivery_seq").collectAsList();
    assertThat(landed).isEqualTo(imported);
    assertThat(landedMatch).isEqualTo(match());
    assertThat(landedPlayers).isEqualTo(players());
    // Status history: scheduled, toss, lineups, live, completed.
    assertThat(spark.sql("SELECT status FROM core.match_status WHERE match_id = '" + MATCH
        + "' ORDER BY occurred_at, status").collectAsList().stream().map(r -> r.getString(0)))
        .containsExactlyInAnyOrder("SCHEDULED", "TOSS", "LINEUPS", "LIVE", "COMPLETED");
  }

  private static Row match() {
    return spark.table(MatchesTable.DEFINITION.name()).where("match_id = '" + MATCH + "'")
        .drop(MatchesTable.IMPORTED_AT, MatchesTable.RUN_ID).first();
  }

  private static List<Row> players() {
    return spark.table(MatchPlayersTable.DEFINITION.name()).where("match_id = '" + MATCH + "'")
        .drop(MatchPlayersTable.RUN_ID).orderBy(MatchPlayersTable.PLAYER_ID).collectAsList();
  }

  /** Deliveries of the match counted straight from the Cricsheet file: every ball of every over. */
  private static long count(String matchId) {
    String json = DemoData.read(DemoData.match(matchId));
    // Each delivery object of every over of every innings names its non-striker, once.
    return json.split("\"non_striker\"", -1).length - 1;
  }

  @Test
  void badRecordsAreQuarantinedWithTheirReasonAndPositionAndTheGoodOnesLand() throws IOException {
    Path landing = dir.resolve("bad");
    Files.createDirectories(landing);
    String t = Instant.parse("2026-05-01T10:00:00Z").toString();
    String ok = TestEvents.session("s-ok", t);
    List<String> lines = List.of(
        ok, // 1 lands
        "{not json", // 2
        TestEvents.session("s-2", t).replace("\"session\"", "\"sesion\""), // 3 unknown type
        TestEvents.session("s-3", t).replace("\"device_id\":\"d1\",", ""), // 4 missing field
        // 5: the version as a string
        TestEvents.session("s-4", t).replace("\"schema_version\":1", "\"schema_version\":\"1\""),
        TestEvents.wallet("w-1", t, "-500"), // 6 negative amount
        TestEvents.wallet("w-2", t, "\"500\""), // 7 amount ill-typed
        "", // 8 blank: skipped
        TestEvents.wallet("w-3", t, "500")); // 9 lands
    Files.writeString(landing.resolve("app-1.jsonl"), String.join("\n", lines) + "\n");
    Files.write(landing.resolve("app-2.jsonl"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
    LandEventsJob.run(spark, availableNow(landing, "cp-bad"), QUIET);

    Map<String, String> reasons = new HashMap<>();
    for (Row r : spark.table(QuarantineTable.DEFINITION.name()).where("source = 'files'")
        .collectAsList()) {
      String position = r.getAs(QuarantineTable.SOURCE_POSITION);
      reasons.put(position.substring(position.lastIndexOf('/') + 1), r.getAs(QuarantineTable.REASON));
      assertThat(r.<String>getAs(QuarantineTable.RAW_TEXT)).isNotNull();
    }
    assertThat(reasons).containsOnlyKeys("app-1.jsonl:2", "app-1.jsonl:3", "app-1.jsonl:4",
        "app-1.jsonl:5", "app-1.jsonl:6", "app-1.jsonl:7", "app-2.jsonl:1");
    assertThat(reasons.get("app-1.jsonl:2")).startsWith("not JSON");
    assertThat(reasons.get("app-1.jsonl:3")).contains("$.type").contains("'sesion'");
    assertThat(reasons.get("app-1.jsonl:4")).isEqualTo("$.payload.device_id: required field is"
        + " missing");
    assertThat(reasons.get("app-1.jsonl:5")).contains("$.schema_version");
    assertThat(reasons.get("app-1.jsonl:6")).contains("$.payload.amount_minor").contains("-500");
    assertThat(reasons.get("app-1.jsonl:7")).isEqualTo("$.payload.amount_minor: expected a 64-bit"
        + " integer, got \"500\"");
    assertThat(reasons.get("app-2.jsonl:1")).isEqualTo("not UTF-8 text");
    assertThat(count(SessionsTable.DEFINITION.name(), "session_id = 's-ok'")).isEqualTo(1);
    assertThat(count(WalletTxnsTable.DEFINITION.name(), "txn_id = 'w-3' AND amount_minor = 500"))
        .isEqualTo(1);
  }

  @Test
  void duplicatesAndReplaysLandOnceAndLateEventsLandInTheirDay() throws IOException {
    Path landing = dir.resolve("dups");
    Files.createDirectories(landing);
    String today = Instant.parse("2026-06-02T09:00:00Z").toString();
    String late = Instant.parse("2026-05-28T23:59:00Z").toString();
    // The same event twice in one file, once more in a second file; one late event.
    Files.writeString(landing.resolve("a.jsonl"), String.join("\n",
        TestEvents.session("dup-1", today), TestEvents.session("dup-1", today), TestEvents.session("dup-2", today)) + "\n");
    Files.writeString(landing.resolve("b.jsonl"), String.join("\n",
        TestEvents.session("dup-1", today), TestEvents.session("late-1", late)) + "\n");
    LandEventsJob.run(spark, availableNow(landing, "cp-dups"), QUIET);
    // The same files again under a fresh checkpoint: everything is a replay.
    LandEventsJob.run(spark, availableNow(landing, "cp-dups-again"), QUIET);

    Map<String, Long> events = spark.table(EventsTable.DEFINITION.name())
        .where("event_id IN ('ev-dup-1', 'ev-dup-2', 'ev-late-1')").groupBy("event_id").count()
        .collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    assertThat(events).containsExactlyInAnyOrderEntriesOf(
        Map.of("ev-dup-1", 1L, "ev-dup-2", 1L, "ev-late-1", 1L));
    assertThat(count(SessionsTable.DEFINITION.name(), "session_id IN ('dup-1', 'dup-2', 'late-1')"))
        .isEqualTo(3);
    // The late event is in its own day's partition of raw.events.
    assertThat(spark.sql("SELECT partition.occurred_at_day FROM raw.events.files").collectAsList()
        .stream().map(r -> r.get(0).toString())).contains("2026-05-28");
  }

  @Test
  void aCompactionRunningAlongsideTheLandingIsNotFatalAndLosesNothing() throws Exception {
    Path landing = dir.resolve("compact");
    Files.createDirectories(landing);
    String at = Instant.parse("2026-06-10T18:00:00Z").toString();
    int files = 12;
    for (int f = 0; f < files; f++) {
      List<String> lines = new java.util.ArrayList<>();
      for (int i = 0; i < 100; i++) {
        lines.add(TestEvents.session("c-" + f + "-" + i, at));
      }
      Files.writeString(landing.resolve(String.format("c-%02d.jsonl", f)),
          String.join("\n", lines) + "\n");
    }
    // One file per micro-batch, every 500 ms, while compactions of the same tables run.
    java.util.concurrent.CompletableFuture<?> land = java.util.concurrent.CompletableFuture
        .runAsync(() -> LandEventsJob.run(spark, new LandOptions(LandOptions.Source.FILES,
            landing.toString(), List.of(), java.time.Duration.ofMillis(500), false, 1,
            dir.resolve("cp-compact").toString(), java.time.Duration.ofSeconds(4)), QUIET));
    long rewritten = 0;
    int compactions = 0;
    while (!land.isDone()) {
      for (var table : List.of(EventsTable.DEFINITION, SessionsTable.DEFINITION)) {
        Object n = MaintainTables.run(spark, table, MaintainTables.Action.COMPACT).result()
            .get("rewritten_data_files_count");
        rewritten += n == null ? 0 : ((Number) n).longValue();
      }
      compactions++;
    }
    land.join();
    assertThat(compactions).isGreaterThan(1);
    assertThat(rewritten).as("compactions that rewrote files while the landing ran").isPositive();
    assertThat(count(EventsTable.DEFINITION.name(), "event_id LIKE 'ev-c-%'")).isEqualTo(files * 100);
    assertThat(count(SessionsTable.DEFINITION.name(), "session_id LIKE 'c-%'")).isEqualTo(files * 100);
  }

  /**
   * The check moves hashes of keys, not keys: a key whose hash repeats in the batch, or matches a
   * stored key's, is only a candidate. Handed such candidates, the write compares the keys
   * themselves: a false candidate (no real repeat, a "held" key the batch does not have) removes
   * nothing, and a real repeat and a really stored key still land once.
   */
  @Test
  void theWriteComparesKeysThemselvesSoCandidatesFromSharedHashesRemoveNothingElse() {
    InsertNew.Target sessions = InsertNew.Target.insertOnly(SessionsTable.DEFINITION,
        List.of(SessionsTable.SESSION_ID), SessionsTable.STARTED_AT, InsertNew.Prune.RANGE);
    java.sql.Timestamp at = java.sql.Timestamp.from(Instant.parse("2026-06-20T12:00:00Z"));
    org.apache.spark.sql.types.StructType schema =
        org.apache.iceberg.spark.SparkSchemaUtil.convert(SessionsTable.DEFINITION.schema());
    java.util.function.Function<String, Row> session = id -> org.apache.spark.sql.RowFactory
        .create(id, "u1", "d1", "10.0.0.1", "9.1", at, "ev-" + id, "run-h");

    // No real repeat, and a "held" key that is not in the batch: both rows land.
    long added = InsertNew.write(spark, spark.createDataFrame(List.of(session.apply("h-1"),
        session.apply("h-2")), schema), sessions,
        new InsertNew.Check("", true, List.of("h-elsewhere")), "hash_candidates_1");
    assertThat(added).isEqualTo(2);
    // A real repeat (h-3 twice) and a really stored key (h-1): h-3 lands once, h-1 not again.
    added = InsertNew.write(spark, spark.createDataFrame(List.of(session.apply("h-1"),
        session.apply("h-3"), session.apply("h-3")), schema), sessions,
        new InsertNew.Check("", true, List.of("h-1", "h-elsewhere")), "hash_candidates_2");
    assertThat(added).isEqualTo(1);
    assertThat(spark.table(SessionsTable.DEFINITION.name()).where("session_id LIKE 'h-%'")
        .groupBy("session_id").count().collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1))))
        .containsExactlyInAnyOrderEntriesOf(Map.of("h-1", 1L, "h-2", 1L, "h-3", 1L));
  }
}
