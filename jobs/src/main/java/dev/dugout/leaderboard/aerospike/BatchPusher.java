package dev.dugout.leaderboard.aerospike;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.BatchPolicy;
import dev.dugout.lakehouse.DugoutConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes records in batches ({@code client.operate(BatchPolicy, List<BatchRecord>)}) with at most
 * {@code max-in-flight} batches at once: {@link #add} blocks while that many are out, so a slow or
 * dead cluster slows the partition's producer instead of piling up memory (back-pressure).
 *
 * <p>Why the synchronous client on a small pool rather than the async client on an event loop:
 * retries sleep their backoff in the batch's own thread, one code path for success, retry and
 * give-up; no event-loop lifecycle per executor JVM; and the in-flight bound is one semaphore.
 * The price, a parked thread per in-flight batch, is a handful per task.
 *
 * <p>Each batch attempt is classified per record: OK is written; FILTERED_OUT (27) is stale, the
 * as-of guard kept a newer refresh; transient codes (timeouts, no node, overload) are retried
 * with exponential backoff and full jitter; other codes fail for good. A batch whose attempt
 * threw or whose every record failed transiently counts against the circuit breaker.
 */
final class BatchPusher implements AutoCloseable {
  private final AerospikeClients.Connection connection;
  private final DugoutConfig.Aerospike settings;
  private final BatchPolicy policy;
  private final PushTally tally;
  /** When the final board is pushed: retry until then instead of {@code max-attempts} times. */
  private final long deadlineNanos;
  private final Semaphore inFlight;
  private final Backoff backoff;
  private final List<Future<?>> running = new ArrayList<>();
  private List<Pending> buffer = new ArrayList<>();

  /** A record to write, and the counter of acknowledgements it adds to (or null). */
  record Pending(BatchRecord record, AtomicLong acked) {}

  /** @param deadlineNanos 0 for a live refresh (bounded attempts), else the System.nanoTime() to retry until */
  BatchPusher(AerospikeClients.Connection connection, DugoutConfig.Aerospike settings,
      PushTally tally, long deadlineNanos) {
    this.connection = connection;
    this.settings = settings;
    this.tally = tally;
    this.deadlineNanos = deadlineNanos;
    this.inFlight = new Semaphore(settings.maxInFlight());
    this.backoff = new Backoff(settings.backoff(), settings.backoffMax());
    this.policy = new BatchPolicy();
    policy.totalTimeout = (int) settings.timeout().toMillis();
    policy.socketTimeout = policy.totalTimeout;
    policy.maxRetries = 0;          // retries are ours: backoff, jitter and the breaker
    policy.respondAllKeys = true;   // a node that fails does not stop the others' keys
  }

  void add(BatchRecord record, AtomicLong acked) throws InterruptedException {
    buffer.add(new Pending(record, acked));
    if (buffer.size() >= settings.batchSize()) {
      flush();
    }
  }

  private void flush() throws InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    List<Pending> batch = buffer;
    buffer = new ArrayList<>();
    inFlight.acquire();
    try {
      running.add(connection.batches().submit(() -> {
        try {
          send(batch);
        } finally {
          inFlight.release();
        }
        return null;
      }));
    } catch (RuntimeException e) {
      inFlight.release();
      throw e;
    }
  }

  /** Sends what is buffered and waits for every batch. */
  @Override
  public void close() throws InterruptedException, ExecutionException {
    flush();
    for (Future<?> f : running) {
      f.get();
    }
    running.clear();
  }

  private void send(List<Pending> batch) throws InterruptedException {
    List<Pending> pending = batch;
    CircuitBreaker breaker = connection.breaker();
    for (int attempt = 1; ; attempt++) {
      if (!breaker.allow()) {
        if (deadlineNanos == 0 || System.nanoTime() >= deadlineNanos) {
          tally.deferred.addAndGet(pending.size());
          return;
        }
        // The final push waits out the cool-down and tries again, until its deadline.
        Thread.sleep(Math.max(10, backoff.delayMillis(Math.min(attempt, 30),
            ThreadLocalRandom.current())));
        continue;
      }
      List<BatchRecord> records = new ArrayList<>(pending.size());
      for (Pending p : pending) {
        p.record().prepare();
        records.add(p.record());
      }
      boolean threw = false;
      long started = System.nanoTime();
      try {
        connection.client().operate(policy, records);
      } catch (AerospikeException e) {
        threw = true;   // per-record codes say which records to retry
      }
      tally.latency((System.nanoTime() - started) / 1000);
      List<Pending> retry = new ArrayList<>();
      for (Pending p : pending) {
        int code = p.record().resultCode;
        if (code == ResultCode.OK || code == ResultCode.FILTERED_OUT) {
          (code == ResultCode.OK ? tally.written : tally.stale).incrementAndGet();
          if (p.acked() != null) {
            p.acked().incrementAndGet();
          }
        } else if (retryable(code)) {
          retry.add(p);
        } else {
          tally.failed.incrementAndGet();
        }
      }
      if (retry.isEmpty()) {
        breaker.success();
        return;
      }
      if (threw || retry.size() == pending.size()) {
        if (breaker.failure()) {
          tally.breakerOpens.incrementAndGet();
        }
      } else {
        breaker.success();
      }
      pending = retry;
      boolean outOfTime = deadlineNanos == 0 ? attempt >= settings.maxAttempts()
          : System.nanoTime() >= deadlineNanos;
      if (outOfTime) {
        tally.failed.addAndGet(pending.size());
        return;
      }
      tally.retried.addAndGet(pending.size());
      Thread.sleep(backoff.delayMillis(Math.min(attempt, 30), ThreadLocalRandom.current()));
    }
  }

  /** Codes worth another attempt: the write may well succeed once the cluster recovers. */
  static boolean retryable(int code) {
    switch (code) {
      case ResultCode.NO_RESPONSE:
      case ResultCode.TIMEOUT:
      case ResultCode.SERVER_NOT_AVAILABLE:
      case ResultCode.INVALID_NODE_ERROR:
      case ResultCode.NO_MORE_CONNECTIONS:
      case ResultCode.MAX_ERROR_RATE:
      case ResultCode.SERVER_ERROR:
      case ResultCode.PARTITION_UNAVAILABLE:
      case ResultCode.DEVICE_OVERLOAD:
      case ResultCode.KEY_BUSY:
      case ResultCode.SERVER_MEM_ERROR:
      case ResultCode.BATCH_QUEUES_FULL:
      case ResultCode.BATCH_MAX_REQUESTS_EXCEEDED:
        return true;
      default:
        return false;
    }
  }
}
