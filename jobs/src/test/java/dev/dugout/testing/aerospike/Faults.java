package dev.dugout.testing.aerospike;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the server injects on demand, each on until {@link #clear()} unless said otherwise. They
 * act on record requests (AS_MSG), not on the info requests of the client's cluster tending, so a
 * fault on data traffic does not also make the client drop the node (except {@link #down}, which
 * takes the whole node away, and {@link #refuseConnections}, which affects every new connection).
 * Thread-safe; the setters return this for chaining.
 */
public final class Faults {
    /** Takes the node down for a while; implemented by the server. */
    interface NodeSwitch {
        void down(Duration forHowLong);

        void upNow();
    }

    private static final int OFF = -1;

    private final NodeSwitch node;
    private volatile Duration latency = Duration.ZERO;
    private final AtomicInteger failNextRemaining = new AtomicInteger();
    private volatile int failNextCode;
    private final AtomicInteger dropAfterRemaining = new AtomicInteger(OFF);
    private volatile boolean refuseConnections;
    private volatile int failBatchAfterRecords = OFF;
    private volatile int failBatchCode;
    private final AtomicLong requestsServed = new AtomicLong();
    private final AtomicLong faultsInjected = new AtomicLong();

    Faults(NodeSwitch node) {
        this.node = node;
    }

    /** Delays the response to every record request by this much. */
    public Faults latency(Duration perRequest) {
        if (perRequest.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, got " + perRequest);
        }
        this.latency = perRequest;
        return this;
    }

    /** The next {@code requests} record requests (a batch counts as one) answer {@code resultCode}, changing nothing. */
    public Faults failNext(int requests, int resultCode) {
        this.failNextCode = checkResultCode(resultCode);
        this.failNextRemaining.set(Math.max(0, requests));
        return this;
    }

    /** After {@code requests} more record requests, every further one has its connection closed without an answer. */
    public Faults dropConnectionsAfter(int requests) {
        this.dropAfterRemaining.set(Math.max(0, requests));
        return this;
    }

    /** New connections are accepted and closed at once; existing ones keep working. */
    public Faults refuseConnections(boolean refuse) {
        this.refuseConnections = refuse;
        return this;
    }

    /** Closes the listener and every connection now, and listens again on the same port after the duration. */
    public Faults down(Duration forHowLong) {
        faultsInjected.incrementAndGet();
        node.down(forHowLong);
        return this;
    }

    /**
     * Every batch answers its first {@code records} records normally and each remaining one with
     * {@code resultCode}, without executing it, as when a node goes away mid-batch.
     */
    public Faults failBatchAfter(int records, int resultCode) {
        this.failBatchCode = checkResultCode(resultCode);
        this.failBatchAfterRecords = Math.max(0, records);
        return this;
    }

    /** Ends every fault, bringing a node that is down back up now. Counters are kept. */
    public void clear() {
        latency = Duration.ZERO;
        failNextRemaining.set(0);
        dropAfterRemaining.set(OFF);
        refuseConnections = false;
        failBatchAfterRecords = OFF;
        node.upNow();
    }

    /** Record requests answered (including those answered with an injected failure). */
    public long requestsServed() {
        return requestsServed.get();
    }

    /** Requests or connections a fault acted on. */
    public long faultsInjected() {
        return faultsInjected.get();
    }

    Duration currentLatency() {
        Duration d = latency;
        if (!d.isZero()) {
            faultsInjected.incrementAndGet();
        }
        return d;
    }

    /** The result code to fail this request with, or 0 when it runs normally. */
    int takeFailure() {
        int before = failNextRemaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
        if (before > 0) {
            faultsInjected.incrementAndGet();
            return failNextCode;
        }
        return ResultCodes.OK;
    }

    boolean takeDrop() {
        int before = dropAfterRemaining.getAndUpdate(n -> n > 0 ? n - 1 : n);
        if (before == 0) {
            faultsInjected.incrementAndGet();
            return true;
        }
        return false;
    }

    boolean refuseConnection() {
        if (refuseConnections) {
            faultsInjected.incrementAndGet();
            return true;
        }
        return false;
    }

    /** How many records of a batch to answer before failing the rest, or -1 when batches run normally. */
    int batchRecordsBeforeFailure() {
        return failBatchAfterRecords;
    }

    int batchFailureCode() {
        return failBatchCode;
    }

    void countBatchFailure() {
        faultsInjected.incrementAndGet();
    }

    void countServed() {
        requestsServed.incrementAndGet();
    }

    private static int checkResultCode(int resultCode) {
        if (resultCode <= 0 || resultCode > 255) {
            throw new IllegalArgumentException("a server result code is 1..255, got " + resultCode);
        }
        return resultCode;
    }
}
