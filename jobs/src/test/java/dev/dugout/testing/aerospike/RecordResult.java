package dev.dugout.testing.aerospike;

import java.util.List;

/**
 * The answer to one record command: result code, the record's generation and void time after the
 * command, the stored user key (returned on reads when the client had sent it) and the bins or
 * operation results to return, in order.
 */
record RecordResult(int resultCode, int generation, long voidTime, byte[] userKey, List<BinValue> bins) {

    /** One returned bin (or one operation's result, several per bin being allowed). */
    record BinValue(String name, Particle value) {
    }

    static RecordResult failure(int resultCode) {
        return new RecordResult(resultCode, 0, 0, null, List.of());
    }
}
