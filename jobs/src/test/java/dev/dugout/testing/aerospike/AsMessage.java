package dev.dugout.testing.aerospike;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded AS_MSG (proto type 3): the 22-byte message header (header size, info1..info4, result
 * code, generation, record TTL, transaction timeout, field count, op count), then the fields
 * (4-byte size counting the type byte, 1-byte type, data) and the operations (4-byte size, op
 * type, particle type, version, name length, bin name, particle value). Batch entries reuse the
 * field and op encoding, so {@link Cursor} reads them for both.
 */
record AsMessage(int info1, int info2, int info3, int info4, int generation, int expiration,
                 List<Field> fields, List<Op> ops) {
    static final int HEADER_SIZE = 22;

    static final int INFO1_READ = 1;
    static final int INFO1_GET_ALL = 1 << 1;
    static final int INFO1_BATCH = 1 << 3;
    static final int INFO1_NOBINDATA = 1 << 5;
    static final int INFO2_WRITE = 1;
    static final int INFO2_DELETE = 1 << 1;
    static final int INFO2_GENERATION = 1 << 2;
    static final int INFO2_GENERATION_GT = 1 << 3;
    static final int INFO2_CREATE_ONLY = 1 << 5;
    static final int INFO2_RESPOND_ALL_OPS = 1 << 7;
    static final int INFO3_LAST = 1;
    static final int INFO3_UPDATE_ONLY = 1 << 3;
    static final int INFO3_CREATE_OR_REPLACE = 1 << 4;
    static final int INFO3_REPLACE_ONLY = 1 << 5;

    static final int FIELD_NAMESPACE = 0;
    static final int FIELD_SET = 1;
    static final int FIELD_KEY = 2;
    static final int FIELD_DIGEST = 4;
    static final int FIELD_BATCH_INDEX = 41;
    static final int FIELD_FILTER_EXP = 43;

    static final int OP_READ = 1;
    static final int OP_WRITE = 2;
    static final int OP_CDT_READ = 3;
    static final int OP_CDT_MODIFY = 4;
    static final int OP_ADD = 5;
    static final int OP_APPEND = 9;
    static final int OP_PREPEND = 10;
    static final int OP_TOUCH = 11;
    static final int OP_DELETE = 14;

    /** One message field; {@code data} excludes the size and type bytes. */
    record Field(int type, byte[] data) {
    }

    /** One bin operation; {@code binName} is empty for record-level operations (read all, touch). */
    record Op(int type, String binName, Particle value) {
        boolean isWrite() {
            return type != OP_READ && type != OP_CDT_READ;
        }
    }

    static AsMessage parse(byte[] body) {
        if (body.length < HEADER_SIZE) {
            throw new ProtocolException("AS_MSG body of " + body.length + " bytes is shorter than its "
                + HEADER_SIZE + "-byte header");
        }
        Cursor c = new Cursor(body, 0);
        int headerSize = c.u8();
        if (headerSize != HEADER_SIZE) {
            throw new ProtocolException("AS_MSG header size " + headerSize + ", expected " + HEADER_SIZE);
        }
        int info1 = c.u8();
        int info2 = c.u8();
        int info3 = c.u8();
        int info4 = c.u8();
        c.u8(); // result code: unused in requests
        int generation = c.i32();
        int expiration = c.i32();
        c.i32(); // transaction timeout: the client enforces its own deadline
        int fieldCount = c.u16();
        int opCount = c.u16();
        List<Field> fields = c.fields(fieldCount);
        List<Op> ops = c.ops(opCount);
        return new AsMessage(info1, info2, info3, info4, generation, expiration, fields, ops);
    }

    byte[] field(int type) {
        return field(fields, type);
    }

    static byte[] field(List<Field> fields, int type) {
        for (Field f : fields) {
            if (f.type() == type) {
                return f.data();
            }
        }
        return null;
    }

    /** A read position over a message body. */
    static final class Cursor {
        private final byte[] buf;
        private int pos;

        Cursor(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        int position() {
            return pos;
        }

        boolean hasMore() {
            return pos < buf.length;
        }

        int u8() {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int u16() {
            need(2);
            int v = Wire.readShort(buf, pos);
            pos += 2;
            return v;
        }

        int i32() {
            need(4);
            int v = Wire.readInt(buf, pos);
            pos += 4;
            return v;
        }

        byte[] bytes(int n) {
            need(n);
            byte[] out = java.util.Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return out;
        }

        List<Field> fields(int count) {
            List<Field> fields = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int size = i32();
                if (size < 1) {
                    throw new ProtocolException("field " + i + " has size " + size + " at offset " + pos);
                }
                int type = u8();
                fields.add(new Field(type, bytes(size - 1)));
            }
            return fields;
        }

        List<Op> ops(int count) {
            List<Op> ops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int size = i32();
                int type = u8();
                int particleType = u8();
                u8(); // version
                int nameLength = u8();
                if (size < 4 + nameLength) {
                    throw new ProtocolException("op " + i + " has size " + size + " but a bin name of "
                        + nameLength + " bytes, at offset " + pos);
                }
                String name = Wire.utf8(bytes(nameLength), 0, nameLength);
                byte[] value = bytes(size - 4 - nameLength);
                ops.add(new Op(type, name, new Particle(particleType, value)));
            }
            return ops;
        }

        private void need(int n) {
            if (pos + n > buf.length) {
                throw new ProtocolException("message truncated: need " + n + " bytes at offset " + pos
                    + " of " + buf.length);
            }
        }
    }
}
