package dev.dugout.testing.aerospike;

import java.util.List;

/**
 * One record command, whether it came as a single AS_MSG or as an entry of a batch: the message
 * attributes (info1..3, expected generation, requested TTL), the key (namespace, set, digest,
 * optional user key), an optional filter expression and the operations.
 */
record RecordRequest(int info1, int info2, int info3, int generation, int expiration,
                     String namespace, String set, byte[] digest, byte[] userKey, byte[] filter,
                     List<AsMessage.Op> ops) {

    static RecordRequest of(AsMessage m) {
        byte[] ns = m.field(AsMessage.FIELD_NAMESPACE);
        byte[] set = m.field(AsMessage.FIELD_SET);
        return new RecordRequest(m.info1(), m.info2(), m.info3(), m.generation(), m.expiration(),
            ns == null ? null : Wire.utf8(ns, 0, ns.length), set == null ? "" : Wire.utf8(set, 0, set.length),
            m.field(AsMessage.FIELD_DIGEST), m.field(AsMessage.FIELD_KEY), m.field(AsMessage.FIELD_FILTER_EXP),
            m.ops());
    }

    boolean isWrite() {
        return (info2 & (AsMessage.INFO2_WRITE | AsMessage.INFO2_DELETE)) != 0;
    }

    boolean has1(int flag) {
        return (info1 & flag) != 0;
    }

    boolean has2(int flag) {
        return (info2 & flag) != 0;
    }

    boolean has3(int flag) {
        return (info3 & flag) != 0;
    }
}
