package dev.dugout.settlement;

import dev.dugout.lakehouse.Commits;
import dev.dugout.lakehouse.Lakehouse;
import dev.dugout.tables.SettlementsTable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.spark.sql.SparkSession;

/**
 * One settlement of a match at a time, across processes and machines: a property of
 * {@code ops.settlements} ({@value #PREFIX}{@code <match>}) names the run that holds the match.
 * It is set and cleared by the catalog's compare-and-swap of the table's metadata (the commit
 * every Iceberg writer makes, here with the check "nobody holds it" made against the very metadata
 * being replaced), so of two runs that try at once exactly one gets it.
 *
 * <p>A settlement that writes takes it before it reads the published settlement it compares with
 * and keeps it until its record is written: a second run can neither diff against a settlement
 * that is being replaced nor publish on top of it. A run that dies holding it (SIGKILL, a lost
 * node) leaves it set; {@link #release} with no holder named clears it, for an operator who has
 * checked that the run is gone.
 */
public final class SettlementLock implements AutoCloseable {
  static final String PREFIX = "dugout.settling.";
  private static final int ATTEMPTS = 20;

  private final SparkSession spark;
  private final String matchId;
  private final String holder;
  private boolean kept;

  private SettlementLock(SparkSession spark, String matchId, String holder) {
    this.spark = spark;
    this.matchId = matchId;
    this.holder = holder;
  }

  /**
   * Takes the match for {@code runId}.
   *
   * @throws IllegalStateException naming the run that holds it, and how to clear a dead run's hold
   */
  public static SettlementLock acquire(SparkSession spark, String matchId, String runId,
      String operator) {
    String holder = runId + " (operator " + operator + ", since " + Instant.now() + ")";
    swap(spark, matchId, current -> {
      if (current != null) {
        throw new IllegalStateException("settle: match " + matchId + " is being settled by "
            + current + "; nothing was settled. Wait for that run to end. If it died (killed, or"
            + " its machine lost), check `dugout sql \"SELECT * FROM "
            + SettlementsTable.DEFINITION.name() + " WHERE match_id = '" + matchId + "'\"`, then"
            + " clear its hold with `dugout settle --match " + matchId + " --release-lock`");
      }
      return holder;
    });
    return new SettlementLock(spark, matchId, holder);
  }

  /** Who holds the match, or null. */
  public static String holder(SparkSession spark, String matchId) {
    return operations(spark).refresh().properties().get(PREFIX + matchId);
  }

  /** Clears a hold left by a run that died; returns who held it (null if nobody did). */
  public static String release(SparkSession spark, String matchId) {
    String[] was = {null};
    swap(spark, matchId, current -> {
      was[0] = current;
      return null;
    });
    return was[0];
  }

  /** Leaves the hold in place on close: what the run did needs an operator's look first. */
  void keep() {
    kept = true;
  }

  @Override
  public void close() {
    if (kept) {
      return;
    }
    swap(spark, matchId, current -> {
      if (!holder.equals(current)) {
        throw new IllegalStateException("settle: the hold on match " + matchId + " is no longer "
            + holder + " but " + current + "; it was cleared while this run held it");
      }
      return null;
    });
  }

  /**
   * Replaces the property by {@code change(current)} (null removes it) in one commit based on the
   * metadata it was read from; a concurrent commit to the table makes the catalog refuse it, and
   * it is tried again on the new metadata.
   */
  private static void swap(SparkSession spark, String matchId, Function<String, String> change) {
    TableOperations ops = operations(spark);
    String key = PREFIX + matchId;
    Commits.retryingConflicts(ATTEMPTS, () -> {
      TableMetadata base = ops.refresh();
      String next = change.apply(base.properties().get(key));
      Map<String, String> properties = new HashMap<>(base.properties());
      if (next == null) {
        properties.remove(key);
      } else {
        properties.put(key, next);
      }
      if (!properties.equals(base.properties())) {
        ops.commit(base, base.replaceProperties(properties));
      }
    });
  }

  private static TableOperations operations(SparkSession spark) {
    return ((HasTableOperations) Lakehouse.icebergCatalog(spark)
        .loadTable(SettlementsTable.DEFINITION.identifier())).operations();
  }
}
