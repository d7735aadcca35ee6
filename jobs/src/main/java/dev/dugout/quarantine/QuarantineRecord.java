package dev.dugout.quarantine;

/**
 * An input that was not accepted, and why.
 *
 * @param source where it came from: {@code cricsheet}, {@code kafka}, {@code files}
 * @param position where exactly: file and JSON path, topic/partition/offset, file:line
 * @param recordKey match id, event id... when known, else null
 * @param rawText the input as it arrived, so nothing is lost
 */
public record QuarantineRecord(String source, String position, String recordKey, String reason,
    String rawText) implements java.io.Serializable {}
