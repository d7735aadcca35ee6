package dev.dugout.landing;

import dev.dugout.tables.EventPayloads.Type;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.iceberg.spark.SparkSchemaUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the landing makes of each input record, before anything is written: the record's position,
 * and either the accepted event (envelope columns plus its payload in the column of its type) or
 * the reason it was refused and its raw text. One row per record; nothing is dropped.
 */
final class LandedRecords {
  private LandedRecords() {}

  static final String OK = "ok";
  static final String POSITION = "source_position";
  static final String REASON = "reason";
  static final String RAW_TEXT = "raw_text";
  static final String RECORD_KEY = "record_key";
  static final String EVENT_ID = "event_id";
  static final String TYPE = "type";
  static final String SCHEMA_VERSION = "schema_version";
  static final String OCCURRED_AT = "occurred_at";
  static final String SOURCE = "source";
  static final String PAYLOAD = "payload";

  /** The input of the parse: where a record was read, and its bytes. */
  static final StructType INPUT = new StructType()
      .add(POSITION, DataTypes.StringType, false)
      .add("bytes", DataTypes.BinaryType, true)
      .add("error", DataTypes.StringType, true);

  static final StructType SCHEMA = schema();

  private static StructType schema() {
    List<StructField> fields = new ArrayList<>(List.of(
        field(OK, DataTypes.BooleanType, false),
        field(POSITION, DataTypes.StringType, false),
        field(REASON, DataTypes.StringType, true),
        field(RAW_TEXT, DataTypes.StringType, true),
        field(RECORD_KEY, DataTypes.StringType, true),
        field(EVENT_ID, DataTypes.StringType, true),
        field(TYPE, DataTypes.StringType, true),
        field(SCHEMA_VERSION, DataTypes.IntegerType, true),
        field(OCCURRED_AT, DataTypes.TimestampType, true),
        field(SOURCE, DataTypes.StringType, true),
        field(PAYLOAD, DataTypes.StringType, true)));
    for (Type t : Type.values()) {
      fields.add(field(t.wireName(), SparkSchemaUtil.convert(t.payload()), true));
    }
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type,
      boolean nullable) {
    return new StructField(name, type, nullable, Metadata.empty());
  }

  /** Parses a partition of (position, bytes) records. */
  static Iterator<Row> parse(Iterator<Row> input) {
    EventParser parser = new EventParser();
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return input.hasNext();
      }

      @Override
      public Row next() {
        Row in = input.next();
        String position = in.getString(0);
        byte[] bytes = in.isNullAt(1) ? new byte[0] : (byte[]) in.get(1);
        if (!in.isNullAt(2)) {
          return refused(position, in.getString(2), null, null);
        }
        String text;
        try {
          // Most events are plain ASCII, which is valid UTF-8 as it stands: no decoder needed.
          text = ascii(bytes) ? new String(bytes, StandardCharsets.ISO_8859_1)
              : decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
          return refused(position, "not UTF-8 text", null,
              new String(bytes, StandardCharsets.ISO_8859_1));
        }
        EventParser.Parsed parsed = parser.parse(text);
        if (!parsed.ok()) {
          return refused(position, parsed.reason(), parsed.key(), text);
        }
        EventParser.Event e = parsed.event();
        Object[] values = new Object[SCHEMA.size()];
        values[0] = true;
        values[1] = position;
        values[5] = e.eventId();
        values[6] = e.type().wireName();
        values[7] = e.schemaVersion();
        values[8] = Timestamp.from(e.occurredAt());
        values[9] = e.source();
        values[10] = e.payloadJson();
        values[11 + e.type().ordinal()] = e.payload();
        return RowFactory.create(values);
      }
    };
  }

  private static boolean ascii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private static Row refused(String position, String reason, String key, String text) {
    Object[] values = new Object[SCHEMA.size()];
    values[0] = false;
    values[1] = position;
    values[2] = reason;
    values[3] = text;
    values[4] = key;
    return RowFactory.create(values);
  }

  /**
   * Splits landing files (path, content) into one record per non-blank line, positioned
   * {@code file:line}; {@code .gz} files are decompressed. Reading a file fails loudly, naming it.
   */
  static Iterator<Row> lines(Iterator<Row> files) {
    return new Iterator<>() {
      private Iterator<Row> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && files.hasNext()) {
          Row file = files.next();
          current = split(file.getString(0), (byte[]) file.get(1)).iterator();
        }
        return current.hasNext();
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  static List<Row> split(String path, byte[] content) {
    byte[] bytes;
    try {
      bytes = path.endsWith(".gz") ? gunzip(content) : content;
    } catch (IOException e) {
      // The whole file is unreadable: one quarantine record names it (the file itself stays in
      // the landing area; its path is the position).
      return List.of(RowFactory.create(path + ":0", null, "unreadable gzip file: " + e.getMessage()));
    }
    List<Row> rows = new ArrayList<>();
    int line = 1;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        if (!blank(bytes, start, end)) {
          byte[] record = java.util.Arrays.copyOfRange(bytes, start, end);
          rows.add(RowFactory.create(path + ":" + line, record, null));
        }
        line++;
        start = i + 1;
      }
    }
    return rows;
  }

  private static boolean blank(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static byte[] gunzip(byte[] content) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
      return in.readAllBytes();
    }
  }
}
