package dev.dugout.testing.aerospike;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes one record command against the store with the server's semantics: record-exists
 * actions (update, update-only, replace, replace-only, create-only), generation checks, the filter
 * expression (evaluated on existing records only: a write to a missing record creates it), TTL
 * (0 = namespace default, -1 = never expire, -2 = keep the current one, N = seconds), bin writes
 * (a null value deletes the bin; a record left without bins is deleted), add, append, prepend,
 * touch, delete, reads and CDT map operations. A failing command changes nothing.
 */
final class RecordExecutor {
    private static final int TTL_NEVER_EXPIRE = -1;
    private static final int TTL_DONT_UPDATE = -2;
    private static final int MAX_GENERATION = 0xFFFF;

    private final Map<String, Namespace> namespaces;

    RecordExecutor(Map<String, Namespace> namespaces) {
        this.namespaces = namespaces;
    }

    RecordResult execute(RecordRequest req) {
        Namespace ns = req.namespace() == null ? null : namespaces.get(req.namespace());
        if (ns == null) {
            return RecordResult.failure(ResultCodes.INVALID_NAMESPACE);
        }
        if (req.digest() == null || req.digest().length != 20) {
            return RecordResult.failure(ResultCodes.PARAMETER_ERROR);
        }
        try {
            FilterExpression filter = req.filter() == null ? null : FilterExpression.parse(req.filter());
            return req.isWrite() ? write(ns, req, filter) : read(ns, req, filter);
        } catch (FilterExpression.Unsupported e) {
            return RecordResult.failure(ResultCodes.PARAMETER_ERROR);
        } catch (CommandFailure f) {
            return RecordResult.failure(f.resultCode());
        }
    }

    private RecordResult read(Namespace ns, RecordRequest req, FilterExpression filter) {
        long now = ns.now();
        StoredRecord r = ns.get(req.digest());
        if (r == null) {
            return RecordResult.failure(ResultCodes.KEY_NOT_FOUND);
        }
        if (filter != null && !filter.matches(r, now)) {
            return RecordResult.failure(ResultCodes.FILTERED_OUT);
        }
        List<RecordResult.BinValue> out = new ArrayList<>();
        if (req.has1(AsMessage.INFO1_GET_ALL) && req.ops().isEmpty()) {
            r.bins().forEach((name, value) -> out.add(new RecordResult.BinValue(name, value)));
        } else if (!req.has1(AsMessage.INFO1_NOBINDATA)) {
            Map<String, Particle> bins = new LinkedHashMap<>(r.bins());
            for (AsMessage.Op op : req.ops()) {
                applyRead(op, bins, req.has2(AsMessage.INFO2_RESPOND_ALL_OPS), out);
            }
        }
        return new RecordResult(ResultCodes.OK, r.generation(), r.voidTime(), r.userKey(), out);
    }

    private RecordResult write(Namespace ns, RecordRequest req, FilterExpression filter) {
        RecordResult[] answer = new RecordResult[1];
        ns.update(req.digest(), (current, now) -> {
            if (req.has2(AsMessage.INFO2_DELETE)) {
                checkPreconditions(current, req, filter, now);
                answer[0] = new RecordResult(ResultCodes.OK, 0, 0, null, List.of());
                return null;
            }
            checkPreconditions(current, req, filter, now);
            boolean replace = req.has3(AsMessage.INFO3_CREATE_OR_REPLACE) || req.has3(AsMessage.INFO3_REPLACE_ONLY);
            Map<String, Particle> bins = new LinkedHashMap<>();
            if (current != null && !replace) {
                bins.putAll(current.bins());
            }
            List<RecordResult.BinValue> out = new ArrayList<>();
            boolean deleted = applyOps(current, req, bins, out);
            if (deleted || bins.isEmpty()) {
                answer[0] = new RecordResult(ResultCodes.OK, 0, 0, null, out);
                return null;
            }
            int generation = current == null || current.generation() >= MAX_GENERATION ? 1 : current.generation() + 1;
            long voidTime = voidTime(req.expiration(), current, ns, now);
            byte[] userKey = req.userKey() != null ? req.userKey() : current == null ? null : current.userKey();
            answer[0] = new RecordResult(ResultCodes.OK, generation, voidTime, null, out);
            return new StoredRecord(bins, generation, voidTime, now, userKey);
        });
        return answer[0];
    }

    private static void checkPreconditions(StoredRecord current, RecordRequest req, FilterExpression filter, long now) {
        boolean mustExist = req.has2(AsMessage.INFO2_DELETE) || req.has3(AsMessage.INFO3_UPDATE_ONLY)
            || req.has3(AsMessage.INFO3_REPLACE_ONLY) || hasTouch(req);
        if (current == null) {
            if (mustExist) {
                throw new CommandFailure(ResultCodes.KEY_NOT_FOUND, "record does not exist");
            }
            return;
        }
        if (req.has2(AsMessage.INFO2_CREATE_ONLY)) {
            throw new CommandFailure(ResultCodes.KEY_EXISTS, "record already exists");
        }
        if (filter != null && !filter.matches(current, now)) {
            throw new CommandFailure(ResultCodes.FILTERED_OUT, "filter expression is false");
        }
        boolean generationFails = req.has2(AsMessage.INFO2_GENERATION) && current.generation() != req.generation()
            || req.has2(AsMessage.INFO2_GENERATION_GT) && req.generation() <= current.generation();
        if (generationFails) {
            throw new CommandFailure(ResultCodes.GENERATION_ERROR, "expected generation " + req.generation()
                + ", record has " + current.generation());
        }
    }

    private static boolean hasTouch(RecordRequest req) {
        return req.ops().stream().anyMatch(op -> op.type() == AsMessage.OP_TOUCH);
    }

    /** Applies the operations in order; returns true when one of them deleted the record. */
    private static boolean applyOps(StoredRecord current, RecordRequest req, Map<String, Particle> bins,
                                    List<RecordResult.BinValue> out) {
        boolean respondAll = req.has2(AsMessage.INFO2_RESPOND_ALL_OPS);
        boolean deleted = false;
        for (AsMessage.Op op : req.ops()) {
            if (!op.isWrite()) {
                applyRead(op, bins, respondAll, out);
                continue;
            }
            Particle result = Particle.NIL;
            switch (op.type()) {
                case AsMessage.OP_WRITE -> {
                    if (op.value().type() == Particle.NULL) {
                        bins.remove(op.binName());
                    } else {
                        bins.put(op.binName(), op.value());
                    }
                }
                case AsMessage.OP_ADD -> bins.put(op.binName(), BinArithmetic.add(bins.get(op.binName()), op.value()));
                case AsMessage.OP_APPEND -> bins.put(op.binName(),
                    BinArithmetic.concat(bins.get(op.binName()), op.value(), true));
                case AsMessage.OP_PREPEND -> bins.put(op.binName(),
                    BinArithmetic.concat(bins.get(op.binName()), op.value(), false));
                case AsMessage.OP_TOUCH -> { }
                case AsMessage.OP_DELETE -> {
                    bins.clear();
                    deleted = true;
                }
                case AsMessage.OP_CDT_MODIFY -> {
                    MapOperations.Modified m = MapOperations.modify(bins.get(op.binName()), op.value());
                    bins.put(op.binName(), m.bin());
                    result = m.result();
                }
                default -> throw new CommandFailure(ResultCodes.PARAMETER_ERROR,
                    "operation type " + op.type() + " is not supported by this test server");
            }
            if (respondAll) {
                out.add(new RecordResult.BinValue(op.binName(), result));
            }
        }
        return deleted && bins.isEmpty();
    }

    private static void applyRead(AsMessage.Op op, Map<String, Particle> bins, boolean respondAll,
                                  List<RecordResult.BinValue> out) {
        if (op.type() == AsMessage.OP_CDT_READ) {
            out.add(new RecordResult.BinValue(op.binName(), MapOperations.read(bins.get(op.binName()), op.value())));
        } else if (op.binName().isEmpty()) {
            bins.forEach((name, value) -> out.add(new RecordResult.BinValue(name, value)));
        } else if (bins.containsKey(op.binName())) {
            out.add(new RecordResult.BinValue(op.binName(), bins.get(op.binName())));
        } else if (respondAll) {
            out.add(new RecordResult.BinValue(op.binName(), Particle.NIL));
        }
    }

    private static long voidTime(int expiration, StoredRecord current, Namespace ns, long nowMillis) {
        long now = StoredRecord.nowSinceEpoch(nowMillis);
        if (expiration == TTL_DONT_UPDATE) {
            return current != null ? current.voidTime() : voidTime(0, null, ns, nowMillis);
        }
        if (expiration == TTL_NEVER_EXPIRE) {
            return 0;
        }
        if (expiration < 0) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "invalid record TTL " + expiration);
        }
        int ttl = expiration == 0 ? ns.defaultTtlSeconds() : expiration;
        return ttl == 0 ? 0 : now + ttl;
    }
}
