package dev.dugout.testing.aerospike;

import java.util.Arrays;

/**
 * A bin value as it travels on the wire: a particle type and its bytes. Integers are 8-byte
 * big-endian, doubles 8-byte IEEE 754, strings UTF-8, bools one byte, lists and maps their
 * msgpack encoding (stored as sent; decoded only for map operations and expressions).
 */
record Particle(int type, byte[] bytes) {
    static final int NULL = 0;
    static final int INTEGER = 1;
    static final int DOUBLE = 2;
    static final int STRING = 3;
    static final int BLOB = 4;
    static final int BOOL = 17;
    static final int MAP = 19;
    static final int LIST = 20;

    static final Particle NIL = new Particle(NULL, new byte[0]);

    static Particle ofLong(long v) {
        return new Particle(INTEGER, Wire.longBytes(v));
    }

    static Particle ofDouble(double v) {
        return new Particle(DOUBLE, Wire.longBytes(Double.doubleToLongBits(v)));
    }

    static Particle ofString(String s) {
        return new Particle(STRING, Wire.utf8(s));
    }

    static Particle ofBool(boolean b) {
        return new Particle(BOOL, new byte[] {(byte) (b ? 1 : 0)});
    }

    long asLong() {
        // The client sends small integers in fewer bytes in a few places (e.g. bool as int).
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    double asDouble() {
        return Double.longBitsToDouble(Wire.readLong(bytes, 0));
    }

    String asString() {
        return Wire.utf8(bytes, 0, bytes.length);
    }

    boolean asBool() {
        return bytes.length > 0 && bytes[0] != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Particle p && p.type == type && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Particle[type=" + type + ", " + bytes.length + " bytes]";
    }
}
