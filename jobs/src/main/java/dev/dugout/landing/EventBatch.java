package dev.dugout.landing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.concat_ws;

import dev.dugout.lakehouse.Futures;
import dev.dugout.landing.InsertNew.Prune;
import dev.dugout.landing.InsertNew.Target;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.ContestsTable;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.EventPayloads;
import dev.dugout.tables.EventPayloads.Type;
import dev.dugout.tables.EventsTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchStatusTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.PrizeTablesTable;
import dev.dugout.tables.QuarantineTable;
import dev.dugout.tables.SessionsTable;
import dev.dugout.tables.UserTeamsTable;
import dev.dugout.tables.WalletTxnsTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Lands one micro-batch: parses every record, quarantines the refused ones with their reason and
 * position, appends the new events to {@code raw.events} and their typed rows to the core tables
 * their types feed. Every write inserts only keys the table does not hold ({@link InsertNew}), one
 * commit per table, so a batch replayed after a crash, or an event sent twice, lands once.
 */
final class EventBatch {
  private final SparkSession spark;
  private final String runId;
  private final String sourceName;

  EventBatch(SparkSession spark, String runId, String sourceName) {
    this.spark = spark;
    this.runId = runId;
    this.sourceName = sourceName;
  }

  /** What a batch did. */
  record Result(long batchId, long records, long quarantined, long events, long newEvents,
      Map<String, Long> rowsAdded, Instant startedAt, Instant committedAt) {}

  /** @param input rows of {@link LandedRecords#INPUT}: position, bytes, error */
  Result land(Dataset<Row> input, long batchId) {
    Instant started = Instant.now();
    Timestamp landedAt = Timestamp.from(started);
    // The parsed batch is read a few times and then dropped: compressing the cache (gathering
    // dictionary and run-length statistics on every string) cost more than it saved.
    input.sparkSession().conf().set("spark.sql.inMemoryColumnarStorage.compressed", "false");
    Dataset<Row> parsed = input
        .mapPartitions(LandedRecords::parse, Encoders.row(LandedRecords.SCHEMA))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> counts = new LinkedHashMap<>();
      long records = 0;
      long quarantined = 0;
      for (Row r : parsed.groupBy(LandedRecords.TYPE).count().collectAsList()) {
        String type = r.isNullAt(0) ? null : r.getString(0);
        records += r.getLong(1);
        if (type == null) {
          quarantined = r.getLong(1);
        } else {
          counts.put(type, r.getLong(1));
        }
      }
      Writes writes = new Writes("land_" + batchId + "_");
      if (quarantined > 0) {
        writes.add(quarantine(parsed, landedAt), Target.insertOnly(QuarantineTable.DEFINITION,
            List.of(QuarantineTable.QUARANTINE_ID), QuarantineTable.SOURCE, Prune.VALUES));
      }
      long events = records - quarantined;
      if (events > 0) {
        Dataset<Row> accepted = parsed.filter(col(LandedRecords.OK));
        writes.add(raw(accepted, landedAt), Target.insertOnly(EventsTable.DEFINITION,
            List.of(EventsTable.EVENT_ID), EventsTable.OCCURRED_AT, Prune.RANGE));
        for (Type type : Type.values()) {
          if (counts.containsKey(type.wireName())) {
            Dataset<Row> ofType = accepted.filter(col(LandedRecords.TYPE).equalTo(type.wireName()));
            typed(type, ofType, landedAt, writes);
          }
        }
      }
      Map<String, Long> added = writes.run();
      return new Result(batchId, records, quarantined, events,
          added.getOrDefault(EventsTable.DEFINITION.name(), 0L), added, started, Instant.now());
    } finally {
      parsed.unpersist();
    }
  }

  private Dataset<Row> quarantine(Dataset<Row> parsed, Timestamp landedAt) {
    return parsed.filter(col(LandedRecords.OK).equalTo(false)).select(
        // The same record at the same position always gets the same id: idempotent.
        sha2(concat_ws("|", lit(sourceName), col(LandedRecords.POSITION)), 256)
            .as(QuarantineTable.QUARANTINE_ID),
        lit(sourceName).as(QuarantineTable.SOURCE),
        col(LandedRecords.POSITION).as(QuarantineTable.SOURCE_POSITION),
        col(LandedRecords.RECORD_KEY).as(QuarantineTable.RECORD_KEY),
        col(LandedRecords.REASON).as(QuarantineTable.REASON),
        col(LandedRecords.RAW_TEXT).as(QuarantineTable.RAW_TEXT),
        lit(landedAt).as(QuarantineTable.QUARANTINED_AT),
        lit(runId).as(QuarantineTable.RUN_ID));
  }

  private Dataset<Row> raw(Dataset<Row> accepted, Timestamp landedAt) {
    return accepted.select(
        col(LandedRecords.EVENT_ID).as(EventsTable.EVENT_ID),
        col(LandedRecords.TYPE).as(EventsTable.TYPE),
        col(LandedRecords.SCHEMA_VERSION).as(EventsTable.SCHEMA_VERSION),
        col(LandedRecords.OCCURRED_AT).as(EventsTable.OCCURRED_AT),
        col(LandedRecords.SOURCE).as(EventsTable.SOURCE),
        col(LandedRecords.PAYLOAD).as(EventsTable.PAYLOAD),
        col(LandedRecords.POSITION).as(EventsTable.SOURCE_POSITION),
        lit(landedAt).as(EventsTable.LANDED_AT),
        lit(runId).as(EventsTable.RUN_ID));
  }

  /** The typed rows of one event type, to each table the type feeds. */
  private void typed(Type type, Dataset<Row> events, Timestamp landedAt, Writes writes) {
    String p = type.wireName() + ".";
    Column run = lit(runId).as("run_id");
    switch (type) {
      case DELIVERY -> writes.add(events.select(col(p + "*"), run),
          Target.insertOnly(DeliveriesTable.DEFINITION,
              List.of(DeliveriesTable.MATCH_ID, DeliveriesTable.DELIVERY_SEQ),
              DeliveriesTable.MATCH_ID, Prune.VALUES));
      case MATCH_STATUS -> {
        writes.add(events.select(col(p + MatchStatusTable.MATCH_ID), col(p + MatchStatusTable.STATUS),
                col(LandedRecords.OCCURRED_AT).as(MatchStatusTable.OCCURRED_AT),
                col(p + MatchStatusTable.DETAIL), col(LandedRecords.EVENT_ID), run),
            Target.insertOnly(MatchStatusTable.DEFINITION, List.of(MatchStatusTable.EVENT_ID),
                MatchStatusTable.MATCH_ID, Prune.VALUES));
        Dataset<Row> players = events
            .filter(col(p + EventPayloads.MATCH_STATUS_PLAYERS).isNotNull())
            .select(explode(col(p + EventPayloads.MATCH_STATUS_PLAYERS)).as("player"))
            .select(col("player.*"), run);
        writes.addIfAny(players, Target.insertOnly(MatchPlayersTable.DEFINITION,
            List.of(MatchPlayersTable.MATCH_ID, MatchPlayersTable.PLAYER_ID),
            MatchPlayersTable.MATCH_ID, Prune.VALUES));
        // A result replaces the stored match only with a higher revision (as the import does).
        Dataset<Row> matches = events.filter(col(p + EventPayloads.MATCH_STATUS_MATCH).isNotNull())
            .select(col(p + EventPayloads.MATCH_STATUS_MATCH + ".*"),
                lit(landedAt).as(MatchesTable.IMPORTED_AT), run);
        writes.addIfAny(matches, new Target(MatchesTable.DEFINITION, List.of(MatchesTable.MATCH_ID),
            MatchesTable.MATCH_ID, Prune.NONE, "s.revision > t.revision"));
      }
      case CONTEST_CREATED -> {
        writes.add(events.select(col(p + "*"), run).drop(EventPayloads.CONTEST_PRIZES),
            Target.insertOnly(ContestsTable.DEFINITION, List.of(ContestsTable.CONTEST_ID),
                ContestsTable.MATCH_ID, Prune.VALUES));
        writes.add(events.select(col(p + ContestsTable.PRIZE_TABLE_ID), col(p + ContestsTable.MATCH_ID),
                explode(col(p + EventPayloads.CONTEST_PRIZES)).as("prize"))
                .select(col(PrizeTablesTable.PRIZE_TABLE_ID), col(PrizeTablesTable.MATCH_ID),
                    col("prize.*"), run),
            Target.insertOnly(PrizeTablesTable.DEFINITION,
                List.of(PrizeTablesTable.PRIZE_TABLE_ID, PrizeTablesTable.RANK_FROM),
                PrizeTablesTable.MATCH_ID, Prune.VALUES));
      }
      case TEAM_SAVED -> writes.add(events.select(col(p + "*"), run),
          Target.insertOnly(UserTeamsTable.DEFINITION, List.of(UserTeamsTable.TEAM_ID),
              UserTeamsTable.MATCH_ID, Prune.VALUES));
      case CONTEST_JOINED -> writes.add(events.select(col(p + "*"), run),
          Target.insertOnly(ContestEntriesTable.DEFINITION, List.of(ContestEntriesTable.ENTRY_ID),
              ContestEntriesTable.MATCH_ID, Prune.VALUES));
      case WALLET_TXN -> writes.add(events.select(col(p + "*"),
              col(LandedRecords.OCCURRED_AT).as(WalletTxnsTable.OCCURRED_AT),
              col(LandedRecords.EVENT_ID), run),
          Target.insertOnly(WalletTxnsTable.DEFINITION, List.of(WalletTxnsTable.TXN_ID),
              WalletTxnsTable.OCCURRED_AT, Prune.RANGE));
      case SESSION -> writes.add(events.select(col(p + "*"), col(LandedRecords.EVENT_ID), run),
          Target.insertOnly(SessionsTable.DEFINITION, List.of(SessionsTable.SESSION_ID),
              SessionsTable.STARTED_AT, Prune.RANGE));
      default -> throw new IllegalStateException("no table for " + type);
    }
  }

  /**
   * The batch's writes, one per table, run concurrently: each is its own commit to its own table,
   * and on a small cluster most of a write's time is planning and committing on the driver.
   */
  private final class Writes {
    private final String prefix;
    private final List<Dataset<Row>> rows = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    Writes(String prefix) {
      this.prefix = prefix;
    }

    void add(Dataset<Row> data, Target target) {
      rows.add(data);
      targets.add(target);
    }

    void addIfAny(Dataset<Row> data, Target target) {
      if (!data.isEmpty()) {
        add(data, target);
      }
    }

    Map<String, Long> run() {
      // Every insert-only table's keys are checked at once, before any table is written.
      List<Dataset<Row>> checkedRows = new ArrayList<>();
      List<Target> checked = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (targets.get(i).upsertWhen() == null) {
          checkedRows.add(rows.get(i));
          checked.add(targets.get(i));
        }
      }
      Iterator<InsertNew.Check> checks = InsertNew.check(checkedRows, checked).iterator();
      ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, rows.size())));
      try {
        List<Future<Long>> done = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
          Dataset<Row> data = rows.get(i);
          Target target = targets.get(i);
          InsertNew.Check check = target.upsertWhen() == null ? checks.next() : null;
          String view = prefix + target.table().identifier().name();
          done.add(pool.submit(() -> InsertNew.write(spark, data, target, check, view)));
        }
        Map<String, Long> added = new LinkedHashMap<>();
        for (int i = 0; i < done.size(); i++) {
          added.merge(targets.get(i).table().name(), Futures.result(done.get(i),
              "land: writing " + targets.get(i).table().name()), Long::sum);
        }
        return added;
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
