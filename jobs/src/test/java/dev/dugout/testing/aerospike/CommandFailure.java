package dev.dugout.testing.aerospike;

/** A record command that fails with a result code; the record is left unchanged. */
final class CommandFailure extends RuntimeException {
    private final int resultCode;

    CommandFailure(int resultCode, String message) {
        super(message, null, false, false);
        this.resultCode = resultCode;
    }

    int resultCode() {
        return resultCode;
    }
}
