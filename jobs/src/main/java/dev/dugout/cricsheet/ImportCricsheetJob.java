package dev.dugout.cricsheet;

import dev.dugout.lakehouse.MatchScope;
import dev.dugout.quality.WriteAuditPublish;
import dev.dugout.quality.checks.DeliveriesChecks;
import dev.dugout.quarantine.Quarantine;
import dev.dugout.quarantine.QuarantineRecord;
import dev.dugout.runs.JobOutcome;
import dev.dugout.runs.JobRun;
import dev.dugout.runs.JobRunner;
import dev.dugout.tables.DeliveriesTable;
import dev.dugout.tables.MatchPlayersTable;
import dev.dugout.tables.MatchesTable;
import dev.dugout.tables.TableDefinition;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code dugout import cricsheet PATH...}: Cricsheet files into core.matches, core.match_players
 * and core.deliveries, through the quality gate.
 *
 * <p>Idempotent by match id: re-importing a match replaces it; a higher {@code meta.revision}
 * replaces a lower one; a lower revision than the stored one is refused. A malformed file is
 * quarantined with its reason and the other files are still imported.
 */
public final class ImportCricsheetJob {
  static final String SOURCE = "cricsheet";
  private static final List<TableDefinition> WRITES =
      List.of(MatchesTable.DEFINITION, MatchPlayersTable.DEFINITION, DeliveriesTable.DEFINITION);

  private ImportCricsheetJob() {}

  public static JobOutcome run(SparkSession spark, ImportCricsheetOptions options, PrintStream out) {
    return JobRunner.run(spark, "import cricsheet", options.asMap(), run -> execute(run, options, out));
  }

  private static JobOutcome execute(JobRun run, ImportCricsheetOptions options, PrintStream out) {
    SparkSession spark = run.spark();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<CricsheetFiles.SourceFile> files = CricsheetFiles.expand(options.paths(), hadoop);
    Map<String, CricsheetMatch> accepted = new LinkedHashMap<>();
    List<QuarantineRecord> rejected = new ArrayList<>();
    for (CricsheetFiles.SourceFile file : files) {
      String text = CricsheetFiles.read(file, hadoop);
      try {
        CricsheetMatch match = CricsheetParser.parse(file.name(), text);
        CricsheetMatch earlier = accepted.get(match.matchId());
        if (earlier != null && earlier.revision() > match.revision()) {
          rejected.add(refused(file, match, earlier.revision(), text));
          continue;
        }
        accepted.put(match.matchId(), match);
      } catch (CricsheetFormatException e) {
        out.println("  rejected " + e.getMessage());
        rejected.add(new QuarantineRecord(SOURCE, file.path() + " at " + e.jsonPath(),
            CricsheetParser.matchIdOf(file.name()), e.problem(), text));
      }
    }
    Map<String, Integer> stored = storedRevisions(run, List.copyOf(accepted.keySet()));
    List<String> replaced = new ArrayList<>();
    for (CricsheetMatch m : List.copyOf(accepted.values())) {
      Integer storedRevision = stored.get(m.matchId());
      if (storedRevision != null && m.revision() < storedRevision) {
        accepted.remove(m.matchId());
        CricsheetFiles.SourceFile file = files.stream()
            .filter(f -> f.name().equals(m.sourceFile())).findFirst().orElseThrow();
        QuarantineRecord record = refused(file, m, storedRevision, CricsheetFiles.read(file, hadoop));
        out.println("  refused " + record.position() + ": " + record.reason());
        rejected.add(record);
      } else if (storedRevision != null) {
        replaced.add(m.matchId() + " (revision " + storedRevision + " -> " + m.revision() + ")");
      }
    }
    // Quarantine first: the rejects are kept even if the gate later refuses the batch.
    Quarantine.append(spark, run.runId(), rejected);
    Map<String, Long> published = Map.of();
    long deliveries = 0;
    if (!accepted.isEmpty()) {
      deliveries = accepted.values().stream().mapToLong(m -> m.deliveries().size()).sum();
      published = write(run, List.copyOf(accepted.values()));
    }
    String summary = String.format(
        "import cricsheet: %d file(s) read, %d match(es) imported (%d replaced), %d delivery rows,"
            + " %d quarantined; run %s",
        files.size(), accepted.size(), replaced.size(), deliveries, rejected.size(), run.runId());
    if (!replaced.isEmpty()) {
      out.println("  replaced " + String.join(", ", replaced));
    }
    return new JobOutcome(run.runId(), files.size(), deliveries, published, summary);
  }

  private static QuarantineRecord refused(CricsheetFiles.SourceFile file, CricsheetMatch m,
      int newerRevision, String text) {
    return new QuarantineRecord(SOURCE, file.path() + " at $.meta.revision", m.matchId(),
        "revision " + m.revision() + " of match " + m.matchId() + " is older than revision "
            + newerRevision + " already held; refused (a lower revision never replaces a higher)",
        text);
  }

  private static Map<String, Integer> storedRevisions(JobRun run, List<String> matchIds) {
    Map<String, Integer> revisions = new HashMap<>();
    if (matchIds.isEmpty()) {
      return revisions;
    }
    for (Row row : run.readMain(MatchesTable.DEFINITION)
        .where(new MatchScope(matchIds).filter(MatchesTable.MATCH_ID))
        .select(MatchesTable.MATCH_ID, MatchesTable.REVISION).collectAsList()) {
      revisions.put(row.getString(0), row.getInt(1));
    }
    return revisions;
  }

  private static Map<String, Long> write(JobRun run, List<CricsheetMatch> matches) {
    SparkSession spark = run.spark();
    Timestamp now = Timestamp.from(Instant.now());
    List<Row> matchRows = new ArrayList<>();
    List<Row> playerRows = new ArrayList<>();
    List<Row> deliveryRows = new ArrayList<>();
    for (CricsheetMatch m : matches) {
      matchRows.add(CricsheetRows.match(m, now, run.runId()));
      playerRows.addAll(CricsheetRows.players(m, run.runId()));
      deliveryRows.addAll(CricsheetRows.deliveries(m, run.runId()));
    }
    MatchScope scope = new MatchScope(matches.stream().map(CricsheetMatch::matchId).toList());
    try (WriteAuditPublish wap = WriteAuditPublish.begin(spark, run.runId(), WRITES)) {
      scope.replaceOnBranch(wap, MatchesTable.DEFINITION, MatchesTable.MATCH_ID,
          spark.createDataFrame(matchRows, matchRows.get(0).schema()));
      scope.replaceOnBranch(wap, MatchPlayersTable.DEFINITION, MatchPlayersTable.MATCH_ID,
          spark.createDataFrame(playerRows, playerRows.get(0).schema()));
      scope.replaceOnBranch(wap, DeliveriesTable.DEFINITION, DeliveriesTable.MATCH_ID,
          spark.createDataFrame(deliveryRows, deliveryRows.get(0).schema()));
      return wap.auditAndPublish(List.of(
          new WriteAuditPublish.Audit(new DeliveriesChecks(), scope.filter(DeliveriesTable.MATCH_ID))));
    }
  }

}
