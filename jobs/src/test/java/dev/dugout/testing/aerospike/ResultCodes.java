package dev.dugout.testing.aerospike;

/** The server result codes this server answers (the same numbers as the client's {@code ResultCode}). */
final class ResultCodes {
    static final int OK = 0;
    static final int SERVER_ERROR = 1;
    static final int KEY_NOT_FOUND = 2;
    static final int GENERATION_ERROR = 3;
    static final int PARAMETER_ERROR = 4;
    static final int KEY_EXISTS = 5;
    static final int BIN_TYPE_ERROR = 12;
    static final int INVALID_NAMESPACE = 20;
    static final int FILTERED_OUT = 27;

    private ResultCodes() {
    }
}
