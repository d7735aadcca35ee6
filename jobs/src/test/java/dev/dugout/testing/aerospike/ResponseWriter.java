package dev.dugout.testing.aerospike;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes AS_MSG responses: per record a 22-byte header (the transaction-timeout slot carries the
 * batch index in batch responses), the fields, then one op per returned bin. A batch response is
 * any number of such records, sent in several proto frames, closed by a header-only record with
 * INFO3_LAST set.
 */
final class ResponseWriter {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);

    int size() {
        return buf.size();
    }

    void header(int info3, int resultCode, int generation, int voidTime, int batchIndex,
                int fieldCount, int opCount) {
        buf.write(AsMessage.HEADER_SIZE);
        buf.write(0); // info1
        buf.write(0); // info2
        buf.write(info3);
        buf.write(0); // info4
        buf.write(resultCode);
        int32(generation);
        int32(voidTime);
        int32(batchIndex);
        int16(fieldCount);
        int16(opCount);
    }

    void field(int type, byte[] data) {
        int32(data.length + 1);
        buf.write(type);
        buf.write(data, 0, data.length);
    }

    void op(String binName, Particle value) {
        byte[] name = Wire.utf8(binName);
        int32(4 + name.length + value.bytes().length);
        buf.write(AsMessage.OP_READ);
        buf.write(value.type());
        buf.write(0); // version
        buf.write(name.length);
        buf.write(name, 0, name.length);
        buf.write(value.bytes(), 0, value.bytes().length);
    }

    /** Writes what was encoded so far as one proto frame and starts over. */
    void flushFrame(OutputStream out) throws IOException {
        ProtoFrame.write(out, ProtoFrame.TYPE_MESSAGE, buf);
        buf.reset();
    }

    private void int32(int v) {
        buf.write(v >>> 24);
        buf.write(v >>> 16);
        buf.write(v >>> 8);
        buf.write(v);
    }

    private void int16(int v) {
        buf.write(v >>> 8);
        buf.write(v);
    }
}
