package dev.dugout.testing.aerospike;

/** A request the server cannot decode; the connection that sent it is closed. */
final class ProtocolException extends RuntimeException {
    ProtocolException(String message) {
        super(message);
    }
}
