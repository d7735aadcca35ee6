package dev.dugout.testing.aerospike;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The msgpack subset Aerospike uses for lists, maps, CDT operations and expressions. Decoded
 * values are {@code null}, {@link Long}, {@link Double}, {@link Boolean}, {@link Bytes} (any str
 * or bin: Aerospike prefixes values in collections with their particle type byte, so the raw
 * bytes are kept and interpreted by the caller), {@link List} and {@link MsgMap}. An ordered map
 * starts with an extension entry (0xc7, type 0, flags) whose value is nil; it becomes
 * {@link MsgMap#flags()}.
 */
final class MsgPack {
    private MsgPack() {
    }

    /** A str or bin value, raw (the leading particle type byte, if any, included). */
    record Bytes(byte[] raw) {
        String particleString() {
            return raw.length > 0 && raw[0] == Particle.STRING ? Wire.utf8(raw, 1, raw.length - 1) : null;
        }

        String plainString() {
            return Wire.utf8(raw, 0, raw.length);
        }

        static Bytes ofParticleString(String s) {
            byte[] utf8 = Wire.utf8(s);
            byte[] raw = new byte[utf8.length + 1];
            raw[0] = Particle.STRING;
            System.arraycopy(utf8, 0, raw, 1, utf8.length);
            return new Bytes(raw);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(b.raw, raw);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(raw);
        }
    }

    /** A msgpack map; flags 0 = unordered, 1 = key ordered, 3 = key-value ordered. */
    record MsgMap(int flags, LinkedHashMap<Object, Object> entries) {
    }

    /** An extension value other than the map-order header. */
    record Ext(int type, byte[] data) {
    }

    static Object decode(byte[] bytes) {
        Reader r = new Reader(bytes, 0);
        Object v = r.read();
        return v;
    }

    /** Sequential decoder. */
    static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        boolean hasMore() {
            return pos < b.length;
        }

        Object read() {
            int t = u8();
            if (t <= 0x7f) {
                return (long) t;
            }
            if (t >= 0xe0) {
                return (long) (byte) t;
            }
            if ((t & 0xf0) == 0x80) {
                return map(t & 0x0f);
            }
            if ((t & 0xf0) == 0x90) {
                return array(t & 0x0f);
            }
            if ((t & 0xe0) == 0xa0) {
                return new Bytes(take(t & 0x1f));
            }
            switch (t) {
                case 0xc0: return null;
                case 0xc2: return Boolean.FALSE;
                case 0xc3: return Boolean.TRUE;
                case 0xc4: case 0xd9: return new Bytes(take(u8()));
                case 0xc5: case 0xda: return new Bytes(take(u16()));
                case 0xc6: case 0xdb: return new Bytes(take(i32()));
                case 0xc7: return ext(u8());
                case 0xc8: return ext(u16());
                case 0xc9: return ext(i32());
                case 0xca: return (double) Float.intBitsToFloat(i32());
                case 0xcb: return Double.longBitsToDouble(i64());
                case 0xcc: return (long) u8();
                case 0xcd: return (long) u16();
                case 0xce: return i32() & 0xFFFF_FFFFL;
                case 0xcf: case 0xd3: return i64();
                case 0xd0: return (long) (byte) u8();
                case 0xd1: return (long) (short) u16();
                case 0xd2: return (long) i32();
                case 0xd4: return fixExt(1);
                case 0xd5: return fixExt(2);
                case 0xd6: return fixExt(4);
                case 0xd7: return fixExt(8);
                case 0xd8: return fixExt(16);
                case 0xdc: return array(u16());
                case 0xdd: return array(i32());
                case 0xde: return map(u16());
                case 0xdf: return map(i32());
                default: throw new ProtocolException("unsupported msgpack type 0x" + Integer.toHexString(t)
                    + " at offset " + (pos - 1));
            }
        }

        private List<Object> array(int n) {
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(read());
            }
            return list;
        }

        private MsgMap map(int n) {
            LinkedHashMap<Object, Object> entries = new LinkedHashMap<>();
            int flags = 0;
            for (int i = 0; i < n; i++) {
                Object k = read();
                Object v = read();
                if (i == 0 && k instanceof Ext ext && ext.type() == 0 && v == null) {
                    flags = ext.data().length > 0 ? ext.data()[0] & 0xFF : 0;
                    continue;
                }
                entries.put(k, v);
            }
            return new MsgMap(flags, entries);
        }

        private Ext ext(int size) {
            int type = u8();
            return new Ext(type, take(size));
        }

        private Ext fixExt(int size) {
            return ext(size);
        }

        private int u8() {
            need(1);
            return b[pos++] & 0xFF;
        }

        private int u16() {
            need(2);
            int v = Wire.readShort(b, pos);
            pos += 2;
            return v;
        }

        private int i32() {
            need(4);
            int v = Wire.readInt(b, pos);
            pos += 4;
            return v;
        }

        private long i64() {
            need(8);
            long v = Wire.readLong(b, pos);
            pos += 8;
            return v;
        }

        private byte[] take(int n) {
            need(n);
            byte[] out = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return out;
        }

        private void need(int n) {
            if (n < 0 || pos + n > b.length) {
                throw new ProtocolException("msgpack value truncated at offset " + pos);
            }
        }
    }

    static byte[] encode(Object value) {
        Writer w = new Writer();
        w.write(value);
        return w.toByteArray();
    }

    /** Encoder for the decoded value types. */
    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        byte[] toByteArray() {
            return out.toByteArray();
        }

        void write(Object v) {
            if (v == null) {
                out.write(0xc0);
            } else if (v instanceof Boolean bool) {
                out.write(bool ? 0xc3 : 0xc2);
            } else if (v instanceof Long l) {
                writeLong(l);
            } else if (v instanceof Double d) {
                out.write(0xcb);
                out.writeBytes(Wire.longBytes(Double.doubleToLongBits(d)));
            } else if (v instanceof Bytes bytes) {
                writeStrHeader(bytes.raw().length);
                out.writeBytes(bytes.raw());
            } else if (v instanceof List<?> list) {
                writeContainerHeader(list.size(), 0x90, 0xdc, 0xdd);
                list.forEach(this::write);
            } else if (v instanceof MsgMap map) {
                boolean ordered = map.flags() != 0;
                writeContainerHeader(map.entries().size() + (ordered ? 1 : 0), 0x80, 0xde, 0xdf);
                if (ordered) {
                    out.writeBytes(new byte[] {(byte) 0xc7, 0, (byte) map.flags(), (byte) 0xc0});
                }
                for (Map.Entry<Object, Object> e : map.entries().entrySet()) {
                    write(e.getKey());
                    write(e.getValue());
                }
            } else if (v instanceof Ext ext) {
                out.write(0xc7);
                out.write(ext.data().length);
                out.write(ext.type());
                out.writeBytes(ext.data());
            } else {
                throw new IllegalArgumentException("cannot msgpack-encode " + v.getClass().getName());
            }
        }

        private void writeLong(long v) {
            if (v >= 0 && v < 128) {
                out.write((int) v);
            } else if (v < 0 && v >= -32) {
                out.write((int) v & 0xFF);
            } else {
                out.write(0xd3);
                out.writeBytes(Wire.longBytes(v));
            }
        }

        private void writeStrHeader(int n) {
            if (n < 32) {
                out.write(0xa0 | n);
            } else if (n < 256) {
                out.write(0xd9);
                out.write(n);
            } else if (n < 65536) {
                out.write(0xda);
                out.write(n >>> 8);
                out.write(n);
            } else {
                out.write(0xdb);
                writeInt(n);
            }
        }

        private void writeContainerHeader(int n, int fix, int sixteen, int thirtyTwo) {
            if (n < 16) {
                out.write(fix | n);
            } else if (n < 65536) {
                out.write(sixteen);
                out.write(n >>> 8);
                out.write(n);
            } else {
                out.write(thirtyTwo);
                writeInt(n);
            }
        }

        private void writeInt(int n) {
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
    }

    /**
     * The particle a decoded collection element becomes when returned as a bin value
     * (Aerospike returns a scalar CDT result as its natural particle type).
     */
    static Particle toParticle(Object v) {
        if (v == null) {
            return Particle.NIL;
        }
        if (v instanceof Long l) {
            return Particle.ofLong(l);
        }
        if (v instanceof Double d) {
            return Particle.ofDouble(d);
        }
        if (v instanceof Boolean b) {
            return Particle.ofBool(b);
        }
        if (v instanceof Bytes bytes) {
            byte[] raw = bytes.raw();
            if (raw.length > 0 && (raw[0] == Particle.STRING || raw[0] == Particle.BLOB)) {
                return new Particle(raw[0], Arrays.copyOfRange(raw, 1, raw.length));
            }
            return new Particle(Particle.BLOB, raw);
        }
        if (v instanceof List<?>) {
            return new Particle(Particle.LIST, encode(v));
        }
        if (v instanceof MsgMap) {
            return new Particle(Particle.MAP, encode(v));
        }
        throw new IllegalArgumentException("no particle for " + v.getClass().getName());
    }
}
