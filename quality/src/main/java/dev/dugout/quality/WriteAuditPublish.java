package dev.dugout.quality;

import dev.dugout.lakehouse.Commits;
import dev.dugout.lakehouse.Futures;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.TableDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Write-audit-publish for one job run over one or more tables.
 *
 * <ol>
 *   <li>{@link #begin}: a branch {@code wap_<run id>} is created on every table the run writes,
 *       at the table's current {@code main}.
 *   <li>The job writes to {@link #branchTable} (deletes and appends alike).
 *   <li>{@link #auditAndPublish}: the checks run on the branch, scoped to the rows the run wrote;
 *       results go to {@code dq.check_results}. Only if no error-level check failed is {@code
 *       main} fast-forwarded to the branch, table by table; otherwise the run fails with the failed
 *       constraints and {@code main} is untouched.
 *   <li>{@link #close}: the branches are removed either way.
 * </ol>
 *
 * <p>Fast-forward only succeeds when {@code main} has not moved since {@link #begin}; a concurrent
 * writer makes this run fail instead of silently losing that writer's commit. A run begun with
 * {@link #beginAppends} only appends rows no concurrent writer can also write (its caller makes
 * sure, e.g. by holding the match): when {@code main} has moved, its branch's commits are
 * cherry-picked onto {@code main} instead, so that runs over other keys of the same tables do not
 * make it fail.
 */
public final class WriteAuditPublish implements AutoCloseable {
  private final SparkSession spark;
  private final Catalog catalog;
  private final String runId;
  private static final int CONFLICT_RETRIES = 8;
  private final String branch;
  private final List<TableDefinition> tables;
  private final boolean appendsOnly;
  /** Each table's main when the branch was made (null: the table had no snapshot). */
  private final Map<String, Long> bases = new java.util.HashMap<>();
  private final List<String> publishedTables = new ArrayList<>();
  private boolean finished;

  private WriteAuditPublish(SparkSession spark, String runId, List<TableDefinition> tables,
      boolean appendsOnly) {
    this.spark = spark;
    this.catalog = Lakehouse.icebergCatalog(spark);
    this.runId = runId;
    this.branch = "wap_" + runId.replaceAll("[^A-Za-z0-9_]", "_");
    this.tables = List.copyOf(tables);
    this.appendsOnly = appendsOnly;
  }

  private final Map<String, Double> auditSeconds = new LinkedHashMap<>();

  public static WriteAuditPublish begin(SparkSession spark, String runId,
      List<TableDefinition> tables) {
    return begin(new WriteAuditPublish(spark, runId, tables, false));
  }

  /**
   * A run that only appends, and whose rows no concurrent writer of these tables can also write:
   * published by fast-forward, or by cherry-picking its commits when {@code main} has moved.
   */
  public static WriteAuditPublish beginAppends(SparkSession spark, String runId,
      List<TableDefinition> tables) {
    return begin(new WriteAuditPublish(spark, runId, tables, true));
  }

  private static WriteAuditPublish begin(WriteAuditPublish wap) {
    for (TableDefinition def : wap.tables) {
      wap.retryingConflicts(def, table -> {
        if (table.currentSnapshot() == null) {
          table.manageSnapshots().createBranch(wap.branch).commit();
          wap.bases.put(def.name(), null);
        } else {
          long base = table.currentSnapshot().snapshotId();
          table.manageSnapshots().createBranch(wap.branch, base).commit();
          wap.bases.put(def.name(), base);
        }
      });
    }
    return wap;
  }

  public String branch() {
    return branch;
  }

  /** The identifier to write to, e.g. {@code core.deliveries.branch_wap_<run>}. */
  public String branchTable(TableDefinition def) {
    requireWritten(def);
    return def.name() + ".branch_" + branch;
  }

  /** A table as this run sees it: its audit branch if the run writes it, else {@code main}. */
  public Dataset<Row> read(TableDefinition def) {
    return tables.contains(def)
        ? spark.read().option("branch", branch).table(def.name())
        : spark.table(def.name());
  }

  /** Snapshot id at the head of the run's branch (what would be published). */
  public Long branchSnapshotId(TableDefinition def) {
    SnapshotRef ref = load(def).refs().get(branch);
    return ref == null ? null : ref.snapshotId();
  }

  /** A check over the rows of {@code scope} (e.g. the matches this run wrote). */
  public record Audit(TableChecks checks, Column scope) {}

  /** Seconds each table's checks took, in audit order (their outcomes are stored after). */
  public Map<String, Double> auditSeconds() {
    return java.util.Collections.unmodifiableMap(auditSeconds);
  }

  /**
   * Runs every audit, stores all outcomes, and publishes all tables only if no error-level
   * constraint failed. Returns the snapshot id now at the head of {@code main}, per table.
   *
   * @throws QualityGateException listing the failed constraints; {@code main} is then untouched
   */
  public Map<String, Long> auditAndPublish(List<Audit> audits) {
    audit(audits);
    return publish();
  }

  /**
   * Runs every audit and stores all outcomes without publishing (a run that stages its result for
   * review); {@link #close} then drops the branches.
   *
   * @throws QualityGateException listing the failed constraints
   */
  public void audit(List<Audit> audits) {
    Instant checkedAt = Instant.now();
    // The tables are checked at once, each on a thread of its own: a table's checks are a few
    // Spark jobs, and one table's planning and small jobs fill the gaps between another's tasks.
    List<java.util.concurrent.Callable<CheckResultsWriter.Checked>> work = new ArrayList<>();
    Map<String, Double> seconds = new java.util.concurrent.ConcurrentHashMap<>();
    for (Audit audit : audits) {
      work.add(() -> {
        long started = System.nanoTime();
        TableDefinition def = audit.checks().table();
        Dataset<Row> data = audit.checks().auditData(this::read).where(audit.scope());
        CheckReport report = DeequRunner.run(def.name(), data, audit.checks().checks());
        seconds.put(def.name(), (System.nanoTime() - started) / 1e9);
        return new CheckResultsWriter.Checked(report, branchSnapshotId(def));
      });
    }
    List<CheckResultsWriter.Checked> checked = Futures.all("audit-" + branch, work);
    for (Audit audit : audits) {
      auditSeconds.put(audit.checks().table().name(), seconds.get(audit.checks().table().name()));
    }
    // All outcomes in one commit: a run auditing several tables adds one snapshot (and one small
    // file) to dq.check_results, not one per table.
    CheckResultsWriter.append(spark, runId, branch, checked, checkedAt);
    if (checked.stream().anyMatch(c -> c.report().blocksPublishing())) {
      throw new QualityGateException(runId,
          checked.stream().map(CheckResultsWriter.Checked::report).toList());
    }
  }

  private Map<String, Long> publish() {
    Map<String, Long> published = new LinkedHashMap<>();
    for (TableDefinition def : tables) {
      Table table = load(def);
      Snapshot head = table.snapshot(branch);
      if (table.currentSnapshot() == null) {
        retryingConflicts(def, t -> t.manageSnapshots()
            .createBranch(SnapshotRef.MAIN_BRANCH, head.snapshotId()).commit());
        published.put(def.name(), head.snapshotId());
      } else if (appendsOnly) {
        published.put(def.name(), cherryPick(def, table, head));
      } else {
        // A conflict with another writer's branch commit is retried on fresh metadata; if main
        // itself moved, the fast-forward's own check fails and nothing more is published.
        retryingConflicts(def, t -> t.manageSnapshots()
            .fastForwardBranch(SnapshotRef.MAIN_BRANCH, branch).commit());
        published.put(def.name(), head.snapshotId());
      }
      publishedTables.add(def.name());
    }
    finished = true;
    return published;
  }

  /**
   * Applies the branch's own commits (those after its base), oldest first, to main: each is a
   * fast-forward when main is still its parent, else its files are appended to main as they are.
   * Returns main's snapshot after the last.
   */
  private long cherryPick(TableDefinition def, Table table, Snapshot head) {
    Long base = bases.get(def.name());
    java.util.Deque<Long> own = new java.util.ArrayDeque<>();
    for (Snapshot s = head; s != null && !java.util.Objects.equals(s.snapshotId(), base);
        s = s.parentId() == null ? null : table.snapshot(s.parentId())) {
      own.push(s.snapshotId());
    }
    long[] main = {table.currentSnapshot().snapshotId()};
    for (long id : own) {
      retryingConflicts(def, fresh -> {
        fresh.manageSnapshots().cherrypick(id).commit();
        main[0] = fresh.currentSnapshot().snapshotId();
      });
    }
    return main[0];
  }

  /** The tables whose main this run has moved so far (all of them once published). */
  public List<String> publishedTables() {
    return List.copyOf(publishedTables);
  }

  /** Removes the audit branches; what was published stays on {@code main}. */
  @Override
  public void close() {
    for (TableDefinition def : tables) {
      retryingConflicts(def, table -> {
        if (table.refs().containsKey(branch)) {
          table.manageSnapshots().removeBranch(branch).commit();
        }
      });
    }
  }

  public boolean published() {
    return finished;
  }

  /**
   * Runs a snapshot-reference change on freshly loaded metadata, again when a concurrent commit to
   * the same table (another run's branch) got in first.
   */
  private void retryingConflicts(TableDefinition def, java.util.function.Consumer<Table> change) {
    Commits.retryingConflicts(CONFLICT_RETRIES, () -> change.accept(load(def)));
  }


  private Table load(TableDefinition def) {
    return catalog.loadTable(def.identifier());
  }

  private void requireWritten(TableDefinition def) {
    if (!tables.contains(def)) {
      throw new IllegalArgumentException(
          def.name() + " is not among the tables of run " + runId + ": " + tables);
    }
  }
}
