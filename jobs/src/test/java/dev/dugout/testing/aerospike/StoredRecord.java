package dev.dugout.testing.aerospike;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record as the server keeps it: bins, generation (1 on create, +1 per write), void time in
 * seconds since the Aerospike epoch 2010-01-01 (0 = never expires), last update time, and the
 * user key when the client sent it ({@code sendKey}), as the KEY field's bytes. Immutable: a
 * write builds a new one.
 */
record StoredRecord(Map<String, Particle> bins, int generation, long voidTime, long lastUpdateMillis,
                    byte[] userKey) {
    /** Seconds between the Unix epoch and the Aerospike ("citrusleaf") epoch, 2010-01-01T00:00Z. */
    static final long CITRUSLEAF_EPOCH_SECONDS = 1_262_304_000L;

    StoredRecord {
        bins = Collections.unmodifiableMap(new LinkedHashMap<>(bins));
    }

    static long nowSinceEpoch(long nowMillis) {
        return nowMillis / 1000 - CITRUSLEAF_EPOCH_SECONDS;
    }

    boolean isExpired(long nowMillis) {
        return voidTime != 0 && voidTime <= nowSinceEpoch(nowMillis);
    }

    /** Seconds left, or -1 when the record never expires (the client's convention). */
    long ttlSeconds(long nowMillis) {
        return voidTime == 0 ? -1 : voidTime - nowSinceEpoch(nowMillis);
    }
}
