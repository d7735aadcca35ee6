package dev.dugout.testing.aerospike;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.cdt.MapWriteFlags;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.BatchWritePolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drives {@link AerospikeTestServer} through the official Aerospike Java client, unchanged: what
 * passes here is what production code sees through the real client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AerospikeTestServerTest {
    private static final String NS = "live";
    private static final String SET = "scores";

    private AerospikeTestServer server;
    private AerospikeClient client;

    @BeforeAll
    void startServerAndClient() {
        server = AerospikeTestServer.start(0, "live", "complete");
        client = newClient();
    }

    @AfterAll
    void stop() {
        client.close();
        server.close();
    }

    @BeforeEach
    void cleanSlate() {
        server.faults().clear();
        server.clear();
    }

    private AerospikeClient newClient() {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 1000;
        policy.tendInterval = 250;
        policy.readPolicyDefault.totalTimeout = 1000;
        policy.writePolicyDefault.totalTimeout = 1000;
        policy.batchPolicyDefault.totalTimeout = 2000;
        return new AerospikeClient(policy, new Host(server.host(), server.port()));
    }

    private static Key key(Object id) {
        return id instanceof Integer i ? new Key(NS, SET, i) : new Key(NS, SET, String.valueOf(id));
    }

    private static WritePolicy failOnFilteredOut(Exp filter) {
        WritePolicy p = new WritePolicy();
        p.filterExp = Exp.build(filter);
        p.failOnFilteredOut = true;
        return p;
    }

    private static int resultCodeOf(Runnable command) {
        try {
            command.run();
        } catch (AerospikeException e) {
            return e.getResultCode();
        }
        return ResultCode.OK;
    }

    @Test
    void clientDiscoversTheSingleNodeAndItsNamespaces() {
        assertThat(client.isConnected()).isTrue();
        assertThat(client.getNodes()).hasSize(1);
        assertThat(client.getNodeNames()).containsExactly(client.getNodes()[0].getName());
        String namespaces = Info.request(null, client.getNodes()[0], "namespaces");
        assertThat(namespaces).isEqualTo("live;complete");
        assertThat(Info.request(null, client.getNodes()[0], "no-such-info-name")).isEmpty();
    }

    @Test
    void everyBinTypeRoundTrips() {
        List<Object> list = List.of(1L, "two", 3.5);
        Map<String, Object> map = new TreeMap<>(Map.of("a", 1L, "b", "bee"));
        byte[] blob = {0, 1, 2, (byte) 0xFF};
        client.put(null, key(1), new Bin("i", 42), new Bin("d", 2.25), new Bin("s", "héllo"),
            new Bin("b", blob), new Bin("t", true), new Bin("l", list), new Bin("m", map));

        Record r = client.get(null, key(1));

        assertThat(r.getLong("i")).isEqualTo(42);
        assertThat(r.getDouble("d")).isEqualTo(2.25);
        assertThat(r.getString("s")).isEqualTo("héllo");
        assertThat((byte[]) r.getValue("b")).containsExactly(blob);
        assertThat(r.getBoolean("t")).isTrue();
        assertThat(r.getList("l")).isEqualTo(list);
        assertThat(r.getMap("m")).isEqualTo(map);
        assertThat(r.generation).isEqualTo(1);
        assertThat(client.get(null, key(1), "i", "s").bins).containsOnlyKeys("i", "s");
        assertThat(client.getHeader(null, key(1)).bins).isNull();
        assertThat(client.exists(null, key(1))).isTrue();
        assertThat(client.delete(null, key(1))).isTrue();
        assertThat(client.exists(null, key(1))).isFalse();
        assertThat(client.get(null, key(1))).isNull();
    }

    @Test
    void ttlIsReportedAndRecordsExpire() throws InterruptedException {
        WritePolicy ttl100 = new WritePolicy();
        ttl100.expiration = 100;
        client.put(ttl100, key("long"), new Bin("v", 1));
        client.put(null, key("forever"), new Bin("v", 1));
        WritePolicy ttl1 = new WritePolicy();
        ttl1.expiration = 1;
        client.put(ttl1, key("short"), new Bin("v", 1));

        assertThat(client.get(null, key("long")).getTimeToLive()).isBetween(99, 100);
        assertThat(client.getHeader(null, key("forever")).getTimeToLive()).isEqualTo(-1);
        Thread.sleep(1100);
        assertThat(client.get(null, key("short"))).isNull();
        assertThat(server.recordCount(NS)).isEqualTo(2);

        WritePolicy keepTtl = new WritePolicy();
        keepTtl.expiration = -2;
        client.put(keepTtl, key("long"), new Bin("v", 2));
        assertThat(client.get(null, key("long")).getTimeToLive()).isBetween(98, 100);
    }

    @Test
    void generationAndRecordExistsPoliciesAnswerTheServerResultCodes() {
        client.put(null, key(1), new Bin("a", 1), new Bin("b", 1));
        client.put(null, key(1), new Bin("a", 2));
        WritePolicy expectGen = new WritePolicy();
        expectGen.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        expectGen.generation = 1;

        assertThatThrownBy(() -> client.put(expectGen, key(1), new Bin("a", 3)))
            .isInstanceOfSatisfying(AerospikeException.class,
                e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.GENERATION_ERROR));
        expectGen.generation = 2;
        client.put(expectGen, key(1), new Bin("a", 3));
        assertThat(client.get(null, key(1)).generation).isEqualTo(3);

        WritePolicy createOnly = new WritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        assertThat(resultCodeOf(() -> client.put(createOnly, key(1), new Bin("a", 9))))
            .isEqualTo(ResultCode.KEY_EXISTS_ERROR);
        WritePolicy updateOnly = new WritePolicy();
        updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        assertThat(resultCodeOf(() -> client.put(updateOnly, key(2), new Bin("a", 9))))
            .isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        WritePolicy replace = new WritePolicy();
        replace.recordExistsAction = RecordExistsAction.REPLACE;
        client.put(replace, key(1), new Bin("c", 1));
        assertThat(client.get(null, key(1)).bins).containsOnlyKeys("c");
    }

    @Test
    void filterExpressionDecidesWhetherAWriteApplies() {
        Exp asOfAtMost5 = Exp.le(Exp.intBin("as_of"), Exp.val(5));
        client.put(null, key("early"), new Bin("as_of", 3), new Bin("v", "old"));
        client.put(null, key("late"), new Bin("as_of", 7), new Bin("v", "old"));

        client.put(failOnFilteredOut(asOfAtMost5), key("early"), new Bin("v", "new"));
        assertThat(resultCodeOf(() -> client.put(failOnFilteredOut(asOfAtMost5), key("late"), new Bin("v", "new"))))
            .isEqualTo(ResultCode.FILTERED_OUT);
        // As on a real server, the filter applies to existing records only: a missing one is created.
        client.put(failOnFilteredOut(asOfAtMost5), key("new"), new Bin("v", "new"));

        assertThat(client.get(null, key("early")).getString("v")).isEqualTo("new");
        assertThat(client.get(null, key("late")).getString("v")).isEqualTo("old");
        assertThat(client.get(null, key("new")).getString("v")).isEqualTo("new");
        Policy readIfLate = new Policy();
        readIfLate.filterExp = Exp.build(Exp.and(Exp.gt(Exp.intBin("as_of"), Exp.val(5)),
            Exp.binExists("v"), Exp.not(Exp.eq(Exp.stringBin("v"), Exp.val("new"))), Exp.ge(Exp.ttl(), Exp.val(-1))));
        assertThat(client.get(readIfLate, key("late"))).isNotNull();
        assertThat(client.get(readIfLate, key("early"))).isNull();
        Policy unknownOrTrue = new Policy();
        long inOneSecondNanos = (System.currentTimeMillis() + 1000) * 1_000_000L;
        unknownOrTrue.filterExp = Exp.build(Exp.and(
            Exp.or(Exp.eq(Exp.floatBin("missing"), Exp.val(1.5)), Exp.val(true)),
            Exp.lt(Exp.lastUpdate(), Exp.val(inOneSecondNanos))));
        assertThat(client.get(unknownOrTrue, key("late"))).isNotNull();
    }

    @Test
    void unsupportedExpressionsAndOperationsAreParameterErrorsThatChangeNothing() {
        client.put(null, key(1), new Bin("as_of", 3), new Bin("l", List.of(1L)));
        WritePolicy arithmetic = failOnFilteredOut(Exp.eq(Exp.add(Exp.intBin("as_of"), Exp.val(1)), Exp.val(4)));

        assertThat(resultCodeOf(() -> client.put(arithmetic, key(1), new Bin("as_of", 99))))
            .isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(resultCodeOf(() -> client.operate(null, key(1), Operation.put(new Bin("as_of", 99)),
            ListOperation.append("l", Value.get(2))))).isEqualTo(ResultCode.PARAMETER_ERROR);
        assertThat(client.get(null, key(1)).getInt("as_of")).isEqualTo(3);
        assertThat(client.get(null, key(1)).getList("l")).hasSize(1);
    }

    @Test
    void operateAddsTouchesAndReadsInOneCommand() {
        client.put(null, key(1), new Bin("n", 10));
        Record r = client.operate(null, key(1), Operation.add(new Bin("n", 5)), Operation.touch(),
            Operation.put(new Bin("s", "x")), Operation.get("n"));

        assertThat(r.getLong("n")).isEqualTo(15);
        assertThat(r.generation).isEqualTo(2);
        assertThat(client.get(null, key(1)).getString("s")).isEqualTo("x");
        client.touch(null, key(1));
        assertThat(client.getHeader(null, key(1)).generation).isEqualTo(3);
    }

    @Test
    void mapPutItemsThenGetByKeyAndSize() {
        Map<Value, Value> items = new LinkedHashMap<>();
        items.put(Value.get("b"), Value.get(2));
        items.put(Value.get("a"), Value.get("one"));
        Record put = client.operate(null, key(1), MapOperation.putItems(MapPolicy.Default, "m", items),
            MapOperation.put(MapPolicy.Default, "m", Value.get("c"), Value.get(3.5)));
        assertThat(new ArrayList<Object>(put.getList("m"))).containsExactly(2L, 3L);

        Record r = client.operate(null, key(1),
            MapOperation.getByKey("m", Value.get("a"), MapReturnType.VALUE),
            MapOperation.getByKey("m", Value.get("zz"), MapReturnType.VALUE),
            MapOperation.size("m"));
        assertThat(new ArrayList<Object>(r.getList("m"))).containsExactly("one", null, 3L);

        MapPolicy keyOrdered = new MapPolicy(MapOrder.KEY_ORDERED, MapWriteFlags.DEFAULT);
        client.operate(null, key(2), MapOperation.putItems(keyOrdered, "m", items));
        Map<?, ?> stored = client.get(null, key(2)).getMap("m");
        assertThat(stored).isInstanceOf(TreeMap.class);
        assertThat(new ArrayList<Object>(stored.keySet())).containsExactly("a", "b");
    }

    @Test
    void batchOfAThousandWritesCarriesPerRecordFilterResults() {
        int n = 1000;
        List<BatchRecord> creates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            creates.add(new BatchWrite(key(i), Operation.array(Operation.put(new Bin("as_of", i % 10)),
                Operation.put(new Bin("v", i)))));
        }
        assertThat(client.operate(null, creates)).isTrue();
        assertThat(server.recordCount(NS)).isEqualTo(n);

        BatchWritePolicy onlyAsOfAtMost4 = new BatchWritePolicy();
        onlyAsOfAtMost4.filterExp = Exp.build(Exp.le(Exp.intBin("as_of"), Exp.val(4)));
        onlyAsOfAtMost4.expiration = 100;
        onlyAsOfAtMost4.sendKey = true;
        List<BatchRecord> updates = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            updates.add(new BatchWrite(onlyAsOfAtMost4, key(i), Operation.array(Operation.put(new Bin("v", -i)))));
        }
        long writtenBefore = System.nanoTime();
        assertThat(client.operate(null, updates)).isFalse();

        for (int i = 0; i < n; i++) {
            int expected = i % 10 <= 4 ? ResultCode.OK : ResultCode.FILTERED_OUT;
            assertThat(updates.get(i).resultCode).as("record %d", i).isEqualTo(expected);
        }
        Key[] keys = new Key[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
        }
        Record[] read = client.get(null, keys);
        // A TTL counts down in whole seconds from the write: as many as have begun since may be gone.
        int secondsBegun = (int) Math.ceil((System.nanoTime() - writtenBefore) / 1e9);
        for (int i = 0; i < n; i++) {
            assertThat(read[i].getInt("v")).as("record %d", i).isEqualTo(i % 10 <= 4 ? -i : i);
            if (i % 10 <= 4) {
                assertThat(read[i].getTimeToLive()).as("record %d", i).isBetween(100 - secondsBegun, 100);
            } else {
                assertThat(read[i].getTimeToLive()).as("record %d", i).isEqualTo(-1);
            }
        }
    }

    @Test
    void batchReadsAnswerMissingRecordsPerRecord() {
        client.put(null, key(1), new Bin("a", 1), new Bin("b", 2));
        List<BatchRead> reads = List.of(new BatchRead(key(1), new String[] {"b"}), new BatchRead(key(2), true),
            new BatchRead(new Key("complete", SET, 1), true));

        client.get(new BatchPolicy(), reads);

        assertThat(reads.get(0).resultCode).isEqualTo(ResultCode.OK);
        assertThat(reads.get(0).record.bins).containsOnlyKeys("b");
        assertThat(reads.get(1).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(reads.get(2).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(client.get(null, new Key[] {key(1), key(2)})[1]).isNull();
    }

    @Test
    void batchWritePoliciesAnswerPerRecordCodesBesideBatchReads() {
        client.put(null, key("existing"), new Bin("a", 1));
        BatchWritePolicy createOnly = new BatchWritePolicy();
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        BatchWritePolicy updateOnly = new BatchWritePolicy();
        updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        BatchWritePolicy wrongGeneration = new BatchWritePolicy();
        wrongGeneration.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        wrongGeneration.generation = 7;
        Operation[] setB = Operation.array(Operation.put(new Bin("b", 2)));
        List<BatchRecord> records = List.of(
            new BatchWrite(createOnly, key("existing"), setB),
            new BatchWrite(updateOnly, key("missing"), setB),
            new BatchWrite(wrongGeneration, key("existing"), setB),
            new BatchWrite(key("existing"), Operation.array(Operation.add(new Bin("a", 10)), Operation.get("a"))),
            new BatchRead(key("existing"), true));

        client.operate(null, records);

        assertThat(records).extracting(r -> r.resultCode).containsExactly(ResultCode.KEY_EXISTS_ERROR,
            ResultCode.KEY_NOT_FOUND_ERROR, ResultCode.GENERATION_ERROR, ResultCode.OK, ResultCode.OK);
        assertThat(new ArrayList<Object>(records.get(3).record.getList("a"))).containsExactly(null, 11L);
        assertThat(records.get(4).record.getInt("a")).isEqualTo(11);
        assertThat(records.get(4).record.bins).doesNotContainKey("b");
    }

    @Test
    void manyConnectionsWriteConcurrently() throws InterruptedException {
        int threads = 8;
        int perThread = 200;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            writers.add(new Thread(() -> {
                for (int i = base; i < base + perThread; i++) {
                    client.operate(null, key("counter"), Operation.add(new Bin("n", 1)));
                    client.put(null, key(i), new Bin("v", i));
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread w : writers) {
            w.join();
        }

        assertThat(server.recordCount(NS)).isEqualTo(threads * perThread + 1);
        assertThat(client.get(null, key("counter")).getInt("n")).isEqualTo(threads * perThread);
        assertThat(client.getNodes()[0].getConnectionStats().opened).isGreaterThan(1);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class FaultInjection {
        @Test
        void latencyMakesAShortTimeoutFail() {
            server.faults().latency(Duration.ofMillis(200));
            Policy fast = new Policy();
            fast.socketTimeout = 50;
            fast.totalTimeout = 50;
            fast.maxRetries = 0;

            assertThatThrownBy(() -> client.get(fast, key(1))).isInstanceOf(AerospikeException.Timeout.class);
            assertThat(server.faults().faultsInjected()).isPositive();
        }

        @Test
        void failNextAnswersTheGivenCodeThenRecovers() {
            server.faults().failNext(1, ResultCode.DEVICE_OVERLOAD);
            WritePolicy noRetry = new WritePolicy();
            noRetry.maxRetries = 0;

            assertThat(resultCodeOf(() -> client.put(noRetry, key(1), new Bin("a", 1))))
                .isEqualTo(ResultCode.DEVICE_OVERLOAD);
            assertThat(client.exists(null, key(1))).isFalse();
            client.put(noRetry, key(1), new Bin("a", 1));
            assertThat(client.exists(null, key(1))).isTrue();
        }

        @Test
        void nodeDownThenBackAndTheClientRecovers() throws InterruptedException {
            client.put(null, key(1), new Bin("a", 1));
            long downAt = System.nanoTime();
            server.faults().down(Duration.ofSeconds(2));
            WritePolicy noRetry = new WritePolicy();
            noRetry.maxRetries = 0;
            assertThatThrownBy(() -> client.put(noRetry, key(2), new Bin("a", 2))).isInstanceOf(AerospikeException.class);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            while (resultCodeOf(() -> client.put(noRetry, key(3), new Bin("a", 3))) != ResultCode.OK) {
                assertThat(System.nanoTime()).as("client recovered within 8 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - downAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(client.get(null, key(1)).getInt("a")).isEqualTo(1);
        }

        @Test
        void refusedConnectionsKeepANewClientOut() {
            server.faults().refuseConnections(true);
            ClientPolicy policy = new ClientPolicy();
            policy.timeout = 500;

            assertThatThrownBy(() -> new AerospikeClient(policy, new Host(server.host(), server.port())).close())
                .isInstanceOf(AerospikeException.class);
            server.faults().refuseConnections(false);
            try (AerospikeClient again = new AerospikeClient(policy, new Host(server.host(), server.port()))) {
                assertThat(again.isConnected()).isTrue();
            }
        }

        @Test
        void failBatchAfterAnswersTheFirstRecordsAndFailsTheRest() {
            server.faults().failBatchAfter(10, ResultCode.PARTITION_UNAVAILABLE);
            List<BatchRecord> writes = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                writes.add(new BatchWrite(key(i), Operation.array(Operation.put(new Bin("a", i)))));
            }

            client.operate(null, writes);

            for (int i = 0; i < 30; i++) {
                assertThat(writes.get(i).resultCode).as("record %d", i)
                    .isEqualTo(i < 10 ? ResultCode.OK : ResultCode.PARTITION_UNAVAILABLE);
            }
            assertThat(server.recordCount(NS)).isEqualTo(10);
        }

        @Test
        void droppedConnectionsFailRequestsWithoutAnAnswer() {
            long servedBefore = server.faults().requestsServed();
            server.faults().dropConnectionsAfter(1);
            WritePolicy noRetry = new WritePolicy();
            noRetry.maxRetries = 0;

            client.put(noRetry, key(1), new Bin("a", 1));
            assertThatThrownBy(() -> client.put(noRetry, key(2), new Bin("a", 2))).isInstanceOf(AerospikeException.class);
            assertThat(server.faults().requestsServed() - servedBefore).isEqualTo(1);
        }
    }

    @Test
    void standaloneServerPrintsItsAddressAndExitsWhenStdinCloses() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            AerospikeTestServer.class.getName(), "--port", "0", "--namespace", "live")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).matches("aerospike-test-server listening on 127\\.0\\.0\\.1:\\d+");
            int port = Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            try (AerospikeClient c = new AerospikeClient(new ClientPolicy(), new Host("127.0.0.1", port))) {
                c.put(null, new Key("live", SET, 1), new Bin("a", 1));
                assertThat(c.get(null, new Key("live", SET, 1)).getInt("a")).isEqualTo(1);
            }

            child.getOutputStream().close();

            assertThat(child.waitFor(5, TimeUnit.SECONDS)).as("child exited after stdin closed").isTrue();
            assertThat(child.exitValue()).isZero();
        } finally {
            child.destroyForcibly();
        }
    }
}
