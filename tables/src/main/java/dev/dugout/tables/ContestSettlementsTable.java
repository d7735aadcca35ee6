package dev.dugout.tables;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SortOrder;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/** {@code gold.contest_settlements}: per settlement and contest, the money's full account. */
public final class ContestSettlementsTable {
  private ContestSettlementsTable() {}

  public static final String SETTLEMENT_ID = "settlement_id";
  public static final String MATCH_ID = "match_id";
  public static final String CONTEST_ID = "contest_id";
  public static final String STATUS = "status";
  public static final String KIND = "kind";
  public static final String CURRENCY = "currency";
  public static final String ENTRIES = "entries";
  public static final String MAX_ENTRIES = "max_entries";
  public static final String FEES_COLLECTED_MINOR = "fees_collected_minor";
  public static final String PRIZE_POOL_MINOR = "prize_pool_minor";
  public static final String PAID_MINOR = "paid_minor";
  public static final String REFUNDED_MINOR = "refunded_minor";
  public static final String TIE_REMAINDER_MINOR = "tie_remainder_minor";
  public static final String SCALING_REMAINDER_MINOR = "scaling_remainder_minor";
  public static final String SHORTFALL_MINOR = "shortfall_minor";
  public static final String PAYOUT_FINGERPRINT = "payout_fingerprint";
  public static final String RANK_FINGERPRINT = "rank_fingerprint";
  public static final String RANK_BLOCK_FINGERPRINTS = "rank_block_fingerprints";

  /** SETTLED pays the prize table; the other two refund every entry. */
  public enum Status { SETTLED, CANCELLED_UNDERFILLED, REFUNDED_NO_RESULT }

  public static final Schema SCHEMA =
      new Schema(
          required(1, SETTLEMENT_ID, Types.StringType.get()),
          required(2, MATCH_ID, Types.StringType.get()),
          required(3, CONTEST_ID, Types.StringType.get()),
          required(4, STATUS, Types.StringType.get()),
          required(5, KIND, Types.StringType.get(), "GUARANTEED or FLEXIBLE"),
          required(6, CURRENCY, Types.StringType.get()),
          required(7, ENTRIES, Types.IntegerType.get(), "entries that joined"),
          required(8, MAX_ENTRIES, Types.IntegerType.get()),
          required(9, FEES_COLLECTED_MINOR, Types.LongType.get()),
          required(10, PRIZE_POOL_MINOR, Types.LongType.get(),
              "the prize table's total; scaled to the entries joined for FLEXIBLE"),
          required(11, PAID_MINOR, Types.LongType.get()),
          required(12, REFUNDED_MINOR, Types.LongType.get()),
          required(13, TIE_REMAINDER_MINOR, Types.LongType.get(),
              "minor units of tied prize pools that did not divide equally; kept, recorded"),
          required(14, SCALING_REMAINDER_MINOR, Types.LongType.get(),
              "minor units lost to rounding each scaled FLEXIBLE prize down; kept, recorded"),
          required(15, SHORTFALL_MINOR, Types.LongType.get(),
              "GUARANTEED: what the platform paid beyond the fees collected"),
          // Added after the table's first release: optional, so a lakehouse made before them
          // gains them on `dugout tables create` (or the next settlement), its rows reading null.
          optional(16, PAYOUT_FINGERPRINT, Types.LongType.get(),
              "who is paid what: the sum over the contest's payout rows of the 40-bit xxhash64 of"
                  + " (entry, user, amount, currency); the gate checks it against the rows"
                  + " written, a rerun compares it to find the contests it changes. Null before"
                  + " it was recorded"),
          optional(17, RANK_FINGERPRINT, Types.LongType.get(),
              "the same of (entry, rank): the ranks paid at. Null before it was recorded"),
          optional(18, RANK_BLOCK_FINGERPRINTS,
              Types.ListType.ofRequired(19, Types.LongType.get()),
              "a large contest's rows by blocks of ranks (at most 128 blocks of equal size): per"
                  + " block, the sum of both fingerprints of its rows, so that a rerun compares"
                  + " only the blocks that differ. Null for a contest under 256 entries, and"
                  + " before it was recorded"));

  public static final TableDefinition DEFINITION =
      new TableDefinition(
          TableIdentifier.of("gold", "contest_settlements"),
          SCHEMA,
          PartitionSpec.builderFor(SCHEMA).identity(MATCH_ID).build(),
          SortOrder.builderFor(SCHEMA).asc(SETTLEMENT_ID).asc(CONTEST_ID).build(),
          TableProperties.standard(Map.of()),
          "Contest settlements: per contest, pool, paid, refunded, remainders and shortfall.",
          "identity(match_id): one match's settlement is read and audited at once.");
}
