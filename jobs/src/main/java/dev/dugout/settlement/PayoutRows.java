package dev.dugout.settlement;

import dev.dugout.quality.checks.PayoutsChecks;
import dev.dugout.tables.ContestEntriesTable;
import dev.dugout.tables.PayoutsTable;
import dev.dugout.tables.RowBuilder;
import dev.dugout.tables.WalletLedgerTable;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.SpecificInternalRow;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Pays a task's entries, row by row, in plain Java: each final-board row (contest, entry, user,
 * rank, tied) becomes its gold.payouts row, optionally with the first settlement's ledger credit
 * beside it (its id, null where nothing is paid, its kind and time).
 *
 * <p>The same rows through Spark SQL (a broadcast join of the contests on their ids, a UDF for the
 * amount, a projection for the reason and the credit) were copied from operator to operator; here
 * a row's strings are passed on as read, and the contest is looked up once per run of its entries
 * (the board is read in contest order within each file). The write of a 10M-entry settlement's
 * payouts and credits went from 8.4-10.4 s to 5.6-8.2 s on 2 cores (bench settle, README).
 *
 * <p>The output rows are reused: a consumer copies what it keeps, as Spark's own operators do.
 */
final class PayoutRows implements FlatMapFunction<Iterator<InternalRow>, InternalRow> {
  /** Where the board's columns are in the rows read, unless {@link #reading} says otherwise. */
  static final int CONTEST = 0;
  static final int ENTRY = 1;
  static final int USER = 2;
  static final int RANK = 3;
  static final int TIED = 4;

  /** gold.payouts' columns, in the table's order. */
  static final StructType PAYOUTS = new RowBuilder(PayoutsTable.DEFINITION).sparkSchema();
  /** The payouts' columns, then the ledger credit's own: id (null: no credit), kind, time. */
  static final StructType WITH_CREDITS = PAYOUTS
      .add(WalletLedgerTable.LEDGER_ID, DataTypes.StringType, true)
      .add(WalletLedgerTable.KIND, DataTypes.StringType, false)
      .add(WalletLedgerTable.CREATED_AT, DataTypes.TimestampType, false);
  // Where each column is in the rows made, found by name (the writer takes the tables' columns by
  // name); the payouts' columns come first in both schemas.
  private static final int OUT_SETTLEMENT = WITH_CREDITS.fieldIndex(PayoutsTable.SETTLEMENT_ID);
  private static final int OUT_MATCH = WITH_CREDITS.fieldIndex(PayoutsTable.MATCH_ID);
  private static final int OUT_CONTEST = WITH_CREDITS.fieldIndex(PayoutsTable.CONTEST_ID);
  private static final int OUT_ENTRY = WITH_CREDITS.fieldIndex(PayoutsTable.ENTRY_ID);
  private static final int OUT_USER = WITH_CREDITS.fieldIndex(PayoutsTable.USER_ID);
  private static final int OUT_RANK = WITH_CREDITS.fieldIndex(PayoutsTable.RANK);
  private static final int OUT_AMOUNT = WITH_CREDITS.fieldIndex(PayoutsTable.AMOUNT_MINOR);
  private static final int OUT_CURRENCY = WITH_CREDITS.fieldIndex(PayoutsTable.CURRENCY);
  private static final int OUT_REASON = WITH_CREDITS.fieldIndex(PayoutsTable.REASON);
  private static final int OUT_LEDGER_ID = WITH_CREDITS.fieldIndex(WalletLedgerTable.LEDGER_ID);
  private static final int OUT_KIND = WITH_CREDITS.fieldIndex(WalletLedgerTable.KIND);
  private static final int OUT_CREATED_AT = WITH_CREDITS.fieldIndex(WalletLedgerTable.CREATED_AT);

  private static final UTF8String WINNING = utf8(PayoutsTable.Reason.WINNING.name());
  private static final UTF8String NO_PRIZE = utf8(PayoutsTable.Reason.NO_PRIZE.name());
  private static final UTF8String CREDIT_WINNING = utf8(WalletLedgerTable.Kind.WINNING.name());
  private static final UTF8String CREDIT_REFUND = utf8(WalletLedgerTable.Kind.REFUND.name());

  private final Broadcast<PackedSchedules> shared;
  private final String matchId;
  private final String settlementId;
  private final String board;
  private final boolean credits;
  private final long createdAtMicros;
  private final CollectionAccumulator<long[]> tallies;
  /** Where contest, entry, user, rank and tied are in the rows read. */
  private final int[] columns;
  /**
   * The longs of one run's tally in {@code tallies}: contest index, block of ranks (-1: none, see
   * {@link ContestSums#blockSize}), rows, the rank and the payout fingerprints, amount.
   */
  private static final int RUN = 6;

  /**
   * @param board the board's table name, for errors
   * @param credits whether each row carries its ledger credit ({@link #WITH_CREDITS})
   * @param createdAtMicros the credits' time
   * @param tallies where each task adds, per run of a contest's rows it read (of one block of
   *     ranks, in a large contest), the rows, the sums of their {@link PayoutsChecks#fingerprint}
   *     of (entry, rank) and of (entry, user, amount, currency), and the amount paid, as
   *     {@code [contest index, block, rows, rank fingerprints, payout fingerprints, amount, ...]};
   *     null for none (see {@link #tallies})
   */
  PayoutRows(Broadcast<PackedSchedules> shared, String matchId, String settlementId, String board,
      boolean credits, long createdAtMicros, CollectionAccumulator<long[]> tallies) {
    this(shared, matchId, settlementId, board, credits, createdAtMicros, tallies,
        new int[] {CONTEST, ENTRY, USER, RANK, TIED});
  }

  private PayoutRows(Broadcast<PackedSchedules> shared, String matchId, String settlementId,
      String board, boolean credits, long createdAtMicros, CollectionAccumulator<long[]> tallies,
      int[] columns) {
    this.shared = shared;
    this.matchId = matchId;
    this.settlementId = settlementId;
    this.board = board;
    this.credits = credits;
    this.createdAtMicros = createdAtMicros;
    this.tallies = tallies;
    this.columns = columns;
  }

  /**
   * The same payouts from rows whose board columns are elsewhere: contest, entry, user, rank and
   * tied at {@code positions} (e.g. the columns of the board's scan, read in place).
   */
  PayoutRows reading(int[] positions) {
    return new PayoutRows(shared, matchId, settlementId, board, credits, createdAtMicros, tallies,
        positions.clone());
  }

  StructType schema() {
    return credits ? WITH_CREDITS : PAYOUTS;
  }

  @Override
  public Iterator<InternalRow> call(Iterator<InternalRow> rows) {
    PackedSchedules schedules = shared.value();
    PackedSchedules.Lookup lookup = schedules.lookup();
    Map<UTF8String, Integer> index = lookup.index();
    UTF8String[] currency = lookup.currency();
    UTF8String[] refundReason = lookup.refundReason();
    UTF8String settlement = utf8(settlementId);
    LedgerIds ledgerIds = new LedgerIds(settlementId);
    UTF8String match = utf8(matchId);
    int atContest = columns[0];
    int atEntry = columns[1];
    int atUser = columns[2];
    int atRank = columns[3];
    int atTied = columns[4];
    SpecificInternalRow out = new SpecificInternalRow(schema());
    out.update(OUT_SETTLEMENT, settlement);
    out.update(OUT_MATCH, match);
    if (credits) {
      out.setLong(OUT_CREATED_AT, createdAtMicros);
    }
    return new Iterator<>() {
      private UTF8String lastContest;
      private int k;
      // Contest k's block of ranks (0: not blocked), and the block of the run.
      private int blockSize;
      private int block;
      // The tally of the run of rows of contest k, and those of the runs before it.
      private long runRows;
      private long runRanks;
      private long runPrints;
      private long runAmount;
      private long[] runs = new long[64];
      private int runsSize;
      private boolean reported;

      @Override
      public boolean hasNext() {
        if (rows.hasNext()) {
          return true;
        }
        if (tallies != null && !reported) {
          endRun();
          tallies.add(java.util.Arrays.copyOf(runs, runsSize));
          reported = true;
        }
        return false;
      }

      /** The row's block of ranks in contest k: -1 if k is not blocked or the row has no rank. */
      private int blockOf(InternalRow row, int at) {
        return blockSize == 0 || row.isNullAt(at) ? -1 : (row.getInt(at) - 1) / blockSize;
      }

      private void endRun() {
        if (lastContest == null) {
          return;
        }
        if (runsSize + RUN > runs.length) {
          runs = java.util.Arrays.copyOf(runs, runs.length * 2);
        }
        runs[runsSize++] = k;
        runs[runsSize++] = block;
        runs[runsSize++] = runRows;
        runs[runsSize++] = runRanks;
        runs[runsSize++] = runPrints;
        runs[runsSize++] = runAmount;
        runRows = 0;
        runRanks = 0;
        runPrints = 0;
        runAmount = 0;
      }

      @Override
      public InternalRow next() {
        InternalRow row = rows.next();
        UTF8String contest = row.getUTF8String(atContest);
        if (lastContest == null || !contest.equals(lastContest)) {
          endRun();
          Integer known = index.get(contest);
          if (known == null) {
            throw new IllegalStateException("settle: the final board of match " + matchId
                + " has entry " + row.getUTF8String(atEntry) + " of contest " + contest
                + ", which has no entries in " + ContestEntriesTable.DEFINITION.name());
          }
          k = known;
          lastContest = contest.clone();
          blockSize = ContestSums.blockSize(schedules.entries(k));
          block = blockOf(row, atRank);
        } else if (tallies != null && blockSize > 0 && blockOf(row, atRank) != block) {
          endRun();
          block = blockOf(row, atRank);
        }
        boolean ranked = !row.isNullAt(atRank) && !row.isNullAt(atTied);
        long amount;
        UTF8String reason;
        if (schedules.refunds(k)) {
          amount = schedules.refundOf(k);
          reason = refundReason[k];
        } else if (!ranked) {
          throw new IllegalStateException("settle: the final board of match " + matchId + " in "
              + board + " has entry " + row.getUTF8String(atEntry) + " without rank or tie count (a"
              + " board written before tie counts were recorded); rebuild it with `dugout"
              + " leaderboard --match " + matchId + "`");
        } else {
          amount = schedules.amount(k, row.getInt(atRank), row.getInt(atTied));
          reason = amount > 0 ? WINNING : NO_PRIZE;
        }
        UTF8String entry = row.getUTF8String(atEntry);
        if (tallies != null) {
          // As Spark SQL's xxhash64 of (entry, rank) and of (entry, user, amount, currency).
          long entryHash = XXH64.hashUTF8String(entry, SEED);
          runRows++;
          runRanks += withInt(entryHash, row, atRank) >>> 24;
          long print = XXH64.hashLong(amount, withString(entryHash, row, atUser));
          runPrints += XXH64.hashUTF8String(currency[k], print) >>> 24;
          runAmount += amount;
        }
        out.update(OUT_CONTEST, lastContest);
        out.update(OUT_ENTRY, entry);
        out.update(OUT_USER, row.getUTF8String(atUser));
        if (row.isNullAt(atRank)) {
          out.setNullAt(OUT_RANK);
        } else {
          out.setInt(OUT_RANK, row.getInt(atRank));
        }
        out.setLong(OUT_AMOUNT, amount);
        out.update(OUT_CURRENCY, currency[k]);
        out.update(OUT_REASON, reason);
        if (credits) {
          UTF8String kind = reason == WINNING ? CREDIT_WINNING : CREDIT_REFUND;
          out.update(OUT_LEDGER_ID, amount > 0 ? ledgerIds.of(entry, kind) : null);
          out.update(OUT_KIND, kind);
        }
        return out;
      }
    };
  }

  /**
   * Ledger ids, "settlement/entry/kind", built in one buffer that each id overwrites: ten million
   * rows need no ten million arrays (the writer copies what it keeps).
   */
  static final class LedgerIds {
    private byte[] buffer;
    private final int prefix;

    LedgerIds(String settlementId) {
      byte[] start = (settlementId + "/").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      buffer = java.util.Arrays.copyOf(start, start.length + 64);
      prefix = start.length;
    }

    /** The id of {@code entry}'s credit of {@code kind}: valid until the next call. */
    UTF8String of(UTF8String entry, UTF8String kind) {
      int length = prefix + entry.numBytes() + 1 + kind.numBytes();
      if (length > buffer.length) {
        buffer = java.util.Arrays.copyOf(buffer, length * 2);
      }
      long at = Platform.BYTE_ARRAY_OFFSET + prefix;
      entry.writeToMemory(buffer, at);
      at += entry.numBytes();
      Platform.putByte(buffer, at++, (byte) '/');
      kind.writeToMemory(buffer, at);
      return UTF8String.fromBytes(buffer, 0, length);
    }
  }

  /**
   * {@link PayoutsChecks#fingerprint} of (entry, the row's int column {@code at}), as Spark SQL
   * computes it: xxhash64 with seed 42, each column hashed with the previous hash as seed (a null
   * one skipped), shifted right by 24 bits.
   */
  static long fingerprint(UTF8String entry, InternalRow row, int at) {
    return withInt(XXH64.hashUTF8String(entry, SEED), row, at) >>> 24;
  }

  /** Spark's xxhash64 seed. */
  static final long SEED = 42L;

  /** Spark's xxhash64 of the row's string column {@code at}: the seed itself when it is null. */
  static long hashOf(InternalRow row, int at) {
    return row.isNullAt(at) ? SEED : XXH64.hashUTF8String(row.getUTF8String(at), SEED);
  }

  /** {@code hash} carried on to the row's string column {@code at}, as Spark SQL chains columns. */
  static long withString(long hash, InternalRow row, int at) {
    return row.isNullAt(at) ? hash : XXH64.hashUTF8String(row.getUTF8String(at), hash);
  }

  /** {@code hash} carried on to the row's int column {@code at}, as Spark SQL chains columns. */
  static long withInt(long hash, InternalRow row, int at) {
    return row.isNullAt(at) ? hash : XXH64.hashInt(row.getInt(at), hash);
  }

  /**
   * What the tasks of {@code tallies} added, per contest id: the payouts' sums as computed (their
   * rank fingerprints are the final board's, the gate's {@code BOARD_RANKS}), and a large
   * contest's blocks of ranks ({@link ContestSums.Tallied}; none if a row of it had no rank).
   */
  static ContestSums.Tallied tallies(CollectionAccumulator<long[]> tallies,
      PackedSchedules schedules) {
    int contests = schedules.contests();
    long[][] sums = new long[contests][];
    long[][] blocks = new long[contests][];
    boolean[] unranked = new boolean[contests];
    for (long[] runs : tallies.value()) {
      for (int i = 0; i < runs.length; i += RUN) {
        int k = (int) runs[i];
        int block = (int) runs[i + 1];
        if (sums[k] == null) {
          sums[k] = new long[4];
        }
        sums[k][0] += runs[i + 2];
        sums[k][1] += runs[i + 3];
        sums[k][2] += runs[i + 4];
        sums[k][3] = Math.addExact(sums[k][3], runs[i + 5]);
        int size = ContestSums.blockSize(schedules.entries(k));
        if (size > 0 && block < 0) {
          unranked[k] = true;
        } else if (size > 0) {
          if (blocks[k] == null) {
            blocks[k] = new long[(schedules.entries(k) + size - 1) / size];
          }
          if (block >= blocks[k].length) {
            unranked[k] = true;
          } else {
            blocks[k][block] += runs[i + 3] + runs[i + 4];
          }
        }
      }
    }
    Map<String, ContestSums.Sums> byContest = new HashMap<>();
    Map<String, long[]> blocksByContest = new HashMap<>();
    for (int k = 0; k < contests; k++) {
      if (sums[k] != null) {
        byContest.put(schedules.contestId(k),
            new ContestSums.Sums(sums[k][0], sums[k][3], sums[k][2], sums[k][1]));
        if (blocks[k] != null && !unranked[k]) {
          blocksByContest.put(schedules.contestId(k), blocks[k]);
        }
      }
    }
    return new ContestSums.Tallied(byContest, blocksByContest);
  }

  private static UTF8String utf8(String s) {
    return UTF8String.fromString(s);
  }
}
