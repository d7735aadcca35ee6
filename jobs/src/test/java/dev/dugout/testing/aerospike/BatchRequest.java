package dev.dugout.testing.aerospike;

import java.util.ArrayList;
import java.util.List;

/**
 * The batch index protocol (an AS_MSG with INFO1_BATCH and a BATCH_INDEX field): the field holds
 * a record count, a flags byte, then per record its index in the client's list, its 20-byte
 * digest and a type byte. Type 1 repeats the previous record's namespace, set, attributes and
 * operations; type 0 is the read-only form (read attribute, field and op counts, fields, ops);
 * otherwise the byte is a set of flags saying which attributes follow (0x2: info1..3, 0x10:
 * info4, 0x4: 2-byte generation, 0x8: 4-byte TTL) before the field and op counts. A FILTER_EXP
 * field of the batch message applies to every record that does not carry its own.
 */
record BatchRequest(List<Entry> entries) {
    private static final int MSG_READ = 0x0;
    private static final int MSG_REPEAT = 0x1;
    private static final int MSG_INFO = 0x2;
    private static final int MSG_GEN = 0x4;
    private static final int MSG_TTL = 0x8;
    private static final int MSG_INFO4 = 0x10;
    private static final int DIGEST_SIZE = 20;

    /** One record of the batch and its position in the client's list. */
    record Entry(int index, RecordRequest request) {
    }

    static boolean isBatch(AsMessage m) {
        return (m.info1() & AsMessage.INFO1_BATCH) != 0 && m.field(AsMessage.FIELD_BATCH_INDEX) != null;
    }

    static BatchRequest parse(AsMessage m) {
        byte[] batchFilter = m.field(AsMessage.FIELD_FILTER_EXP);
        AsMessage.Cursor c = new AsMessage.Cursor(m.field(AsMessage.FIELD_BATCH_INDEX), 0);
        int count = c.i32();
        c.u8(); // flags: inline/respond-all-keys hints; every key is answered here
        List<Entry> entries = new ArrayList<>(count);
        RecordRequest previous = null;
        for (int i = 0; i < count; i++) {
            int index = c.i32();
            byte[] digest = c.bytes(DIGEST_SIZE);
            int type = c.u8();
            RecordRequest request;
            if (type == MSG_REPEAT) {
                if (previous == null) {
                    throw new ProtocolException("batch record " + index + " repeats a previous record but is the first");
                }
                request = withDigest(previous, digest);
            } else {
                request = entry(c, type, digest, batchFilter);
            }
            entries.add(new Entry(index, request));
            previous = request;
        }
        return new BatchRequest(entries);
    }

    private static RecordRequest entry(AsMessage.Cursor c, int type, byte[] digest, byte[] batchFilter) {
        int info1;
        int info2 = 0;
        int info3 = 0;
        int generation = 0;
        int expiration = 0;
        if (type == MSG_READ) {
            info1 = c.u8();
        } else {
            if ((type & MSG_INFO) == 0) {
                throw new ProtocolException("batch record type 0x" + Integer.toHexString(type) + " carries no attributes");
            }
            info1 = c.u8();
            info2 = c.u8();
            info3 = c.u8();
            if ((type & MSG_INFO4) != 0) {
                c.u8(); // transaction attributes: transactions are not supported
            }
            if ((type & MSG_GEN) != 0) {
                generation = c.u16();
            }
            if ((type & MSG_TTL) != 0) {
                expiration = c.i32();
            }
        }
        int fieldCount = c.u16();
        int opCount = c.u16();
        List<AsMessage.Field> fields = c.fields(fieldCount);
        List<AsMessage.Op> ops = c.ops(opCount);
        byte[] ns = AsMessage.field(fields, AsMessage.FIELD_NAMESPACE);
        byte[] set = AsMessage.field(fields, AsMessage.FIELD_SET);
        byte[] filter = AsMessage.field(fields, AsMessage.FIELD_FILTER_EXP);
        return new RecordRequest(info1, info2, info3, generation, expiration,
            ns == null ? null : Wire.utf8(ns, 0, ns.length), set == null ? "" : Wire.utf8(set, 0, set.length),
            digest, AsMessage.field(fields, AsMessage.FIELD_KEY), filter != null ? filter : batchFilter, ops);
    }

    private static RecordRequest withDigest(RecordRequest r, byte[] digest) {
        return new RecordRequest(r.info1(), r.info2(), r.info3(), r.generation(), r.expiration(), r.namespace(),
            r.set(), digest, null, r.filter(), r.ops());
    }
}
