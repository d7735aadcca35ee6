package dev.dugout.testing.aerospike;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The outer framing of the Aerospike wire protocol. Every request and response is an 8-byte
 * big-endian header (version 2 in the top byte, the proto type in the next, the body size in the
 * low 48 bits) followed by the body. Type 1 is the text info protocol, type 3 an AS_MSG (binary
 * record command), type 4 a zlib-compressed AS_MSG whose body is the 8-byte uncompressed size and
 * the deflated inner frame (header included).
 */
record ProtoFrame(int type, byte[] body) {
    static final int VERSION = 2;
    static final int TYPE_INFO = 1;
    static final int TYPE_MESSAGE = 3;
    static final int TYPE_COMPRESSED = 4;
    static final int HEADER_SIZE = 8;

    /** Larger than any message the client sends (its own limit is 128 MiB). */
    private static final long MAX_BODY_SIZE = 128L * 1024 * 1024;

    /** Reads one frame; returns null when the peer closed the connection between frames. */
    static ProtoFrame read(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        byte[] rest = new byte[HEADER_SIZE - 1];
        in.readFully(rest);
        long header = ((long) first << 56);
        for (int i = 0; i < rest.length; i++) {
            header |= (rest[i] & 0xFFL) << (8 * (6 - i));
        }
        int version = (int) (header >>> 56);
        int type = (int) ((header >>> 48) & 0xFF);
        long size = header & 0xFFFF_FFFF_FFFFL;
        if (version != VERSION) {
            throw new IOException("unsupported proto version " + version + " (expected " + VERSION + ")");
        }
        if (size > MAX_BODY_SIZE) {
            throw new IOException("proto body of " + size + " bytes exceeds " + MAX_BODY_SIZE);
        }
        byte[] body = new byte[(int) size];
        in.readFully(body);
        if (type == TYPE_COMPRESSED) {
            return inflate(body);
        }
        return new ProtoFrame(type, body);
    }

    private static ProtoFrame inflate(byte[] body) throws IOException {
        long innerSize = Wire.readLong(body, 0);
        byte[] inner = new byte[(int) innerSize];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, 8, body.length - 8);
            int n = inflater.inflate(inner);
            if (n != innerSize) {
                throw new IOException("compressed frame inflated to " + n + " bytes, header said " + innerSize);
            }
        } catch (DataFormatException e) {
            throw new IOException("compressed frame is not valid zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        DataInputStream innerIn = new DataInputStream(new java.io.ByteArrayInputStream(inner));
        ProtoFrame frame = read(innerIn);
        if (frame == null) {
            throw new EOFException("compressed frame holds no inner frame");
        }
        return frame;
    }

    static byte[] header(int type, long bodySize) {
        long header = ((long) VERSION << 56) | ((long) type << 48) | bodySize;
        byte[] bytes = new byte[HEADER_SIZE];
        Wire.writeLong(header, bytes, 0);
        return bytes;
    }

    static void write(OutputStream out, int type, byte[] body, int length) throws IOException {
        out.write(header(type, length));
        out.write(body, 0, length);
    }

    static void write(OutputStream out, int type, ByteArrayOutputStream body) throws IOException {
        out.write(header(type, body.size()));
        body.writeTo(out);
    }
}
