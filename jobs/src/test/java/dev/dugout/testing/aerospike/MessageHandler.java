package dev.dugout.testing.aerospike;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Answers AS_MSG requests: a single-record command gets one response message; a batch gets one
 * response record per entry (carrying the entry's index), sent in frames of about 64 KiB and
 * closed by a message with INFO3_LAST. The batch as a whole answers OK; each record carries its
 * own result code. Injected faults (drop, latency, failNext, failBatchAfter) apply here.
 */
final class MessageHandler {
    private static final int FRAME_TARGET_BYTES = 64 * 1024;

    private final RecordExecutor executor;
    private final Faults faults;

    MessageHandler(RecordExecutor executor, Faults faults) {
        this.executor = executor;
        this.faults = faults;
    }

    /** Answers one request; returns false when the connection must be dropped without an answer. */
    boolean handle(byte[] body, OutputStream out) throws IOException, InterruptedException {
        if (faults.takeDrop()) {
            return false;
        }
        AsMessage message = AsMessage.parse(body);
        Duration latency = faults.currentLatency();
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());
        }
        int injectedFailure = faults.takeFailure();
        if (BatchRequest.isBatch(message)) {
            answerBatch(message, injectedFailure, out);
        } else {
            RecordResult result = injectedFailure != ResultCodes.OK
                ? RecordResult.failure(injectedFailure)
                : executor.execute(RecordRequest.of(message));
            ResponseWriter w = new ResponseWriter();
            writeRecord(w, 0, result, 0);
            w.flushFrame(out);
        }
        faults.countServed();
        return true;
    }

    private void answerBatch(AsMessage message, int injectedFailure, OutputStream out) throws IOException {
        ResponseWriter w = new ResponseWriter();
        if (injectedFailure != ResultCodes.OK) {
            w.header(AsMessage.INFO3_LAST, injectedFailure, 0, 0, 0, 0, 0);
            w.flushFrame(out);
            return;
        }
        BatchRequest batch = BatchRequest.parse(message);
        int answerBeforeFailing = faults.batchRecordsBeforeFailure();
        int failureCode = faults.batchFailureCode();
        int answered = 0;
        for (BatchRequest.Entry entry : batch.entries()) {
            boolean fail = answerBeforeFailing >= 0 && answered >= answerBeforeFailing;
            if (fail && answered == answerBeforeFailing) {
                faults.countBatchFailure();
            }
            RecordResult result = fail ? RecordResult.failure(failureCode) : executor.execute(entry.request());
            writeRecord(w, 0, result, entry.index());
            answered++;
            if (w.size() >= FRAME_TARGET_BYTES) {
                w.flushFrame(out);
            }
        }
        w.header(AsMessage.INFO3_LAST, ResultCodes.OK, 0, 0, 0, 0, 0);
        w.flushFrame(out);
    }

    private static void writeRecord(ResponseWriter w, int info3, RecordResult r, int batchIndex) {
        int fieldCount = r.userKey() != null ? 1 : 0;
        w.header(info3, r.resultCode(), r.generation(), (int) r.voidTime(), batchIndex, fieldCount, r.bins().size());
        if (r.userKey() != null) {
            w.field(AsMessage.FIELD_KEY, r.userKey());
        }
        for (RecordResult.BinValue bin : r.bins()) {
            w.op(bin.name(), bin.value());
        }
    }
}
