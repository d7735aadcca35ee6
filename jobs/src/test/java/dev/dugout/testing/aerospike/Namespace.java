package dev.dugout.testing.aerospike;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

/**
 * The records of one namespace, keyed by the 20-byte RIPEMD-160 digest the client computes from
 * set name and user key (the set is part of the digest, so the digest alone identifies a record,
 * as on a real server). Expired records are invisible and removed when next touched.
 */
final class Namespace {
    private final String name;
    private final int defaultTtlSeconds;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Digest, StoredRecord> records = new ConcurrentHashMap<>();

    /** A record digest with value equality. */
    record Digest(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Digest d && java.util.Arrays.equals(d.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    Namespace(String name, int defaultTtlSeconds, LongSupplier clock) {
        if (defaultTtlSeconds < 0) {
            throw new IllegalArgumentException("default TTL of namespace " + name + " must be >= 0 seconds, got "
                + defaultTtlSeconds);
        }
        this.name = name;
        this.defaultTtlSeconds = defaultTtlSeconds;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    int defaultTtlSeconds() {
        return defaultTtlSeconds;
    }

    long now() {
        return clock.getAsLong();
    }

    /** The live record, or null when absent or expired. */
    StoredRecord get(byte[] digest) {
        StoredRecord r = records.get(new Digest(digest));
        return r == null || r.isExpired(now()) ? null : r;
    }

    /**
     * Atomically replaces the record: {@code update} sees the live record (null when absent or
     * expired) and the current time, and returns the new record, or null to delete it.
     */
    void update(byte[] digest, BiFunction<StoredRecord, Long, StoredRecord> update) {
        records.compute(new Digest(digest), (k, current) -> {
            long now = now();
            StoredRecord live = current == null || current.isExpired(now) ? null : current;
            return update.apply(live, now);
        });
    }

    long liveCount() {
        long now = now();
        return records.values().stream().filter(r -> !r.isExpired(now)).count();
    }

    void clear() {
        records.clear();
    }
}
