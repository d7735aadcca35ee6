package dev.dugout.testing.aerospike;

import java.nio.charset.StandardCharsets;

/** Big-endian integer and UTF-8 helpers shared by the wire codecs (the protocol is big-endian throughout). */
final class Wire {
    private Wire() {
    }

    static int readInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
            | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }

    static int readShort(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 8) | (b[offset + 1] & 0xFF);
    }

    static long readLong(byte[] b, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[offset + i] & 0xFFL);
        }
        return v;
    }

    static void writeLong(long v, byte[] b, int offset) {
        for (int i = 7; i >= 0; i--) {
            b[offset + i] = (byte) v;
            v >>>= 8;
        }
    }

    static byte[] longBytes(long v) {
        byte[] b = new byte[8];
        writeLong(v, b, 0);
        return b;
    }

    static String utf8(byte[] b, int offset, int length) {
        return new String(b, offset, length, StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
